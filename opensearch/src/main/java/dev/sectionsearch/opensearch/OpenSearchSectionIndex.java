package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sectionsearch.AddResult;
import dev.sectionsearch.Capabilities;
import dev.sectionsearch.DocumentException;
import dev.sectionsearch.IndexSettings;
import dev.sectionsearch.IndexStats;
import dev.sectionsearch.IndexSummary;
import dev.sectionsearch.IndexedDocument;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.DocumentId;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.files.FolderIndexing;
import dev.sectionsearch.internal.index.CommitData;
import dev.sectionsearch.internal.index.ContentHash;
import dev.sectionsearch.internal.index.Embeddings;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.index.SectionAnalyzer;
import dev.sectionsearch.internal.search.VectorSearch;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.sectioning.Sectioning;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apache.lucene.util.BytesRef;

/**
 * A {@link SectionIndex} on an OpenSearch 2.19 cluster: the embedded index's API, ranking, passages
 * and citations, with the index spread over the cluster's shards and replicas.
 *
 * <pre>{@code
 * try (SectionIndex index = OpenSearchSectionIndex.builder()
 *     .urls("http://node1:9200", "http://node2:9200")
 *     .index("docs")
 *     .shards(3)
 *     .replicas(1)
 *     .build()) {
 *   index.addAll(Path.of("docs"), IndexingListener.NONE);
 *   SearchResults results = index.search("install \"java 17\"");
 * }
 * }</pre>
 *
 * <p>Documents are split into sections here, in the application, exactly as the embedded index
 * splits them; each section is one OpenSearch document with the embedded index's fields, analysed
 * to the same terms and scored with the same BM25 parameters and boosts, with global term
 * statistics ({@code dfs_query_then_fetch}) so that shards rank as one index. Passages and their
 * citations are built here from each hit's stored text, by the same code as the embedded index's,
 * so their offsets are the same.
 *
 * <p>Differences from the embedded index, each for a reason the cluster imposes:
 *
 * <ul>
 *   <li>Durability: each acknowledged {@code add} and {@code delete} is already durable (OpenSearch
 *       writes its translog to disk on the primary and on every replica before answering); {@link
 *       #commit()} refreshes and flushes (writes Lucene commits and trims the translog). What is
 *       not durable is a change whose call threw: see the exception.
 *   <li>Atomicity: a document's sections are written in one bulk request to one shard, but
 *       OpenSearch has no multi-document transaction, so a refresh may land between them and a
 *       search may briefly see part of a replacement.
 *   <li>Visibility: searches read a point-in-time view renewed at most every refresh interval, and
 *       at once after {@link #refresh()} or {@link #commit()}; next pages read the view their first
 *       page read, for ten minutes, while at most 16 views are kept.
 *   <li>A query longer than {@link IndexSettings#DEFAULT_MAX_QUERY_WORDS} words keeps its plain
 *       words in query order, not the rarest ones.
 *   <li>Collapsed totals count distinct documents with OpenSearch's cardinality aggregation: exact
 *       up to 40,000 documents, within a few percent beyond.
 *   <li>{@link #get(String)} reads at most {@value SearchRequest#MAX_LIMIT} sections of a document;
 *       {@link IndexStats#sizeBytes()} counts every copy, replicas included; {@link #verify()}
 *       checks the index's health, as OpenSearch checks its files' checksums itself.
 * </ul>
 *
 * <p>Faults: requests go to the nodes given in turn, skipping one that does not answer. Writes of
 * concurrent adds share bulk requests; a write the cluster cannot take for a while (a node died, a
 * replica is being promoted) is sent again for up to half a minute, then fails naming its document.
 * A cluster that cannot be reached fails in one line naming its URLs.
 *
 * <p>Thread-safe: any number of threads may add, delete and search at once; adds of one document id
 * from two threads of one process are serialised, from two processes they are not.
 */
public final class OpenSearchSectionIndex implements SectionIndex {
  /** Probe text for the analysis check: case, stop words, possessives, stemming, NFKC forms. */
  private static final String PROBE =
      "The Running foxes' CAF\u00c9 cafe\u0301 na\u00efve co-operate r\u00e9sum\u00e9s 3.14"
          + " e-mail U.S.A. \ufb01nance Stra\u00dfe don't 1st";

  /**
   * The files {@code addAll} handles at once by default: the lookups and writes of concurrent files
   * share requests, so this is also about how many documents a request carries.
   */
  public static final int DEFAULT_INDEXING_THREADS = 64;

  /**
   * Lexical search only: vectors, the embedder and the term dictionary that typo tolerance and
   * suggestions read live in the embedded index; folders are added without options.
   */
  private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,199}");

  private final Cluster cluster;
  private final String index;
  private final Searches searches;
  private final BulkWriter writer;
  private final LookupBatcher lookups;
  private final FolderIndexing files;
  private final Lock[] idLocks = new Lock[1024];
  private final String analyzerId;

  /** The model chunks are embedded with, or null for an index of words only. */
  private final Embedder embedder;

  /** Semantic and hybrid modes with vectors and their model; no typos, suggestions, options. */
  private final Capabilities capabilities;

  /** Whether adds, deletes and commits are refused ({@link Builder#readOnly}). */
  private final boolean readOnly;

  /** The model the index's vectors were written with, or null when it has none. */
  private final String writtenModel;

  /** Whether anything was added or deleted since the last refresh: close then commits. */
  private volatile boolean changed;

  private OpenSearchSectionIndex(Builder builder) {
    this.index = builder.index;
    this.cluster = new Cluster(builder.urls, builder.user, builder.password);
    this.analyzerId = CommitData.analyzerId(new SectionAnalyzer());
    this.embedder = builder.embedder;
    this.readOnly = builder.readOnly;
    for (int i = 0; i < idLocks.length; i++) {
      idLocks[i] = new ReentrantLock();
    }
    try {
      this.writtenModel = openOrCreate(builder);
      this.searches =
          new Searches(
              cluster,
              index,
              builder,
              embedder == null || writtenModel == null ? null : new VectorSearch(embedder),
              writtenModel == null
                  ? "needs an index written with an embedder"
                      + " (OpenSearchSectionIndex.Builder.embedder); this one has no vectors"
                  : "needs the embedding model the index was written with, "
                      + writtenModel
                      + ", but it was opened without an embedder");
      this.writer = new BulkWriter(cluster);
      this.lookups = new LookupBatcher(cluster, index);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    this.files =
        new FolderIndexing(
            this::add,
            builder.settings.maxFileBytes(),
            builder.indexingThreads,
            FolderIndexing.defaultHeapBudget());
    this.capabilities =
        new Capabilities(
            embedder != null && writtenModel != null
                ? EnumSet.allOf(SearchMode.class)
                : Set.of(SearchMode.LEXICAL),
            false,
            false,
            false);
  }

  /** Starts configuring an index on a cluster. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the model the index's vectors were written with, or null when it has none
   */
  private String openOrCreate(Builder builder) {
    Cluster.Reply existing = cluster.call("GET", "/" + index + "/_mapping", Map.of(), null);
    if (existing.status() == 404 && builder.mustExist) {
      throw new SectionSearchException(
          "no index "
              + index
              + " on OpenSearch at "
              + cluster.urls()
              + " (index some documents first)");
    }
    if (existing.status() == 404) {
      Cluster.Reply created =
          cluster.call(
              "PUT",
              "/" + index,
              Map.of("wait_for_active_shards", "1"),
              IndexLayout.definition(
                  builder.shards,
                  builder.replicas,
                  builder.settings.k1(),
                  builder.settings.b(),
                  analyzerId,
                  embedder));
      // another client may have created it meanwhile; its mapping is checked below
      if (!created.ok() && !created.reason().contains("resource_already_exists")) {
        throw new SectionSearchException(
            "cannot create index "
                + index
                + " on OpenSearch at "
                + cluster.urls()
                + ": "
                + created.reason());
      }
      existing = cluster.call("GET", "/" + index + "/_mapping", Map.of(), null);
    }
    if (!existing.ok()) {
      throw new SectionSearchException(
          "cannot open index "
              + index
              + " on OpenSearch at "
              + cluster.urls()
              + ": "
              + existing.reason());
    }
    JsonNode meta = existing.json().path(index).path("mappings").path("_meta");
    CommitData.checkCompatible(
        Map.of(
            CommitData.VERSION_KEY, meta.path("sectionsearch.schema").asText(""),
            CommitData.ANALYZER_KEY, meta.path("sectionsearch.analyzer").asText(analyzerId)),
        index + " on " + cluster.urls(),
        analyzerId);
    String model = checkEmbedding(meta);
    checkAnalysis();
    return model;
  }

  /**
   * Checks that the index is opened with the embedding model its vectors were written with, as the
   * embedded index checks: another model's vectors would be compared with the query's as if they
   * meant the same. An index with vectors may be opened without its model for lexical searches;
   * adding to it is then refused. An index created without vectors cannot take them later (its
   * mapping is fixed): it is refused with a model, unless opened read-only.
   */
  private String checkEmbedding(JsonNode meta) {
    String model = meta.path(CommitData.EMBEDDING_MODEL_KEY).asText(null);
    String name = index + " on " + cluster.urls();
    if (model == null) {
      // read-only, an index without vectors ignores the model it is opened with
      if (embedder != null && !readOnly) {
        throw new SectionSearchException(
            "index "
                + name
                + " was created without vectors but is opened with embedding model "
                + embedder.modelId()
                + ": open it without an embedder, or delete it and index again with the model");
      }
      return null;
    }
    Map<String, String> written = new java.util.HashMap<>();
    written.put(CommitData.EMBEDDING_MODEL_KEY, model);
    written.put(
        CommitData.EMBEDDING_DIMENSIONS_KEY,
        meta.path(CommitData.EMBEDDING_DIMENSIONS_KEY).asText(""));
    // read-only for the check: without a model the index still answers lexical searches
    CommitData.checkEmbedding(
        written,
        name,
        embedder == null ? null : embedder.modelId(),
        embedder == null ? 0 : embedder.dimensions(),
        true,
        true);
    return model;
  }

  /**
   * Checks that the cluster's analysis of normalised text makes the terms the library's analyzer
   * makes: a cluster without the English analysis module, or with a different Lucene, would
   * otherwise index words that queries never find.
   */
  private void checkAnalysis() {
    ObjectNode request = Cluster.JSON.createObjectNode();
    request.put("analyzer", IndexLayout.ENGLISH);
    request.put("text", SectionAnalyzer.normalizedText(PROBE));
    JsonNode reply = cluster.require("POST", "/" + index + "/_analyze", Map.of(), request);
    List<String> remote = new ArrayList<>();
    reply
        .path("tokens")
        .forEach(
            token ->
                remote.add(token.path("position").asInt() + ":" + token.path("token").asText()));
    List<String> local = Searches.positionsAndTerms(PROBE);
    if (!remote.equals(local)) {
      throw new SectionSearchException(
          "OpenSearch at "
              + cluster.urls()
              + " analyses text differently from this library ("
              + remote
              + " instead of "
              + local
              + "): install its analysis-common module");
    }
  }

  @Override
  public AddResult add(Document document) {
    Objects.requireNonNull(document, "document");
    writable();
    String hash = ContentHash.contentHash(document);
    Lock lock = idLock(document.id());
    lock.lock();
    try {
      Optional<JsonNode> indexed = firstSection(document.id());
      if (indexed.isPresent()
          && hash.equals(
              indexed.get().path(IndexLayout.STORED).path(IndexSchema.CONTENT_HASH).asText())) {
        return new AddResult(document.id(), AddResult.Status.UNCHANGED, 0, 0, List.of());
      }
      SectionedDocument sectioned = split(document);
      List<BytesRef> maps = IndexSchema.sourceMaps(document, sectioned);
      Embeddings embeddings = Embeddings.of(embedder, sectioned);
      boolean withVectors = !embeddings.vectors().isEmpty();
      StringBuilder bulk = new StringBuilder();
      String routing = IndexLayout.routing(document.id());
      for (int i = 0; i < sectioned.sections().size(); i++) {
        Section section = sectioned.sections().get(i);
        bulk.append(
                action("index", IndexLayout.sectionId(document.id(), section.ordinal()), routing))
            .append('\n');
        bulk.append(
                IndexLayout.section(
                        sectioned,
                        section,
                        hash,
                        maps.get(i),
                        withVectors ? embeddings.vectors().get(i) : null,
                        withVectors ? embeddings.chunks().get(i) : null)
                    .toString())
            .append('\n');
      }
      int before = indexed.map(json -> json.path(IndexLayout.SECTION_COUNT).asInt()).orElse(0);
      for (int ordinal = sectioned.sections().size(); ordinal < before; ordinal++) {
        bulk.append(action("delete", IndexLayout.sectionId(document.id(), ordinal), routing))
            .append('\n');
      }
      int items = Math.max(before, sectioned.sections().size());
      changed = true;
      writer.write(document.id(), bulk.toString(), items);
      return new AddResult(
          document.id(),
          indexed.isPresent() ? AddResult.Status.REPLACED : AddResult.Status.ADDED,
          sectioned.sections().size(),
          sectioned.boilerplateLines(),
          sectioned.warnings());
    } finally {
      lock.unlock();
    }
  }

  private static SectionedDocument split(Document document) {
    try {
      return Sectioning.split(document);
    } catch (DocumentException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new DocumentException(document.source(), "could not be split (" + e + ")", e);
    }
  }

  private String action(String type, String id, String routing) {
    ObjectNode action = Cluster.JSON.createObjectNode();
    action.putObject(type).put("_index", index).put("_id", id).put("routing", routing);
    return action.toString();
  }

  /** The first section's stored hash and section count, read in real time (not from a view). */
  private Optional<JsonNode> firstSection(String docId) {
    return lookups.firstSection(docId);
  }

  private void notReadOnly() {
    if (readOnly) {
      throw new IllegalStateException(
          "index " + index + " on " + cluster.urls() + " is open read-only");
    }
  }

  /**
   * Refuses to change a read-only index, and to add sections without vectors to an index that has
   * them (semantic searches would not find them).
   */
  private void writable() {
    notReadOnly();
    if (writtenModel != null && embedder == null) {
      throw new SectionSearchException(
          "index "
              + index
              + " on "
              + cluster.urls()
              + " was written with embedding model "
              + writtenModel
              + " but is opened for writing without one: new sections would have no vectors;"
              + " open it with that model's embedder");
    }
  }

  private Lock idLock(String docId) {
    return idLocks[Math.floorMod(docId.hashCode(), idLocks.length)];
  }

  @Override
  public AddResult add(Path file) {
    Objects.requireNonNull(file, "file");
    return files.addFile(file, Optional.empty());
  }

  @Override
  public IndexSummary addAll(Path path, IndexingListener listener) {
    writable();
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(listener, "listener");
    return files.addAll(path, Optional.empty(), listener);
  }

  @Override
  public IndexSummary addAll(Path path, LocalDate date, IndexingListener listener) {
    writable();
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(listener, "listener");
    return files.addAll(path, Optional.of(Objects.requireNonNull(date, "date")), listener);
  }

  @Override
  public boolean delete(String docId) {
    notReadOnly();
    DocumentId.check(docId);
    Lock lock = idLock(docId);
    lock.lock();
    try {
      Optional<JsonNode> indexed = firstSection(docId);
      if (indexed.isEmpty()) {
        return false;
      }
      StringBuilder bulk = new StringBuilder();
      int count = indexed.get().path(IndexLayout.SECTION_COUNT).asInt();
      for (int ordinal = 0; ordinal < count; ordinal++) {
        bulk.append(
                action("delete", IndexLayout.sectionId(docId, ordinal), IndexLayout.routing(docId)))
            .append('\n');
      }
      changed = true;
      writer.write(docId, bulk.toString(), count);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refreshes and flushes the index: changes become visible, and OpenSearch writes a Lucene commit
   * on every shard copy. Acknowledged changes were durable before (in the translog); see the class
   * documentation.
   */
  @Override
  public void commit() {
    notReadOnly();
    refresh();
    cluster.require("POST", "/" + index + "/_flush", Map.of(), null);
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public SearchResults search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.typoTolerance().orElse(false) && !capabilities.typoTolerance()) {
      // corrections need the index's term dictionary, which this backend does not read yet
      throw new QueryException(
          request.query(),
          "typo tolerance needs the embedded index (this backend searches words as typed)");
    }
    return searches.search(request);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The section's telling words are counted with one aggregation; its vector, when the index has
   * vectors, is the mean of its stored chunk vectors.
   */
  @Override
  public SearchResults related(String docId, int ordinal, int limit) {
    Objects.requireNonNull(docId, "docId");
    return searches.related(docId, ordinal, limit);
  }

  @Override
  public Optional<IndexedDocument> get(String docId) {
    Objects.requireNonNull(docId, "docId");
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.put("size", SearchRequest.MAX_LIMIT);
    body.putObject("query").putObject("term").put(IndexSchema.DOC_ID, docId);
    IndexLayout.withoutVectors(body);
    JsonNode reply =
        cluster.require(
            "POST", "/" + index + "/_search", Map.of("routing", IndexLayout.routing(docId)), body);
    List<JsonNode> hits = new ArrayList<>();
    reply.path("hits").path("hits").forEach(hit -> hits.add(hit.path("_source")));
    if (hits.isEmpty()) {
      return Optional.empty();
    }
    hits.sort(Comparator.comparingInt(hit -> hit.path(IndexSchema.ORDINAL).asInt()));
    List<Section> sections = new ArrayList<>(hits.size());
    for (JsonNode hit : hits) {
      JsonNode stored = hit.path(IndexLayout.STORED);
      sections.add(
          new Section(
              IndexLayout.text(stored, IndexSchema.HEADING),
              IndexLayout.headingPath(stored),
              hit.path(IndexSchema.ORDINAL).asInt(),
              IndexLayout.text(stored, IndexSchema.BODY),
              stored.path(IndexSchema.START).asInt(),
              stored.path(IndexSchema.END).asInt()));
    }
    JsonNode first = hits.get(0).path(IndexLayout.STORED);
    return Optional.of(
        new IndexedDocument(
            docId,
            IndexLayout.text(first, IndexSchema.TITLE),
            IndexLayout.date(first),
            IndexLayout.text(first, IndexSchema.SOURCE),
            IndexLayout.metadata(first),
            sections));
  }

  @Override
  public IndexStats stats() {
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.put("size", 0);
    body.put("track_total_hits", true);
    ObjectNode aggs = body.putObject("aggs");
    aggs.putObject("documents").putObject("filter").putObject("term").put(IndexSchema.ORDINAL, 0);
    aggs.putObject("oldest").putObject("min").put("field", IndexSchema.DATE);
    aggs.putObject("newest").putObject("max").put("field", IndexSchema.DATE);
    JsonNode reply = cluster.require("POST", "/" + index + "/_search", Map.of(), body);
    JsonNode results = reply.path("aggregations");
    JsonNode store =
        cluster
            .require("GET", "/" + index + "/_stats/store", Map.of(), null)
            .path("_all")
            .path("total")
            .path("store")
            .path("size_in_bytes");
    return new IndexStats(
        results.path("documents").path("doc_count").asLong(),
        reply.path("hits").path("total").path("value").asLong(),
        day(results.path("oldest")),
        day(results.path("newest")),
        store.asLong());
  }

  private static Optional<LocalDate> day(JsonNode aggregation) {
    JsonNode value = aggregation.path("value");
    return value.isNumber() ? Optional.of(LocalDate.ofEpochDay(value.asLong())) : Optional.empty();
  }

  /**
   * Checks the index's health on the cluster: every primary shard must be assigned (green or
   * yellow). A red index has lost data until a node with its shard returns.
   *
   * @throws SectionSearchException naming the index, the cluster and its unassigned shards
   */
  @Override
  public void verify() {
    JsonNode health =
        cluster.require("GET", "/_cluster/health/" + index, Map.of("timeout", "10s"), null);
    String status = health.path("status").asText();
    if (!"green".equals(status) && !"yellow".equals(status)) {
      throw new SectionSearchException(
          "index "
              + index
              + " on OpenSearch at "
              + cluster.urls()
              + " is "
              + status
              + " ("
              + health.path("unassigned_shards").asInt()
              + " unassigned shards): some of its"
              + " sections cannot be searched until their nodes return");
    }
  }

  @Override
  public void refresh() {
    changed = false;
    cluster.require("POST", "/" + index + "/_refresh", Map.of(), null);
    searches.viewChanged();
  }

  @Override
  public boolean isReadOnly() {
    return readOnly;
  }

  /** Deletes the whole index from the cluster: for tests and tools that created it. */
  public void deleteIndex() {
    Cluster.Reply reply = cluster.call("DELETE", "/" + index, Map.of(), null);
    if (!reply.ok() && reply.status() != 404) {
      throw new SectionSearchException(
          "cannot delete index " + index + " on " + cluster.urls() + ": " + reply.reason());
    }
  }

  /**
   * Commits when anything changed since the last refresh (so that the next program to open the
   * index sees it), then releases the views kept for paging and the connections.
   */
  @Override
  public void close() {
    try {
      if (changed) {
        commit();
      }
    } finally {
      try {
        searches.close();
      } finally {
        cluster.close();
      }
    }
  }

  @Override
  public String toString() {
    return "OpenSearchSectionIndex[" + index + " on " + cluster.urls() + "]";
  }

  /**
   * Configures an {@link OpenSearchSectionIndex}: where the cluster is, the index's name and
   * layout, and the scoring, which defaults to the embedded index's.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    List<String> urls = List.of("http://127.0.0.1:9200");
    String index = "sections";
    int shards = 1;
    int replicas = 1;
    IndexSettings settings = IndexSettings.DEFAULTS;
    int indexingThreads = DEFAULT_INDEXING_THREADS;
    Embedder embedder;
    boolean mustExist;
    boolean readOnly;
    String user;
    String password;

    private Builder() {}

    /**
     * Sets the user name and password sent to every node (HTTP basic authentication, as
     * OpenSearch's security plugin takes them); with {@code https://} URLs, the connection is
     * checked against the JDK's trust store ({@code javax.net.ssl.trustStore}). Credentials may
     * instead be given in a URL, {@code https://user:password@host:9200}; these given here take
     * precedence. Messages and {@link #toString()} never show the password.
     */
    public Builder credentials(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Sets the model that embeds sections and queries, for semantic and hybrid search (none by
     * default: words only), as {@code SectionIndex.Builder.embedder} does for the embedded index:
     * each section's chunks are embedded here, in the application, and kept in {@code knn_vector}
     * fields (Lucene's HNSW, the cluster's k-NN plugin), so the cluster needs that plugin. A new
     * index records the model's id in its mapping; an index written with another model is refused,
     * and one written with a model may be opened without it for lexical searches only. With a
     * model, searches are hybrid unless the request asks for another mode.
     */
    public Builder embedder(Embedder embedder) {
      this.embedder = Objects.requireNonNull(embedder, "embedder");
      return this;
    }

    /**
     * Opens an existing index for searching only ({@link #mustExist()} included): adding, deleting
     * and committing throw {@link IllegalStateException}. With an {@link #embedder}, an index
     * without vectors is searched by its words, as the embedded read-only index does.
     */
    public Builder readOnly() {
      this.readOnly = true;
      this.mustExist = true;
      return this;
    }

    /**
     * Opens an existing index only: {@link #build()} fails, naming the index, when the cluster has
     * none of that name, rather than creating an empty one (for searching a mistyped name).
     */
    public Builder mustExist() {
      this.mustExist = true;
      return this;
    }

    /**
     * Sets the cluster's nodes ({@code http://127.0.0.1:9200}); requests are spread over them and
     * retried on the next when one does not answer. A single argument may list several URLs,
     * comma-separated. A URL may hold credentials ({@code https://user:password@host:9200}, see
     * {@link #credentials}).
     */
    public Builder urls(String... urls) {
      List<String> list = new ArrayList<>();
      for (String url : urls) {
        for (String part : Objects.requireNonNull(url, "url").split(",", -1)) {
          if (!part.isBlank()) {
            list.add(part.strip());
          }
        }
      }
      if (list.isEmpty()) {
        throw new IllegalArgumentException("no OpenSearch URL given");
      }
      this.urls = List.copyOf(list);
      return this;
    }

    /** Sets the index name ({@code sections}): lower case letters, digits, {@code _ . -}. */
    public Builder index(String index) {
      if (!INDEX_NAME.matcher(Objects.requireNonNull(index, "index")).matches()) {
        throw new IllegalArgumentException(
            "not an OpenSearch index name (lower case letters, digits, _ . -): " + index);
      }
      this.index = index;
      return this;
    }

    /** Sets the number of primary shards of a new index (1). An existing index keeps its own. */
    public Builder shards(int shards) {
      if (shards < 1 || shards > 1024) {
        throw new IllegalArgumentException("shards must be between 1 and 1024: " + shards);
      }
      this.shards = shards;
      return this;
    }

    /** Sets the number of replicas of each shard of a new index (1). */
    public Builder replicas(int replicas) {
      if (replicas < 0 || replicas > 16) {
        throw new IllegalArgumentException("replicas must be between 0 and 16: " + replicas);
      }
      this.replicas = replicas;
      return this;
    }

    /**
     * Sets the settings every backend takes alike ({@link IndexSettings#DEFAULTS} by default, the
     * embedded index's), replacing those set before; the setters below change one of them each.
     * BM25's parameters apply to a new index; an existing one keeps its own.
     */
    public Builder settings(IndexSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets BM25's {@code k1} and {@code b} of a new index; see {@link IndexSettings#withBm25(float,
     * float)}.
     */
    public Builder bm25(float k1, float b) {
      this.settings = settings.withBm25(k1, b);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withTitleBoost}.
     */
    public Builder titleBoost(float titleBoost) {
      this.settings = settings.withTitleBoost(titleBoost);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withHeadingBoost}.
     */
    public Builder headingBoost(float headingBoost) {
      this.settings = settings.withHeadingBoost(headingBoost);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withProximityBoost}.
     */
    public Builder proximityBoost(float proximityBoost) {
      this.settings = settings.withProximityBoost(proximityBoost);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withMaxQueryWords}.
     */
    public Builder maxQueryWords(int maxQueryWords) {
      this.settings = settings.withMaxQueryWords(maxQueryWords);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withMaxFileBytes}.
     */
    public Builder maxFileBytes(long maxFileBytes) {
      this.settings = settings.withMaxFileBytes(maxFileBytes);
      return this;
    }

    /**
     * Sets how many files {@link SectionIndex#addAll} reads, splits and sends at once ({@value
     * #DEFAULT_INDEXING_THREADS}): each mostly waits for the cluster's answer, and the lookups and
     * writes of concurrent files share requests, so many more threads than cores make larger
     * requests.
     */
    public Builder indexingThreads(int indexingThreads) {
      if (indexingThreads < 1) {
        throw new IllegalArgumentException("indexingThreads must be positive: " + indexingThreads);
      }
      this.indexingThreads = indexingThreads;
      return this;
    }

    /**
     * Sets how long a change may stay unseen by searches (one second by default); see {@link
     * IndexSettings#withRefreshInterval(Duration)}.
     */
    public Builder refreshInterval(Duration refreshInterval) {
      this.settings = settings.withRefreshInterval(refreshInterval);
      return this;
    }

    /**
     * Connects, creates the index when it does not exist, and checks an existing one.
     *
     * @throws SectionSearchException in one line naming the URL when the cluster cannot be reached,
     *     or naming the index when it was written by another schema or analysis
     */
    public OpenSearchSectionIndex build() {
      return new OpenSearchSectionIndex(this);
    }
  }
}
