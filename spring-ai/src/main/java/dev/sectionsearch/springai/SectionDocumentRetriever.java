package dev.sectionsearch.springai;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

/**
 * A Spring AI {@link DocumentRetriever} over a {@link SectionIndex}, for a {@code
 * RetrievalAugmentationAdvisor}: each query's best sections become documents whose text is the
 * section's passages (or its whole text) and whose metadata says where it comes from.
 *
 * <pre>{@code
 * Advisor rag =
 *     RetrievalAugmentationAdvisor.builder()
 *         .documentRetriever(SectionDocumentRetriever.builder(index).limit(5).build())
 *         .queryAugmenter(
 *             ContextualQueryAugmenter.builder()
 *                 .documentFormatter(SectionDocumentRetriever.WITH_CITATIONS)
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Metadata keys: {@value #DOC_ID}, {@value #TITLE}, {@value #HEADING_PATH} (a list), {@value
 * #ORDINAL}, {@value #DATE} (ISO, when the document has one), {@value #SOURCE}, {@value #START} and
 * {@value #END} (the section's range in the source), {@value #CITATION} ({@code source:start-end}
 * of each passage, joined with {@code "; "}), and each of the document's metadata keys prefixed
 * with {@value #METADATA_PREFIX} (a list). The document's score is the hit's score; its id is
 * {@code docId#ordinal}.
 *
 * <p>Immutable and thread-safe, as the index is.
 */
public final class SectionDocumentRetriever implements DocumentRetriever {
  /** Metadata key of the document id. */
  public static final String DOC_ID = "doc_id";

  /** Metadata key of the document title. */
  public static final String TITLE = "title";

  /** Metadata key of the section's heading path. */
  public static final String HEADING_PATH = "heading_path";

  /** Metadata key of the section's position in its document. */
  public static final String ORDINAL = "ordinal";

  /** Metadata key of the document date. */
  public static final String DATE = "date";

  /** Metadata key of the document source. */
  public static final String SOURCE = "source";

  /** Metadata key of the section's start in the source. */
  public static final String START = "start";

  /** Metadata key of the section's end in the source. */
  public static final String END = "end";

  /** Metadata key of the passages' citations. */
  public static final String CITATION = "citation";

  /** Prefix of the document's own metadata keys. */
  public static final String METADATA_PREFIX = "meta_";

  /**
   * Formats retrieved documents for a prompt with what a model needs to cite them: each document's
   * title and heading path, its citation, then its text; for {@code
   * ContextualQueryAugmenter.Builder.documentFormatter}.
   */
  public static final Function<List<Document>, String> WITH_CITATIONS =
      documents ->
          documents.stream()
              .map(
                  document ->
                      "["
                          + document.getMetadata().get(CITATION)
                          + "] "
                          + document.getMetadata().get(TITLE)
                          + headingPath(document.getMetadata().get(HEADING_PATH))
                          + "\n"
                          + document.getText())
              .collect(Collectors.joining("\n\n"));

  private final SectionIndex index;
  private final int limit;
  private final int maxPassages;
  private final boolean wholeSections;
  private final Map<String, Set<String>> filters;

  private SectionDocumentRetriever(Builder builder) {
    this.index = builder.index;
    this.limit = builder.limit;
    this.maxPassages = builder.maxPassages;
    this.wholeSections = builder.wholeSections;
    Map<String, Set<String>> filters = new LinkedHashMap<>();
    builder.filters.forEach((key, values) -> filters.put(key, Set.copyOf(values)));
    this.filters = Collections.unmodifiableMap(filters);
  }

  /**
   * Starts a retriever over an index, which stays the caller's to close.
   *
   * @param index the index to search
   * @return a builder with the defaults
   */
  public static Builder builder(SectionIndex index) {
    return new Builder(index);
  }

  @Override
  public List<Document> retrieve(Query query) {
    SearchRequest request =
        SearchRequest.of(query.text())
            .withLimit(limit)
            .withMaxPassages(maxPassages)
            .withSectionText(wholeSections);
    for (Map.Entry<String, Set<String>> filter : filters.entrySet()) {
      request = request.withFilter(filter.getKey(), filter.getValue());
    }
    List<Document> documents = new ArrayList<>();
    for (SearchHit hit : index.search(request).hits()) {
      String text =
          wholeSections
              ? hit.text().orElse("")
              : hit.passages().stream().map(Passage::text).collect(Collectors.joining("\n...\n"));
      if (!text.isBlank()) {
        documents.add(
            Document.builder()
                .id(hit.docId() + "#" + hit.ordinal())
                .text(text)
                .metadata(metadata(hit))
                .score((double) hit.score())
                .build());
      }
    }
    return documents;
  }

  private static Map<String, Object> metadata(SearchHit hit) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(DOC_ID, hit.docId());
    metadata.put(TITLE, hit.title());
    metadata.put(HEADING_PATH, hit.headingPath());
    metadata.put(ORDINAL, hit.ordinal());
    hit.date().ifPresent(date -> metadata.put(DATE, date.toString()));
    metadata.put(SOURCE, hit.source());
    metadata.put(START, hit.start());
    metadata.put(END, hit.end());
    metadata.put(CITATION, String.join("; ", hit.citations()));
    hit.metadata().forEach((key, values) -> metadata.put(METADATA_PREFIX + key, values));
    return metadata;
  }

  private static String headingPath(Object path) {
    return path instanceof List<?> list && !list.isEmpty()
        ? " > " + list.stream().map(String::valueOf).collect(Collectors.joining(" > "))
        : "";
  }

  /** Configures a {@link SectionDocumentRetriever}. Not thread-safe. */
  public static final class Builder {
    private final SectionIndex index;
    private int limit = 5;
    private int maxPassages = SearchRequest.DEFAULT_MAX_PASSAGES;
    private boolean wholeSections;
    private final Map<String, Set<String>> filters = new LinkedHashMap<>();

    private Builder(SectionIndex index) {
      this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * The most documents per query (5).
     *
     * @param limit 1 to {@link SearchRequest#MAX_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException when out of that range
     */
    public Builder limit(int limit) {
      if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
        throw new IllegalArgumentException(
            "limit must be 1 to " + SearchRequest.MAX_LIMIT + ": " + limit);
      }
      this.limit = limit;
      return this;
    }

    /**
     * The most passages in a document's text, when it holds passages (2).
     *
     * @param maxPassages 1 to {@link SearchRequest#MAX_PASSAGES}
     * @return this builder
     * @throws IllegalArgumentException when out of that range
     */
    public Builder maxPassages(int maxPassages) {
      if (maxPassages < 1 || maxPassages > SearchRequest.MAX_PASSAGES) {
        throw new IllegalArgumentException(
            "maxPassages must be 1 to " + SearchRequest.MAX_PASSAGES + ": " + maxPassages);
      }
      this.maxPassages = maxPassages;
      return this;
    }

    /**
     * Whether a document's text is its section's whole text rather than its passages.
     *
     * @param wholeSections true for whole sections, false for passages
     * @return this builder
     */
    public Builder wholeSections(boolean wholeSections) {
      this.wholeSections = wholeSections;
      return this;
    }

    /**
     * Keeps only sections whose document has one of these values for a metadata key; filters on
     * several keys must all hold.
     *
     * @param key the metadata key
     * @param values the values any of which a document must have
     * @return this builder
     * @throws IllegalArgumentException when no value is given
     */
    public Builder filter(String key, String... values) {
      Objects.requireNonNull(key, "key");
      if (values.length == 0) {
        throw new IllegalArgumentException("a filter on " + key + " needs at least one value");
      }
      filters.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(List.of(values));
      return this;
    }

    /**
     * Builds the retriever.
     *
     * @return the retriever, immutable and thread-safe
     */
    public SectionDocumentRetriever build() {
      return new SectionDocumentRetriever(this);
    }
  }
}
