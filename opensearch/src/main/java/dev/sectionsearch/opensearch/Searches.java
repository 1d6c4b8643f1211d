package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.index.SectionAnalyzer;
import dev.sectionsearch.internal.index.SourceMap;
import dev.sectionsearch.internal.passage.PassageBuilder;
import dev.sectionsearch.internal.passage.SemanticPassages;
import dev.sectionsearch.internal.search.QueryPlan;
import dev.sectionsearch.internal.search.SearchKey;
import dev.sectionsearch.internal.search.VectorSearch;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SortOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * Runs {@link SearchRequest}s on the cluster: translates the library's reading of a query ({@link
 * QueryPlan}) into OpenSearch's query language clause for clause, pages with {@code search_after}
 * on a point-in-time view, collapses, counts facets, and builds passages locally.
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

  private static final String CURSOR_PREFIX = "os1.";

  /** Distinct documents counted exactly up to this many (OpenSearch's cardinality limit). */
  private static final int EXACT_CARDINALITY = 40_000;

  /** Facet values asked of each shard: enough for exact counts of all but huge key sets. */
  private static final int FACET_SHARD_SIZE = 10_000;

  private static final FieldType BODY_TYPE = bodyType();

  private final Cluster cluster;
  private final String index;
  private final SectionAnalyzer analyzer = new SectionAnalyzer();
  private final PassageBuilder passages = new PassageBuilder(analyzer, IndexSchema.BODY);
  private final float k1Scale;
  private final float titleBoost;
  private final float headingBoost;
  private final float proximityBoost;
  private final int maxQueryWords;
  private final long refreshNanos;

  /** Semantic and hybrid search, or null on an index without vectors (or opened without model). */
  private final VectorSearch vectors;

  /** Why a semantic search is refused when {@link #vectors} is null, ending a sentence. */
  private final String noVectors;

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
    this.vectors = vectors;
    this.noVectors = noVectors;
    this.cluster = cluster;
    this.index = index;
    this.k1Scale = builder.settings.k1() + 1;
    this.titleBoost = builder.settings.titleBoost();
    this.headingBoost = builder.settings.headingBoost();
    this.proximityBoost = builder.settings.proximityBoost();
    this.maxQueryWords = builder.settings.maxQueryWords();
    this.refreshNanos = builder.settings.refreshInterval().toNanos();
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
    String text = request.query();
    QueryPlan plan = null;
    JsonNode scoring;
    boolean scored;
    if (request.isBrowse()) {
      scoring = matchAll();
      scored = false;
    } else {
      plan = QueryPlan.of(text, analyzer, maxQueryWords, proximityBoost);
      if (plan.onlyExclusions()) {
        ObjectNode bool = Cluster.JSON.createObjectNode();
        ObjectNode inner = bool.putObject("bool");
        inner.putArray("must").add(matchAll());
        ObjectNode excluded = inner.putArray("must_not").addObject().putObject("bool");
        ArrayNode any = excluded.putArray("should");
        for (QueryPlan.Part part : plan.parts()) {
          any.add(acrossFields(part));
        }
        scoring = bool;
        scored = false;
      } else {
        SearchMode mode = VectorSearch.modeOf(request, vectors, noVectors);
        if (mode != SearchMode.LEXICAL) {
          return byMeaning(request, plan, mode);
        }
        if (plan.nothingToSearch()) {
          return SearchResults.builder(text).note(QueryPlan.nothingToSearchNote(text)).build();
        }
        scoring = scoringQuery(plan);
        scored = true;
      }
    }
    return results(request, plan, scoring, scored, scored ? k1Scale : 1f, Optional.empty());
  }

  /**
   * A semantic or hybrid search, as the embedded index runs it ({@link VectorSearch}): the nearest
   * sections (a k-NN search of the chunk vectors, the filters and the query's required and excluded
   * words as a pre-filter) and, for hybrid, the best lexical ones, fused by the embedded code; the
   * candidates with their scores are then sorted, paged, collapsed and counted like a lexical
   * search's matches. A query of stop words only still has a meaning.
   */
  private SearchResults byMeaning(SearchRequest request, QueryPlan plan, SearchMode mode) {
    float[] query = vectors.embedQuery(request.query());
    int k = VectorSearch.candidates(request);
    Ranking nearest = ranking(nearestQuery(query, constraints(request, plan), k), k, 1f);
    Map<String, Float> scores;
    if (mode == SearchMode.SEMANTIC || plan.nothingToSearch()) {
      scores = new HashMap<>();
      for (int i = 0; i < nearest.ids.size(); i++) {
        scores.put(nearest.ids.get(i), nearest.scores[i]);
      }
    } else {
      Ranking words = ranking(withFilters(scoringQuery(plan), request), k, k1Scale);
      scores = VectorSearch.fuse(words.ids, words.scores, nearest.ids, nearest.scores);
    }
    return results(request, plan, scored(scores), true, 1f, Optional.of(query));
  }

  /** Sections by rank, with their scores. */
  private static final class Ranking {
    final List<String> ids;
    final float[] scores;

    Ranking(List<String> ids, float[] scores) {
      this.ids = ids;
      this.scores = scores;
    }
  }

  /**
   * The best {@code k} sections of a query on the current view, scores divided by {@code scale}.
   */
  private Ranking ranking(JsonNode query, int k, float scale) {
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.put("size", k);
    body.set("query", query);
    body.put("_source", false);
    body.put("track_total_hits", false);
    JsonNode hits = run(body, Optional.empty()).json.path("hits").path("hits");
    List<String> ids = new ArrayList<>(hits.size());
    float[] scores = new float[hits.size()];
    for (JsonNode hit : hits) {
      scores[ids.size()] = (float) (hit.path("_score").asDouble() / scale);
      ids.add(hit.path("_id").asText());
    }
    return new Ranking(ids, scores);
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

  /** A query matching the candidates only, each scoring its given score. */
  private static JsonNode scored(Map<String, Float> scores) {
    ObjectNode root = Cluster.JSON.createObjectNode();
    ObjectNode bool = root.putObject("bool");
    if (scores.isEmpty()) {
      bool.putArray("must_not").add(matchAll());
      return root;
    }
    ArrayNode should = bool.putArray("should");
    scores.forEach(
        (id, score) -> {
          ObjectNode constant = should.addObject().putObject("constant_score");
          constant.putObject("filter").putObject("ids").putArray("values").add(id);
          constant.put("boost", score);
        });
    return root;
  }

  /**
   * @param meaning the query's vector in a semantic or hybrid search: its hits with few of the
   *     query's words get semantic passages
   */
  private SearchResults results(
      SearchRequest request,
      QueryPlan plan,
      JsonNode scoring,
      boolean scored,
      float scale,
      Optional<float[]> meaning) {
    String text = request.query();
    SortOrder order = scored ? request.sort() : browseOrder(request.sort());
    JsonNode query = withFilters(scoring, request);
    int search = SearchKey.of(request, order);
    Optional<Cursor> after = request.after().map(cursor -> Cursor.decode(cursor, search, text));
    Page page =
        request.collapse()
            ? collapsedPage(query, order, after, request.limit())
            : page(query, order, after, request.limit(), request.exactTotal());
    long total = request.collapse() ? countDocuments(query) : page.total;
    boolean exact = request.collapse() || page.totalExact;
    List<SearchHit> hits = toHits(page.hits, plan, request, scale, meaning);
    SearchResults.Builder results =
        SearchResults.builder(text).totalHits(Math.max(total, hits.size()), exact).hits(hits);
    if (page.more && !page.hits.isEmpty()) {
      JsonNode last = page.hits.get(page.hits.size() - 1);
      results.nextCursor(new Cursor(page.pit, last.path("sort")).encode(search));
    }
    if (!request.facets().isEmpty()) {
      facets(query, request.facets(), request.collapse()).forEach(results::facet);
    }
    if (plan != null) {
      plan.notes().forEach(results::note);
    }
    if (page.failed > 0) {
      // a shard with no copy left (red index): the rest still answers, and says so
      results.note(
          page.failed
              + " shard(s) of index "
              + index
              + " did not answer: sections held only there are missing from these results");
    }
    return results.build();
  }

  /** Browsing has no relevance to rank by: newest first, unless the request says otherwise. */
  private static SortOrder browseOrder(SortOrder requested) {
    return requested == SortOrder.RELEVANCE ? SortOrder.NEWEST : requested;
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
        if (part.terms().size() == 1) {
          root.putObject("term")
              .putObject(field)
              .put("value", part.terms().get(0))
              .put("boost", boost);
        } else {
          ObjectNode bool = root.putObject("bool");
          ArrayNode terms = bool.putArray("should");
          for (String term : part.terms()) {
            terms.addObject().putObject("term").put(field, term);
          }
          bool.put("boost", boost);
        }
      }
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

  /** One page of hits (their JSON), whether more follow, the total and the view it came from. */
  private record Page(
      List<JsonNode> hits, boolean more, long total, boolean totalExact, String pit, int failed) {}

  private Page page(
      JsonNode query, SortOrder order, Optional<Cursor> after, int limit, boolean exactTotal) {
    ObjectNode body = body(query, order, after, limit + 1);
    if (exactTotal) {
      body.put("track_total_hits", true);
    } else {
      body.put("track_total_hits", SearchRequest.COUNTED_HITS);
    }
    Result result = run(body, after);
    List<JsonNode> hits = new ArrayList<>();
    result.json.path("hits").path("hits").forEach(hits::add);
    boolean more = hits.size() > limit;
    if (more) {
      hits = hits.subList(0, limit);
    }
    JsonNode total = result.json.path("hits").path("total");
    return new Page(
        hits,
        more,
        total.path("value").asLong(),
        "eq".equals(total.path("relation").asText()),
        result.pit,
        result.failedShards());
  }

  private ObjectNode body(JsonNode query, SortOrder order, Optional<Cursor> after, int size) {
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.put("size", size);
    body.set("query", query);
    body.set("sort", sort(order));
    // the chunk vectors are read only for the hits that show semantic passages
    body.putObject("_source").putArray("excludes").add(IndexLayout.CHUNKS);
    after.ifPresent(cursor -> body.set("search_after", cursor.sortValues));
    return body;
  }

  private record Result(JsonNode json, String pit) {
    /** Shards that did not answer: their sections are missing from the hits. */
    int failedShards() {
      return json.path("_shards").path("failed").asInt();
    }
  }

  /**
   * Runs a search on a view: the cursor's, while OpenSearch keeps it, else the current one. A
   * cursor's view that expired is replaced by the current one, as the embedded index does after ten
   * minutes: positions may then shift by what changed meanwhile.
   */
  private Result run(ObjectNode body, Optional<Cursor> after) {
    if (after.isPresent()) {
      Optional<Result> onSameView = tryOn(body, after.get().pit);
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

  /**
   * A page with only the best section of each document, as the embedded index pages them: sections
   * in sort order, a section kept when no section of its document comes before it. OpenSearch's own
   * collapsing refuses {@code search_after}, so it cannot page.
   */
  private Page collapsedPage(JsonNode query, SortOrder order, Optional<Cursor> after, int limit) {
    List<JsonNode> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Optional<Cursor> cursor = after;
    int batch = Math.min(SearchRequest.MAX_LIMIT, Math.max(limit * 4, 64));
    String pit = null;
    int failed = 0;
    while (true) {
      ObjectNode body = body(query, order, cursor, batch);
      body.put("track_total_hits", false);
      Result result = run(body, cursor);
      pit = result.pit;
      failed = Math.max(failed, result.failedShards());
      JsonNode hits = result.json.path("hits").path("hits");
      for (JsonNode hit : hits) {
        String docId = hit.path("_source").path(IndexSchema.DOC_ID).asText();
        if (!seen.add(docId)) {
          continue;
        }
        if (after.isPresent() && !isBestOfDocument(query, order, docId, hit, pit)) {
          continue;
        }
        if (kept.size() == limit) {
          return new Page(kept, true, 0, true, pit, failed);
        }
        kept.add(hit);
      }
      if (hits.size() < batch) {
        return new Page(kept, false, 0, true, pit, failed);
      }
      cursor = Optional.of(new Cursor(pit, hits.get(hits.size() - 1).path("sort")));
    }
  }

  private boolean isBestOfDocument(
      JsonNode query, SortOrder order, String docId, JsonNode candidate, String pit) {
    ObjectNode inDocument = Cluster.JSON.createObjectNode();
    ObjectNode bool = inDocument.putObject("bool");
    bool.putArray("must").add(query);
    bool.putArray("filter").addObject().putObject("term").put(IndexSchema.DOC_ID, docId);
    ObjectNode body = body(inDocument, order, Optional.empty(), 1);
    body.put("track_total_hits", false);
    Result best = run(body, Optional.of(new Cursor(pit, Cluster.JSON.createArrayNode())));
    JsonNode first = best.json.path("hits").path("hits").path(0);
    return first.path("_id").asText().equals(candidate.path("_id").asText());
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
   * Counts of each facet key's values among the matches: sections, or documents when collapsed;
   * most frequent first (ties by value), at most 100, and the date facet by year, newest first.
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
      boolean years = keys.get(k).equals(SearchRequest.DATE_FACET);
      Map<String, Long> counts = new HashMap<>();
      for (JsonNode bucket : reply.path("aggregations").path("f" + k).path("buckets")) {
        long count =
            documents
                ? bucket.path("documents").path("value").asLong()
                : bucket.path("doc_count").asLong();
        counts.put(bucket.path("key").asText(), count);
      }
      facets.put(keys.get(k), ordered(counts, years));
    }
    return facets;
  }

  /** The embedded index's order of facet values (see its Facets), at most 100. */
  private static Map<String, Long> ordered(Map<String, Long> counts, boolean years) {
    java.util.Comparator<Map.Entry<String, Long>> order =
        years
            ? Map.Entry.<String, Long>comparingByKey().reversed()
            : Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey());
    Map<String, Long> ordered = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(order)
        .limit(100)
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  private List<SearchHit> toHits(
      List<JsonNode> found,
      QueryPlan plan,
      SearchRequest request,
      float scale,
      Optional<float[]> meaning) {
    List<List<Passage>> passagesOfHits = List.of();
    if (request.maxPassages() > 0 && !found.isEmpty()) {
      String[] bodies = new String[found.size()];
      for (int i = 0; i < bodies.length; i++) {
        bodies[i] =
            found.get(i).path("_source").path(IndexLayout.STORED).path(IndexSchema.BODY).asText("");
      }
      Query highlight =
          plan == null || plan.onlyExclusions()
              ? new BooleanQuery.Builder().build()
              : plan.highlightQuery();
      passagesOfHits = localPassages(highlight, bodies, request.maxPassages());
      if (meaning.isPresent()) {
        passagesOfHits =
            withSemanticPassages(
                found, passagesOfHits, bodies, plan, meaning.get(), request.maxPassages());
      }
    }
    List<SearchHit> hits = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      JsonNode source = found.get(i).path("_source");
      JsonNode stored = source.path(IndexLayout.STORED);
      int start = stored.path(IndexSchema.START).asInt();
      int end = stored.path(IndexSchema.END).asInt();
      JsonNode score = found.get(i).path("_score");
      SearchHit.Builder hit =
          SearchHit.builder(source.path(IndexSchema.DOC_ID).asText())
              .title(IndexLayout.text(stored, IndexSchema.TITLE))
              .headingPath(IndexLayout.headingPath(stored))
              .ordinal(source.path(IndexSchema.ORDINAL).asInt())
              .source(IndexLayout.text(stored, IndexSchema.SOURCE))
              .score(score.isNumber() ? (float) (score.asDouble() / scale) : 0f)
              .range(start, end)
              .metadata(IndexLayout.metadata(stored));
      IndexLayout.date(stored).ifPresent(hit::date);
      if (!passagesOfHits.isEmpty()) {
        org.apache.lucene.util.BytesRef map = IndexLayout.sourceMap(stored);
        // with the text, a passage whose words are mostly not found cites its whole section
        String body = IndexLayout.text(stored, IndexSchema.BODY);
        for (Passage passage : passagesOfHits.get(i)) {
          int[] range = SourceMap.toSource(map, body, passage.start(), passage.end(), start, end);
          hit.passages(List.of(passage.withSourceRange(range[0], range[1])));
        }
      }
      if (request.sectionText()) {
        hit.text(IndexLayout.text(stored, IndexSchema.BODY));
      }
      hits.add(hit.build());
    }
    return hits;
  }

  /**
   * The passages with those of hits that hold few of the query's words replaced by the section's
   * chunks nearest the query in meaning, by the embedded index's rule and code ({@link
   * VectorSearch#wantsSemanticPassages}, {@link SemanticPassages}); the chunk vectors of those hits
   * only are read, in one request. A section without chunks keeps its word passages.
   */
  private List<List<Passage>> withSemanticPassages(
      List<JsonNode> found,
      List<List<Passage>> passages,
      String[] bodies,
      QueryPlan plan,
      float[] query,
      int maxPassages) {
    List<String> searched = new ArrayList<>();
    for (QueryPlan.Part part : plan.parts()) {
      if (part.occurrence() != QueryPlan.Occurrence.MUST_NOT) {
        searched.add(part.text());
      }
    }
    Set<String> queryTerms = VectorSearch.queryTerms(analyzer, searched);
    List<Integer> wanted = new ArrayList<>();
    ObjectNode mget = Cluster.JSON.createObjectNode();
    ArrayNode docs = mget.putArray("docs");
    for (int i = 0; i < passages.size(); i++) {
      JsonNode source = found.get(i).path("_source");
      if (IndexLayout.chunks(source.path(IndexLayout.STORED)) != null
          && VectorSearch.wantsSemanticPassages(analyzer, passages.get(i), queryTerms)) {
        wanted.add(i);
        ObjectNode doc = docs.addObject();
        doc.put("_id", found.get(i).path("_id").asText());
        doc.put("routing", IndexLayout.routing(source.path(IndexSchema.DOC_ID).asText()));
        doc.putArray("_source").add(IndexLayout.CHUNKS);
      }
    }
    if (wanted.isEmpty()) {
      return passages;
    }
    JsonNode read = cluster.require("POST", "/" + index + "/_mget", Map.of(), mget).path("docs");
    List<List<Passage>> result = new ArrayList<>(passages);
    for (int w = 0; w < wanted.size(); w++) {
      int i = wanted.get(w);
      List<int[]> chunks =
          SemanticPassages.decode(
              IndexLayout.chunks(found.get(i).path("_source").path(IndexLayout.STORED)));
      List<float[]> vectorsOfChunks = IndexLayout.vectors(read.path(w).path("_source"));
      if (vectorsOfChunks.size() != chunks.size()) {
        continue;
      }
      float[] scores = new float[chunks.size()];
      boolean sameModel = true;
      for (int c = 0; c < scores.length; c++) {
        float[] vector = vectorsOfChunks.get(c);
        sameModel &= vector.length == query.length;
        scores[c] = sameModel ? VectorUtil.dotProduct(query, vector) : 0f;
      }
      List<Passage> semantic =
          sameModel ? SemanticPassages.passages(bodies[i], chunks, scores, maxPassages) : List.of();
      if (!semantic.isEmpty()) {
        result.set(i, semantic);
      }
    }
    return result;
  }

  /**
   * Passages built here, by the embedded index's own passage code, over a small in-memory index of
   * the hits' texts: the highlighter reads match offsets from postings, and its passage scores
   * depend only on each text, so they are the embedded ones.
   */
  private List<List<Passage>> localPassages(Query highlight, String[] bodies, int maxPassages) {
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
        for (String body : bodies) {
          org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
          doc.add(new Field(IndexSchema.BODY, body, BODY_TYPE));
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

  /**
   * Where a page ended: the view it was read from, the sort values of its last hit, and the {@link
   * SearchKey} of its search.
   */
  static final class Cursor {
    final String pit;
    final JsonNode sortValues;

    Cursor(String pit, JsonNode sortValues) {
      this.pit = pit;
      this.sortValues = sortValues;
    }

    String encode(int search) {
      ObjectNode json = Cluster.JSON.createObjectNode();
      json.put("p", pit);
      json.set("s", sortValues);
      json.put("k", search);
      return CURSOR_PREFIX
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor, int search, String query) {
      if (!cursor.startsWith(CURSOR_PREFIX) || cursor.length() > 8192) {
        throw invalid(query);
      }
      JsonNode json;
      try {
        json =
            Cluster.JSON.readTree(
                Base64.getUrlDecoder().decode(cursor.substring(CURSOR_PREFIX.length())));
      } catch (IOException | IllegalArgumentException e) {
        QueryException invalid = invalid(query);
        invalid.initCause(e);
        throw invalid;
      }
      JsonNode pit = json.path("p");
      JsonNode values = json.path("s");
      JsonNode key = json.path("k");
      if (!pit.isTextual() || !values.isArray() || values.isEmpty() || !key.isInt()) {
        throw invalid(query);
      }
      for (JsonNode value : values) {
        if (!value.isNumber()) {
          throw invalid(query);
        }
      }
      if (key.asInt() != search) {
        throw SearchKey.foreignCursor(query);
      }
      return new Cursor(pit.asText(), values);
    }

    private static QueryException invalid(String query) {
      return new QueryException(
          query, "invalid paging cursor (pass back nextCursor from the same search and sort)");
    }
  }
}
