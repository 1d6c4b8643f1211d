package dev.sectionsearch.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A LangChain4j {@link ContentRetriever} over a {@link SectionIndex}: each query's best sections
 * become {@link Content}s whose text is the section's passages (or its whole text) and whose
 * metadata says where it comes from, so that an answer can cite it.
 *
 * <pre>{@code
 * ContentRetriever retriever = SectionContentRetriever.builder(index).limit(5).build();
 * RetrievalAugmentor augmentor =
 *     DefaultRetrievalAugmentor.builder()
 *         .contentRetriever(retriever)
 *         .contentInjector(
 *             DefaultContentInjector.builder()
 *                 .metadataKeysToInclude(SectionContentRetriever.CITATION_KEYS)
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Metadata keys of each segment: {@value #DOC_ID}, {@value #TITLE}, {@value #HEADING_PATH}
 * (headings joined with {@code " > "}), {@value #ORDINAL}, {@value #DATE} (ISO, when the document
 * has one), {@value #SOURCE}, {@value #START} and {@value #END} (the section's range in the
 * source), {@value #CITATION} ({@code source:start-end} of each passage, joined with {@code "; "}),
 * {@value #SCORE}, and each of the document's metadata keys prefixed with {@value #METADATA_PREFIX}
 * (values joined with {@code ", "}). The content's {@link ContentMetadata#SCORE} is the hit's
 * score.
 *
 * <p>Immutable and thread-safe, as the index is.
 */
public final class SectionContentRetriever implements ContentRetriever {
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

  /** Metadata key of the relevance score. */
  public static final String SCORE = "score";

  /** Prefix of the document's own metadata keys. */
  public static final String METADATA_PREFIX = "meta_";

  /** The keys worth showing a model so that it can cite: title, heading path and citation. */
  public static final List<String> CITATION_KEYS = List.of(TITLE, HEADING_PATH, CITATION);

  private final SectionIndex index;
  private final int limit;
  private final int maxPassages;
  private final boolean wholeSections;
  private final boolean collapse;
  private final Map<String, Set<String>> filters;

  private SectionContentRetriever(Builder builder) {
    this.index = builder.index;
    this.limit = builder.limit;
    this.maxPassages = builder.maxPassages;
    this.wholeSections = builder.wholeSections;
    this.collapse = builder.collapse;
    Map<String, Set<String>> filters = new LinkedHashMap<>();
    builder.filters.forEach((key, values) -> filters.put(key, Set.copyOf(values)));
    this.filters = java.util.Collections.unmodifiableMap(filters);
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
  public List<Content> retrieve(Query query) {
    SearchRequest request =
        SearchRequest.of(query.text())
            .withLimit(limit)
            .withMaxPassages(maxPassages)
            .withCollapse(collapse)
            .withSectionText(wholeSections);
    for (Map.Entry<String, Set<String>> filter : filters.entrySet()) {
      request = request.withFilter(filter.getKey(), filter.getValue());
    }
    List<Content> contents = new ArrayList<>();
    for (SearchHit hit : index.search(request).hits()) {
      String text = wholeSections ? hit.text().orElse("") : passagesText(hit);
      if (text.isBlank()) {
        continue;
      }
      Map<ContentMetadata, Object> contentMetadata = new LinkedHashMap<>();
      contentMetadata.put(ContentMetadata.SCORE, (double) hit.score());
      contents.add(Content.from(TextSegment.from(text, metadata(hit)), contentMetadata));
    }
    return contents;
  }

  private static String passagesText(SearchHit hit) {
    return hit.passages().stream().map(Passage::text).collect(Collectors.joining("\n...\n"));
  }

  private static Metadata metadata(SearchHit hit) {
    Metadata metadata = new Metadata();
    metadata.put(DOC_ID, hit.docId());
    metadata.put(TITLE, hit.title());
    metadata.put(HEADING_PATH, String.join(" > ", hit.headingPath()));
    metadata.put(ORDINAL, hit.ordinal());
    hit.date().ifPresent(date -> metadata.put(DATE, date.toString()));
    metadata.put(SOURCE, hit.source());
    metadata.put(START, hit.start());
    metadata.put(END, hit.end());
    metadata.put(SCORE, (double) hit.score());
    String citations = String.join("; ", hit.citations());
    metadata.put(CITATION, citations);
    hit.metadata()
        .forEach((key, values) -> metadata.put(METADATA_PREFIX + key, String.join(", ", values)));
    return metadata;
  }

  /** Configures a {@link SectionContentRetriever}. Not thread-safe. */
  public static final class Builder {
    private final SectionIndex index;
    private int limit = 5;
    private int maxPassages = SearchRequest.DEFAULT_MAX_PASSAGES;
    private boolean wholeSections;
    private boolean collapse;
    private final Map<String, Set<String>> filters = new LinkedHashMap<>();

    private Builder(SectionIndex index) {
      this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * The most contents per query (5).
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
     * The most passages in a content's text, when it holds passages (2).
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
     * Whether a content's text is its section's whole text rather than its passages (false): more
     * context for the model, more tokens in the prompt.
     *
     * @param wholeSections true for whole sections, false for passages
     * @return this builder
     */
    public Builder wholeSections(boolean wholeSections) {
      this.wholeSections = wholeSections;
      return this;
    }

    /**
     * Whether to return only the best section of each document (false).
     *
     * @param collapse true for one section a document
     * @return this builder
     */
    public Builder collapse(boolean collapse) {
      this.collapse = collapse;
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
      filters.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).addAll(List.of(values));
      return this;
    }

    /**
     * Builds the retriever.
     *
     * @return the retriever, immutable and thread-safe
     */
    public SectionContentRetriever build() {
      return new SectionContentRetriever(this);
    }
  }
}
