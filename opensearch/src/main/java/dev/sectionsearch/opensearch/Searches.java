package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.index.SectionAnalyzer;
import dev.sectionsearch.internal.passage.PassageBuilder;
import dev.sectionsearch.internal.search.Cursor;
import dev.sectionsearch.internal.search.LuceneQueries;
import dev.sectionsearch.internal.search.QueryPlan;
import dev.sectionsearch.internal.search.SearchBackend;
import dev.sectionsearch.internal.search.SearchPipeline;
import dev.sectionsearch.internal.search.VectorSearch;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SortOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * Runs {@link SearchRequest}s on the cluster: core's {@link SearchPipeline} (the query's reading,
 * paging, collapsing, totals, cursors, facet order, hits and passages) over a {@link SearchBackend}
 * that translates the library's reading of a query ({@link QueryPlan}) into OpenSearch's query
 * language part for part, reads pages with {@code search_after} on a point-in-time view, counts
 * with aggregations, and builds passages locally.
 *
 * <p>The translation keeps Lucene's query shape: each query word is a {@code bool} of its analysed
 * terms on content, heading and title with their boosts, a phrase a {@code match_phrase}, a prefix
 * a {@code prefix}, proximity pairs sloppy {@code match_phrase}s of already analysed terms. Scores
 * are then the embedded ones times {@code k1 + 1} (OpenSearch's legacy BM25), so constant-score
 * prefix clauses are boosted by that factor and every score is divided by it.
 *
 * <p>Thread-safe: the current view is guarded by this object's lock.
 */
final class Searches implements AutoCloseable {
  /** How long OpenSearch keeps a view open after its last page was read. */
  private static final String KEEP_ALIVE = "10m";

  /** The most views kept open for next pages, as the embedded index keeps. */
  private static final int MAX_KEPT_VIEWS = 16;

  /** Distinct documents counted exactly up to this many (OpenSearch's cardinality limit). */
  private static final int EXACT_CARDINALITY = 40_000;

  /** Facet values asked of each shard: enough for exact counts of all but huge key sets. */
  private static final int FACET_SHARD_SIZE = 10_000;

  private static final FieldType BODY_TYPE = bodyType();

  /**
   * Batches of sections for collapsed pages up to this size are read with the parts of their {@code
   * _source} that hits show (one request); larger ones with document ids only, and the sources of
   * the kept sections in a second request.
   */
  private static final int SOURCE_WITH_IDS = 256;

  private final Cluster cluster;
  private final String index;
  private final SectionAnalyzer analyzer = new SectionAnalyzer();
  private final PassageBuilder passages = new PassageBuilder(analyzer, IndexSchema.CONTENT);
  private final LuceneQueries queries;
  private final SearchPipeline pipeline;
  private final float k1Scale;
  private final float titleBoost;
  private final float headingBoost;
  private final float proximityBoost;
  private final int maxQueryWords;
  private final long refreshNanos;

  /** Views opened, oldest first; the last is the current one. */
  private final Deque<View> views = new ArrayDeque<>();

  private record View(String pit, long openedNanos) {}

  /**
   * @param vectors the semantic side, or null when the index has no vectors or no model to embed
   *     queries with
   * @param noVectors why semantic searches are refused when {@code vectors} is null, as the end of
   *     a sentence starting "a semantic search"
   */
  Searches(
      Cluster cluster,
      String index,
      OpenSearchSectionIndex.Builder builder,
      VectorSearch vectors,
      String noVectors) {
    this.cluster = cluster;
    this.index = index;
    this.k1Scale = builder.settings.k1() + 1;
    this.titleBoost = builder.settings.titleBoost();
    this.headingBoost = builder.settings.headingBoost();
    this.proximityBoost = builder.settings.proximityBoost();
    this.maxQueryWords = builder.settings.maxQueryWords();
    this.refreshNanos = builder.settings.refreshInterval().toNanos();
    this.queries = new LuceneQueries(analyzer, titleBoost, headingBoost, proximityBoost);
    this.pipeline = new SearchPipeline(analyzer, maxQueryWords, vectors, noVectors);
  }

  private static FieldType bodyType() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  /** Positions and terms of the library's analysis, "position:term", for the analysis check. */
  static List<String> positionsAndTerms(String text) {
    List<String> terms = new ArrayList<>();
    try (SectionAnalyzer analyzer = new SectionAnalyzer();
        TokenStream stream = analyzer.tokenStream(IndexSchema.CONTENT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        terms.add(position + ":" + term);
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  SearchResults search(SearchRequest request) {
    try {
      return pipeline.search(new Backend(request), request, Cursor.of(request));
    } catch (IOException e) {
      throw new UncheckedIOException("passages in memory", e);
    }
  }

  /**
   * The sections like one (see {@link SearchPipeline#related}).
   *
   * @throws IllegalArgumentException naming the section when the index does not hold it
   */
  SearchResults related(String docId, int ordinal, int limit) {
    try {
      return pipeline
          .related(new Backend(), docId, ordinal, limit)
          .orElseThrow(() -> SearchPipeline.noSuchSection(docId, ordinal));
    } catch (IOException e) {
      throw new UncheckedIOException("passages in memory", e);
    }
  }

  private static ObjectNode matchAll() {
    ObjectNode all = Cluster.JSON.createObjectNode();
    all.putObject("match_all");
    return all;
  }

  private JsonNode scoringQuery(QueryPlan plan) {
    ObjectNode root = Cluster.JSON.createObjectNode();
    ObjectNode bool = root.putObject("bool");
    for (QueryPlan.Part part : plan.parts()) {
      String occur =
          switch (part.occurrence()) {
            case MUST -> "must";
            case MUST_NOT -> "must_not";
            case SHOULD -> "should";
          };
      bool.withArray(occur).add(acrossFields(part));
    }
    for (List<String> pair : plan.proximityPairs()) {
      ObjectNode phrase =
          bool.withArray("should")
              .addObject()
              .putObject("match_phrase")
              .putObject(IndexSchema.CONTENT);
      phrase.put("query", pair.get(0) + " " + pair.get(1));
      phrase.put("slop", QueryPlan.PROXIMITY_SLOP);
      // the pair's terms are analysed already: split them at the space and nothing more
      phrase.put("analyzer", IndexLayout.TERMS);
      phrase.put("boost", proximityBoost);
    }
    return root;
  }

  /** A part on content, heading and title: a section scores the sum of its weighted fields. */
  private JsonNode acrossFields(QueryPlan.Part part) {
    ObjectNode root = Cluster.JSON.createObjectNode();
    ArrayNode should = root.putObject("bool").putArray("should");
    should.add(inField(part, IndexSchema.CONTENT, 1f));
    if (headingBoost != 0f) {
      should.add(inField(part, IndexSchema.HEADING, headingBoost));
    }
    if (titleBoost != 0f) {
      should.add(inField(part, IndexSchema.TITLE, titleBoost));
    }
    return root;
  }

  private JsonNode inField(QueryPlan.Part part, String field, float boost) {
    ObjectNode root = Cluster.JSON.createObjectNode();
    switch (part.kind()) {
      case PREFIX -> {
        // constant score: scaled as OpenSearch scales the BM25 clauses beside it
        ObjectNode prefix = root.putObject("prefix").putObject(field);
        prefix.put("value", part.text());
        prefix.put("boost", boost * k1Scale);
      }
      case PHRASE -> {
        ObjectNode phrase = root.putObject("match_phrase").putObject(field);
        phrase.put("query", part.text());
        phrase.put("boost", boost);
      }
      case WORD -> {
        if (part.terms().size() == 1 && part.synonyms().isEmpty()) {
          root.putObject("term")
              .putObject(field)
              .put("value", part.terms().get(0))
              .put("boost", boost);
        } else {
          ObjectNode bool = root.putObject("bool");
          ArrayNode terms = bool.putArray("should");
          if (part.terms().size() == 1 || part.synonyms().isEmpty()) {
            for (String term : part.terms()) {
              terms.addObject().putObject("term").put(field, term);
            }
          } else {
            // the words' own terms as one clause beside their synonyms, as the embedded query
            ArrayNode own = terms.addObject().putObject("bool").putArray("should");
            for (String term : part.terms()) {
              own.addObject().putObject("term").put(field, term);
            }
          }
          for (QueryPlan.Synonym synonym : part.synonyms()) {
            terms.add(synonym(synonym, field));
          }
          bool.put("boost", boost);
        }
      }
    }
    return root;
  }

  /** A synonym's term, or its phrase with the moves of its stop words, at its weight. */
  private static JsonNode synonym(QueryPlan.Synonym synonym, String field) {
    ObjectNode root = Cluster.JSON.createObjectNode();
    if (synonym.terms().size() == 1) {
      root.putObject("term")
          .putObject(field)
          .put("value", synonym.terms().get(0))
          .put("boost", synonym.weight());
    } else {
      ObjectNode phrase = root.putObject("match_phrase").putObject(field);
      phrase.put("query", String.join(" ", synonym.terms()));
      phrase.put("slop", synonym.slop());
      // the terms are analysed already: split them at the space and nothing more
      phrase.put("analyzer", IndexLayout.TERMS);
      phrase.put("boost", synonym.weight());
    }
    return root;
  }

  private static JsonNode withFilters(JsonNode query, SearchRequest request) {
    if (request.since().isEmpty() && request.until().isEmpty() && request.filters().isEmpty()) {
      return query;
    }
    ObjectNode root = Cluster.JSON.createObjectNode();
    ObjectNode bool = root.putObject("bool");
    bool.putArray("must").add(query);
    ArrayNode filters = bool.putArray("filter");
    if (request.since().isPresent() || request.until().isPresent()) {
      ObjectNode range = filters.addObject().putObject("range").putObject(IndexSchema.DATE);
      request.since().ifPresent(since -> range.put("gte", since.toEpochDay()));
      request.until().ifPresent(until -> range.put("lte", until.toEpochDay()));
    }
    request
        .filters()
        .forEach(
            (key, values) -> {
              ArrayNode terms =
                  filters.addObject().putObject("terms").putArray(IndexLayout.metadataField(key));
              values.forEach(terms::add);
            });
    return root;
  }

  private static ArrayNode sort(SortOrder order) {
    ArrayNode sort = Cluster.JSON.createArrayNode();
    if (order == SortOrder.NEWEST || order == SortOrder.OLDEST) {
      sort.addObject()
          .putObject(IndexSchema.DATE)
          .put("order", order == SortOrder.NEWEST ? "desc" : "asc")
          .put("missing", "_last");
    }
    sort.addObject().put("_score", "desc");
    sort.addObject().put(IndexSchema.SECTION_KEY, "asc");
    return sort;
  }

  /**
   * What a hit's {@code _source} must hold for the request: the fields a hit shows, its text and
   * source map only when it shows passages or its text, its chunk ranges only when it may show
   * semantic passages. Never the analysed copies ({@code content}, {@code title}, {@code heading})
   * nor the chunk vectors (read only for the hits that show semantic passages): a request for 1,000
   * hits without passages then reads a few hundred bytes a hit, not the whole section twice.
   */
  static ArrayNode fetchedFields(SearchRequest request) {
    boolean passages = request.maxPassages() > 0;
    return fetchedFields(
        passages || request.sectionText(),
        passages && !request.mode().equals(Optional.of(SearchMode.LEXICAL)));
  }

  /** The {@code _source} fields a hit shows, with its text and source map, with its chunks. */
  private static ArrayNode fetchedFields(boolean text, boolean chunks) {
    ArrayNode fields = Cluster.JSON.createArrayNode();
    fields.add(IndexSchema.DOC_ID).add(IndexSchema.ORDINAL);
    for (String field :
        List.of(
            IndexSchema.TITLE,
            IndexSchema.HEADING_PATH,
            IndexSchema.SOURCE,
            IndexSchema.START,
            IndexSchema.END,
            IndexSchema.DATE,
            IndexSchema.METADATA)) {
      fields.add(IndexLayout.STORED + "." + field);
    }
    if (text) {
      fields.add(IndexLayout.STORED + "." + IndexSchema.BODY);
      fields.add(IndexLayout.STORED + "." + IndexSchema.SOURCE_MAP);
    }
    if (chunks) {
      fields.add(IndexLayout.STORED + "." + IndexSchema.CHUNKS);
    }
    return fields;
  }

  /**
   * A search for a page of hits: with the parts of {@code _source} in {@code fetched}, or, when
   * that is null, only each hit's document id (a doc value: no stored field read).
   */
  private ObjectNode body(
      JsonNode query, SortOrder order, Optional<List<Object>> after, int size, ArrayNode fetched) {
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.put("size", size);
    body.set("query", query);
    body.set("sort", sort(order));
    if (fetched == null) {
      idsOnly(body);
    } else {
      body.putObject("_source").set("includes", fetched);
    }
    after.ifPresent(
        values -> {
          ArrayNode array = body.putArray("search_after");
          for (Object value : values) {
            if (value instanceof Float score) {
              array.add(score);
            } else {
              array.add((Long) value);
            }
          }
        });
    return body;
  }

  /**
   * Makes a search read no stored field, only doc values: a hit's document id and ordinal, and so
   * its OpenSearch id ({@link #sectionId}). Reading a hit's {@code _id} or any stored field
   * decompresses its whole stored {@code _source} (text, source map and packed vectors, 10-20 KB a
   * section with vectors): for thousands of hits, most of a search's time.
   */
  private static void idsOnly(ObjectNode body) {
    body.put("stored_fields", "_none_");
    body.putArray("docvalue_fields")
        .add(IndexSchema.DOC_ID)
        .add(IndexSchema.ORDINAL)
        .add(IndexSchema.SECTION_KEY);
  }

  /** The OpenSearch id of a hit read by {@link #idsOnly}, from its doc values. */
  private static String sectionId(JsonNode hit) {
    JsonNode fields = hit.path("fields");
    return IndexLayout.sectionId(
        fields.path(IndexSchema.DOC_ID).path(0).asText(),
        fields.path(IndexSchema.ORDINAL).path(0).asInt());
  }

  private record Result(JsonNode json, String pit) {
    /** Shards that did not answer: their sections are missing from the hits. */
    int failedShards() {
      return json.path("_shards").path("failed").asInt();
    }
  }

  /**
   * Runs a search on a view: the cursor's (or an earlier batch's), while OpenSearch keeps it, else
   * the current one. A cursor's view that expired is replaced by the current one, as the embedded
   * index does after ten minutes: positions may then shift by what changed meanwhile.
   */
  private Result run(ObjectNode body, String view) {
    if (view != null) {
      Optional<Result> onSameView = tryOn(body, view);
      if (onSameView.isPresent() && onSameView.get().failedShards() == 0) {
        return onSameView.get();
      }
    }
    Optional<Result> result = tryOn(body, currentView());
    if (result.isPresent() && result.get().failedShards() == 0) {
      return result.get();
    }
    // the view expired (idle for ten minutes), or a node holding part of it died: a new view
    // reads the shard copies that are left, replicas promoted in place of lost primaries
    viewChanged();
    return tryOn(body, currentView())
        .orElseThrow(
            () ->
                new SectionSearchException(
                    "OpenSearch at "
                        + cluster.urls()
                        + " lost the view of index "
                        + index
                        + " just opened"));
  }

  private Optional<Result> tryOn(ObjectNode body, String pit) {
    ObjectNode request = body.deepCopy();
    request.putObject("pit").put("id", pit).put("keep_alive", KEEP_ALIVE);
    Cluster.Reply reply =
        cluster.call("POST", "/_search", Map.of("search_type", "dfs_query_then_fetch"), request);
    if (reply.ok()) {
      return Optional.of(new Result(reply.json(), reply.json().path("pit_id").asText(pit)));
    }
    String reason = reply.reason();
    if (reply.status() == 404
        || reason.contains("search_context_missing")
        || reason.contains("No search context")) {
      return Optional.empty();
    }
    throw new SectionSearchException(
        "OpenSearch at " + cluster.urls() + " could not search index " + index + ": " + reason);
  }

  /** The current view, opened anew when it is older than the refresh interval. */
  private synchronized String currentView() {
    View current = views.peekLast();
    long now = System.nanoTime();
    if (current != null && now - current.openedNanos < Math.max(refreshNanos, 1)) {
      return current.pit;
    }
    JsonNode reply =
        cluster.require(
            "POST", "/" + index + "/_search/point_in_time", Map.of("keep_alive", KEEP_ALIVE), null);
    View view = new View(reply.path("pit_id").asText(), now);
    views.addLast(view);
    while (views.size() > MAX_KEPT_VIEWS) {
      deleteView(views.removeFirst());
    }
    return view.pit;
  }

  /** Makes the next search open a new view, after a refresh. */
  synchronized void viewChanged() {
    View current = views.pollLast();
    if (current != null) {
      views.addLast(new View(current.pit, Long.MIN_VALUE / 2));
    }
  }

  private void deleteView(View view) {
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.putArray("pit_id").add(view.pit);
    // a view that expired already is gone: nothing to report
    cluster.call("DELETE", "/_search/point_in_time", Map.of(), body);
  }

  private long countDocuments(JsonNode query) {
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.put("size", 0);
    body.put("track_total_hits", false);
    body.set("query", query);
    body.putObject("aggs")
        .putObject("documents")
        .putObject("cardinality")
        .put("field", IndexSchema.DOC_ID)
        .put("precision_threshold", EXACT_CARDINALITY);
    JsonNode reply = cluster.require("POST", "/" + index + "/_search", Map.of(), body);
    return reply.path("aggregations").path("documents").path("value").asLong();
  }

  /**
   * Counts of each facet key's values among the matches: sections, or documents when collapsed; the
   * date facet by year.
   */
  private Map<String, Map<String, Long>> facets(
      JsonNode query, List<String> keys, boolean documents) {
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.put("size", 0);
    body.put("track_total_hits", false);
    body.set("query", query);
    ObjectNode aggs = body.putObject("aggs");
    for (int k = 0; k < keys.size(); k++) {
      boolean years = keys.get(k).equals(SearchRequest.DATE_FACET);
      ObjectNode facet = aggs.putObject("f" + k);
      ObjectNode terms = facet.putObject("terms");
      terms.put("field", years ? IndexLayout.YEAR : IndexLayout.metadataField(keys.get(k)));
      terms.put("size", years ? 10_000 : FACET_SHARD_SIZE);
      terms.put("shard_size", FACET_SHARD_SIZE);
      if (documents) {
        facet
            .putObject("aggs")
            .putObject("documents")
            .putObject("cardinality")
            .put("field", IndexSchema.DOC_ID)
            .put("precision_threshold", EXACT_CARDINALITY);
      }
    }
    JsonNode reply = cluster.require("POST", "/" + index + "/_search", Map.of(), body);
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      Map<String, Long> counts = new HashMap<>();
      for (JsonNode bucket : reply.path("aggregations").path("f" + k).path("buckets")) {
        long count =
            documents
                ? bucket.path("documents").path("value").asLong()
                : bucket.path("doc_count").asLong();
        counts.put(bucket.path("key").asText(), count);
      }
      facets.put(keys.get(k), counts);
    }
    return facets;
  }

  /**
   * Passages built here, by the embedded index's own passage code, over a small in-memory index of
   * the hits' texts: the highlighter reads match offsets from postings, and its passage scores
   * depend only on each text, so they are the embedded ones.
   */
  private List<List<Passage>> localPassages(
      org.apache.lucene.search.Query highlight, String[] bodies, int maxPassages) {
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
        for (String body : bodies) {
          org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
          doc.add(new Field(IndexSchema.CONTENT, body, BODY_TYPE));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        int[] ids = new int[bodies.length];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = i;
        }
        return passages.passages(new IndexSearcher(reader), highlight, ids, bodies, maxPassages);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("passages in memory", e);
    }
  }

  /** Sections by rank, with their scores and section keys. */
  private static final class Ranking {
    final List<String> ids;
    final float[] scores;
    final long[] keys;

    Ranking(List<String> ids, float[] scores, long[] keys) {
      this.ids = ids;
      this.scores = scores;
      this.keys = keys;
    }
  }

  /**
   * The best {@code k} sections of a query on the current view, scores divided by {@code scale}.
   */
  private Ranking ranking(JsonNode query, int k, float scale) {
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.put("size", k);
    body.set("query", query);
    idsOnly(body);
    body.put("track_total_hits", false);
    JsonNode hits = run(body, null).json.path("hits").path("hits");
    List<String> ids = new ArrayList<>(hits.size());
    float[] scores = new float[hits.size()];
    long[] keys = new long[hits.size()];
    for (JsonNode hit : hits) {
      scores[ids.size()] = (float) (hit.path("_score").asDouble() / scale);
      keys[ids.size()] = hit.path("fields").path(IndexSchema.SECTION_KEY).path(0).asLong();
      ids.add(sectionId(hit));
    }
    return new Ranking(ids, scores, keys);
  }

  /**
   * The sections whose best chunk is nearest the query: each section's chunks are nested documents,
   * searched by OpenSearch with Lucene's diversifying k-NN query (one chunk a section among the k
   * nearest), the section scored by that chunk. The filter, on sections, applies before the search.
   */
  private static JsonNode nearestQuery(float[] vector, JsonNode filter, int k) {
    ObjectNode root = Cluster.JSON.createObjectNode();
    ObjectNode nested = root.putObject("nested");
    nested.put("path", IndexLayout.CHUNKS);
    nested.put("score_mode", "max");
    ObjectNode knn = nested.putObject("query").putObject("knn").putObject(IndexLayout.VECTOR);
    ArrayNode values = knn.putArray("vector");
    for (float value : vector) {
      values.add(value);
    }
    knn.put("k", k);
    if (filter != null) {
      knn.set("filter", filter);
    }
    return root;
  }

  /**
   * What every candidate found by meaning must satisfy, or null for nothing: the request's date and
   * metadata filters and the query's required and excluded words.
   */
  private JsonNode constraints(SearchRequest request, QueryPlan plan) {
    ObjectNode root = Cluster.JSON.createObjectNode();
    ObjectNode bool = root.putObject("bool");
    // OpenSearch applies a nested k-NN search's filter to the sections and searches their chunks,
    // but a filter of exclusions only (match_all beside must_not) excludes nothing and an exists
    // query matches nothing (measured on 2.19.1): so the filter always holds a range every section
    // matches
    bool.putArray("filter")
        .addObject()
        .putObject("range")
        .putObject(IndexSchema.ORDINAL)
        .put("gte", 0);
    JsonNode filters = withFilters(matchAll(), request);
    boolean any = filters.has("bool");
    if (any) {
      bool.withArray("filter").add(filters);
    }
    for (QueryPlan.Part part : plan.parts()) {
      if (part.occurrence() == QueryPlan.Occurrence.MUST) {
        bool.withArray("filter").add(acrossFields(part));
        any = true;
      } else if (part.occurrence() == QueryPlan.Occurrence.MUST_NOT) {
        bool.withArray("must_not").add(acrossFields(part));
        any = true;
      }
    }
    return any ? root : null;
  }

  /**
   * A query matching the candidates only, each scoring its given score: one {@code ids} query and a
   * script reading each candidate's score by its section key. Not a clause per candidate: Lucene
   * refuses a query of more than 1,024 clauses ({@code indices.query.bool.max_clause_count}), and a
   * request for 1,000 hits has up to 2,002 candidates. The script is Painless, which every
   * OpenSearch distribution has and the k-NN plugin needs.
   */
  private static JsonNode scored(Map<String, Float> scores, Map<String, Long> keys) {
    ObjectNode root = Cluster.JSON.createObjectNode();
    if (scores.isEmpty()) {
      root.putObject("bool").putArray("must_not").add(matchAll());
      return root;
    }
    ObjectNode scriptScore = root.putObject("script_score");
    ArrayNode ids = scriptScore.putObject("query").putObject("ids").putArray("values");
    ObjectNode script = scriptScore.putObject("script");
    script.put(
        "source",
        "def s = params.scores.get(Long.toString(doc['"
            + IndexSchema.SECTION_KEY
            + "'].value)); return s == null ? 0 : s;");
    ObjectNode byKey = script.putObject("params").putObject("scores");
    scores.forEach(
        (id, score) -> {
          ids.add(id);
          byKey.put(Long.toString(keys.get(id)), score);
        });
    return root;
  }

  /**
   * The cluster as a {@link SearchBackend} for one request: the plan translated into OpenSearch's
   * JSON, pages read with {@code search_after} on a point-in-time view, and a hit's handle its
   * JSON.
   */
  private final class Backend implements SearchBackend<JsonNode, JsonNode> {
    /** The parts of each hit's {@code _source} that the request needs. */
    private final ArrayNode fetched;

    /** The view of the last page read, which hits read without their source are read from. */
    private String lastView;

    Backend(SearchRequest request) {
      this.fetched = fetchedFields(request);
    }

    /** A backend that reads every field a hit may need: texts, source maps and chunks. */
    Backend() {
      this.fetched = fetchedFields(true, true);
    }

    /** Scores are the embedded ones times this (see the class documentation); 1 when not scored. */
    private float scale = 1f;

    /** The most shards that did not answer any search of this request. */
    private int failed;

    @Override
    public Optional<IndexReader> statistics() {
      return Optional.empty();
    }

    @Override
    public JsonNode all() {
      return matchAll();
    }

    @Override
    public Optional<JsonNode> scoring(QueryPlan plan) {
      if (plan.nothingToSearch()) {
        return Optional.empty();
      }
      scale = k1Scale;
      return Optional.of(scoringQuery(plan));
    }

    @Override
    public JsonNode allExcept(QueryPlan plan) {
      ObjectNode bool = Cluster.JSON.createObjectNode();
      ObjectNode inner = bool.putObject("bool");
      inner.putArray("must").add(matchAll());
      if (!plan.parts().isEmpty()) {
        // an empty bool matches everything: excluded words that are all stop words exclude nothing
        ObjectNode excluded = inner.putArray("must_not").addObject().putObject("bool");
        ArrayNode any = excluded.putArray("should");
        for (QueryPlan.Part part : plan.parts()) {
          any.add(acrossFields(part));
        }
      }
      return bool;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A {@code function_score} summing a weight of 1 and, for dated sections, an exponential
     * decay of the date halving every half-life, multiplied into the score: core's {@link
     * dev.sectionsearch.internal.search.Recency#factor}.
     */
    @Override
    public JsonNode recent(JsonNode query, long today, long halfLifeDays) {
      ObjectNode root = Cluster.JSON.createObjectNode();
      ObjectNode function = root.putObject("function_score");
      function.set("query", query);
      ArrayNode functions = function.putArray("functions");
      functions.addObject().put("weight", 1);
      ObjectNode decay = functions.addObject();
      // only dated sections: a decay function gives a section without the field 1, as if new
      decay
          .putObject("filter")
          .putObject("range")
          .putObject(IndexSchema.DATE)
          .put("gte", Long.MIN_VALUE);
      ObjectNode exp = decay.putObject("exp").putObject(IndexSchema.DATE);
      exp.put("origin", today);
      exp.put("scale", halfLifeDays);
      exp.put("decay", 0.5);
      decay.put("weight", 1);
      function.put("score_mode", "sum");
      function.put("boost_mode", "multiply");
      return root;
    }

    @Override
    public JsonNode filtered(JsonNode query, SearchRequest request) {
      return withFilters(query, request);
    }

    @Override
    public JsonNode inDocument(JsonNode query, String docId) {
      ObjectNode inDocument = Cluster.JSON.createObjectNode();
      ObjectNode bool = inDocument.putObject("bool");
      bool.putArray("must").add(query);
      bool.putArray("filter").addObject().putObject("term").put(IndexSchema.DOC_ID, docId);
      return inDocument;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The nearest sections are a k-NN search of the chunk vectors (the filters and the query's
     * required and excluded words as a pre-filter); the candidates become constant-score clauses on
     * their ids.
     */
    @Override
    public JsonNode byMeaning(
        SearchMode mode,
        QueryPlan plan,
        SearchRequest request,
        float[] vector,
        Optional<JsonNode> scoring,
        int k) {
      // the candidates' scores are the fused (or k-NN) ones, not BM25's
      scale = 1f;
      Ranking nearest = ranking(nearestQuery(vector, constraints(request, plan), k), k, 1f);
      Map<String, Float> scores;
      Map<String, Long> keys = new HashMap<>();
      for (int i = 0; i < nearest.ids.size(); i++) {
        keys.put(nearest.ids.get(i), nearest.keys[i]);
      }
      if (mode == SearchMode.SEMANTIC || scoring.isEmpty()) {
        scores = new HashMap<>();
        for (int i = 0; i < nearest.ids.size(); i++) {
          scores.put(nearest.ids.get(i), nearest.scores[i]);
        }
      } else {
        Ranking words = ranking(withFilters(scoring.get(), request), k, k1Scale);
        for (int i = 0; i < words.ids.size(); i++) {
          keys.put(words.ids.get(i), words.keys[i]);
        }
        scores = VectorSearch.fuse(words.ids, words.scores, nearest.ids, nearest.scores);
      }
      return scored(scores, keys);
    }

    @Override
    public Batch<JsonNode> top(
        JsonNode query,
        SortOrder order,
        String view,
        Optional<List<Object>> after,
        int n,
        int counted,
        boolean docIds) {
      // a batch of sections to keep the first of each document from (a collapsed page: up to
      // four times the hits asked for) reads only their document ids; read() fetches the kept
      boolean idsOnly = docIds && n > SOURCE_WITH_IDS;
      ObjectNode body = body(query, order, after, n, idsOnly ? null : fetched);
      if (counted == Integer.MAX_VALUE) {
        body.put("track_total_hits", true);
      } else if (counted <= n) {
        body.put("track_total_hits", false);
      } else {
        body.put("track_total_hits", counted);
      }
      Result result = run(body, view);
      lastView = result.pit;
      failed = Math.max(failed, result.failedShards());
      int scoreField = order == SortOrder.RELEVANCE ? 0 : 1;
      List<Hit<JsonNode>> hits = new ArrayList<>();
      for (JsonNode hit : result.json.path("hits").path("hits")) {
        List<Object> values = new ArrayList<>();
        JsonNode sort = hit.path("sort");
        for (int i = 0; i < sort.size(); i++) {
          values.add(i == scoreField ? (Object) sort.get(i).floatValue() : sort.get(i).asLong());
        }
        JsonNode score = hit.path("_score");
        if (idsOnly) {
          // the ids, where read() and the rest look for them; read() adds the rest
          ((ObjectNode) hit).put("_id", sectionId(hit));
          ((ObjectNode) hit)
              .putObject("_source")
              .put(
                  IndexSchema.DOC_ID, hit.path("fields").path(IndexSchema.DOC_ID).path(0).asText());
        }
        hits.add(
            new Hit<>(
                hit,
                hit.path("_id").asText(),
                score.isNumber() ? (float) (score.asDouble() / scale) : 0f,
                values,
                hit.path("_source").path(IndexSchema.DOC_ID).asText()));
      }
      JsonNode total = result.json.path("hits").path("total");
      return new Batch<>(
          hits,
          total.path("value").asLong(),
          "eq".equals(total.path("relation").asText()),
          result.pit);
    }

    @Override
    public long countDocuments(JsonNode query) {
      return Searches.this.countDocuments(query);
    }

    @Override
    public Map<String, Map<String, Long>> facets(
        JsonNode query, List<String> keys, boolean documents) {
      return Searches.this.facets(query, keys, documents);
    }

    /**
     * Fetches, in one search on the last page's view, the {@code _source} of the hits read with
     * their document ids only, and puts it in their JSON.
     */
    private void fetchSources(List<Hit<JsonNode>> hits) {
      Map<String, ObjectNode> missing = new LinkedHashMap<>();
      for (Hit<JsonNode> hit : hits) {
        if (!hit.ref().path("_source").has(IndexLayout.STORED)) {
          missing.put(hit.ref().path("_id").asText(), (ObjectNode) hit.ref());
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      ObjectNode search = Cluster.JSON.createObjectNode();
      search.put("size", missing.size());
      search.put("track_total_hits", false);
      ArrayNode ids = search.putObject("query").putObject("ids").putArray("values");
      missing.keySet().forEach(ids::add);
      search.putObject("_source").set("includes", fetched);
      Result result = run(search, lastView);
      failed = Math.max(failed, result.failedShards());
      for (JsonNode found : result.json.path("hits").path("hits")) {
        ObjectNode hit = missing.get(found.path("_id").asText());
        if (hit != null) {
          hit.set("_source", found.path("_source"));
        }
      }
    }

    @Override
    public List<StoredSection> read(List<Hit<JsonNode>> hits, boolean body, boolean chunks) {
      fetchSources(hits);
      List<StoredSection> sections = new ArrayList<>(hits.size());
      for (Hit<JsonNode> hit : hits) {
        JsonNode source = hit.ref().path("_source");
        JsonNode stored = source.path(IndexLayout.STORED);
        sections.add(
            new StoredSection(
                source.path(IndexSchema.DOC_ID).asText(),
                IndexLayout.text(stored, IndexSchema.TITLE),
                IndexLayout.headingPath(stored),
                source.path(IndexSchema.ORDINAL).asInt(),
                IndexLayout.text(stored, IndexSchema.SOURCE),
                stored.path(IndexSchema.START).asInt(),
                stored.path(IndexSchema.END).asInt(),
                IndexLayout.date(stored),
                0,
                IndexLayout.metadata(stored),
                IndexLayout.sourceMap(stored),
                IndexLayout.text(stored, IndexSchema.BODY),
                0,
                chunks ? IndexLayout.chunks(stored) : null));
      }
      return sections;
    }

    @Override
    public List<List<Passage>> passages(
        List<Hit<JsonNode>> hits, List<StoredSection> sections, QueryPlan plan, int maxPassages) {
      String[] bodies = new String[sections.size()];
      for (int i = 0; i < bodies.length; i++) {
        bodies[i] = sections.get(i).body();
      }
      return localPassages(queries.translate(plan).highlight(), bodies, maxPassages);
    }

    /** The chunk vectors of the hits asked for, read in one request. */
    @Override
    public Map<Integer, float[]> chunkScores(
        List<Hit<JsonNode>> hits, Map<Integer, Integer> chunks, float[] vector) {
      ObjectNode mget = Cluster.JSON.createObjectNode();
      ArrayNode docs = mget.putArray("docs");
      List<Integer> wanted = new ArrayList<>(chunks.keySet());
      for (int i : wanted) {
        JsonNode hit = hits.get(i).ref();
        ObjectNode doc = docs.addObject();
        doc.put("_id", hit.path("_id").asText());
        doc.put(
            "routing", IndexLayout.routing(hit.path("_source").path(IndexSchema.DOC_ID).asText()));
        doc.putArray("_source").add(IndexLayout.CHUNKS).add(IndexLayout.STORED_VECTORS);
      }
      JsonNode read = cluster.require("POST", "/" + index + "/_mget", Map.of(), mget).path("docs");
      Map<Integer, float[]> scores = new HashMap<>();
      for (int w = 0; w < wanted.size(); w++) {
        List<float[]> vectors =
            IndexLayout.vectors(read.path(w).path("_source"), chunks.get(wanted.get(w)));
        if (vectors.size() != chunks.get(wanted.get(w))) {
          continue;
        }
        float[] closeness = new float[vectors.size()];
        boolean sameModel = true;
        for (int c = 0; c < closeness.length; c++) {
          sameModel &= vectors.get(c).length == vector.length;
          closeness[c] = sameModel ? VectorUtil.dotProduct(vector, vectors.get(c)) : 0f;
        }
        if (sameModel) {
          scores.put(wanted.get(w), closeness);
        }
      }
      return scores;
    }

    @Override
    public JsonNode without(JsonNode query, JsonNode excluded) {
      ObjectNode root = Cluster.JSON.createObjectNode();
      ObjectNode bool = root.putObject("bool");
      bool.putArray("must").add(query);
      bool.putArray("must_not").add(excluded);
      return root;
    }

    @Override
    public Optional<JsonNode> section(String docId, int ordinal) {
      ObjectNode term = Cluster.JSON.createObjectNode();
      term.putObject("term").put(IndexSchema.ORDINAL, ordinal);
      return Optional.of(inDocument(term, docId));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One search of no hits: a {@code filters} aggregation with a bucket per term on the content
     * field, and the sections with content counted.
     */
    @Override
    public Frequencies frequencies(List<String> terms) {
      ObjectNode body = Cluster.JSON.createObjectNode();
      body.put("size", 0);
      body.put("track_total_hits", true);
      body.putObject("query").putObject("exists").put("field", IndexSchema.CONTENT);
      ObjectNode filters =
          body.putObject("aggs").putObject("terms").putObject("filters").putObject("filters");
      for (int i = 0; i < terms.size(); i++) {
        filters.putObject("t" + i).putObject("term").put(IndexSchema.CONTENT, terms.get(i));
      }
      JsonNode answer = cluster.require("POST", "/" + index + "/_search", Map.of(), body);
      JsonNode buckets = answer.path("aggregations").path("terms").path("buckets");
      Map<String, Long> counts = new HashMap<>();
      for (int i = 0; i < terms.size(); i++) {
        counts.put(terms.get(i), buckets.path("t" + i).path("doc_count").asLong());
      }
      return new Frequencies(answer.path("hits").path("total").path("value").asLong(), counts);
    }

    /** The section's stored chunk vectors, read by its id. */
    @Override
    public List<float[]> chunkVectors(Hit<JsonNode> hit, int chunks) {
      ObjectNode mget = Cluster.JSON.createObjectNode();
      ObjectNode doc = mget.putArray("docs").addObject();
      doc.put("_id", hit.ref().path("_id").asText());
      doc.put(
          "routing",
          IndexLayout.routing(hit.ref().path("_source").path(IndexSchema.DOC_ID).asText()));
      doc.putArray("_source").add(IndexLayout.CHUNKS).add(IndexLayout.STORED_VECTORS);
      JsonNode read =
          cluster.require("POST", "/" + index + "/_mget", Map.of(), mget).path("docs").path(0);
      List<float[]> vectors = IndexLayout.vectors(read.path("_source"), chunks);
      return vectors.size() == chunks ? vectors : List.of();
    }

    @Override
    public List<String> notes() {
      // a shard with no copy left (red index): the rest still answers, and says so
      return failed == 0
          ? List.of()
          : List.of(
              failed
                  + " shard(s) of index "
                  + index
                  + " did not answer: sections held only there are missing from these results");
    }
  }

  @Override
  public synchronized void close() {
    if (views.isEmpty()) {
      return;
    }
    ObjectNode body = Cluster.JSON.createObjectNode();
    ArrayNode ids = body.putArray("pit_id");
    views.forEach(view -> ids.add(view.pit));
    views.clear();
    cluster.call("DELETE", "/_search/point_in_time", Map.of(), body);
  }
}
