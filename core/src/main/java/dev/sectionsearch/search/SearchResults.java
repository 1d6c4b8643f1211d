package dev.sectionsearch.search;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a {@link SearchRequest}: one page of hits, how many there are in all, the next
 * page's cursor, the requested facet counts and notes on how the query was read.
 *
 * <p>Built by the index (or by a backend, through {@link #builder(String)}); immutable and
 * thread-safe.
 */
public final class SearchResults {
  private final String query;
  private final long totalHits;
  private final boolean totalHitsExact;
  private final List<SearchHit> hits;
  private final Optional<String> nextCursor;
  private final Map<String, Map<String, Long>> facets;
  private final List<String> notes;
  private final Optional<String> didYouMean;

  private SearchResults(Builder builder) {
    this.query = builder.query;
    this.hits = List.copyOf(builder.hits);
    this.totalHits = Math.max(builder.totalHits, hits.size());
    this.totalHitsExact = builder.totalHitsExact;
    this.nextCursor = Optional.ofNullable(builder.nextCursor);
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    builder.facets.forEach(
        (key, counts) -> facets.put(key, Collections.unmodifiableMap(new LinkedHashMap<>(counts))));
    this.facets = Collections.unmodifiableMap(facets);
    this.notes = List.copyOf(builder.notes);
    this.didYouMean = Optional.ofNullable(builder.didYouMean);
  }

  /**
   * Starts the results of a query.
   *
   * @param query the query as given
   * @return a builder of empty results
   */
  public static Builder builder(String query) {
    return new Builder(query);
  }

  /** {@return the query text as given} */
  public String query() {
    return query;
  }

  /**
   * {@return how many sections matched (how many documents, when the request collapses); a lower
   * bound when {@link #totalHitsExact()} is false}
   */
  public long totalHits() {
    return totalHits;
  }

  /**
   * {@return whether {@link #totalHits()} is the exact count; false when the search stopped
   * counting at 1,000 matches (collapsed searches always count exactly)}
   */
  public boolean totalHitsExact() {
    return totalHitsExact;
  }

  /** {@return this page's hits, best first (or in date order)} */
  public List<SearchHit> hits() {
    return hits;
  }

  /**
   * Pass to {@link SearchRequest#withAfter(String)} for the next page; empty on the last page.
   *
   * @return the cursor of the next page
   */
  public Optional<String> nextCursor() {
    return nextCursor;
  }

  /**
   * For each key the request counted, its values with the number of matching documents (or
   * sections, when the request does not collapse) that have them, most frequent first; for {@link
   * SearchRequest#DATE_FACET}, the years, newest first. A key no match has maps to an empty map.
   *
   * @return the counts by key and value
   */
  public Map<String, Map<String, Long>> facets() {
    return facets;
  }

  /**
   * {@return what a reader of the results should know about how the query was read, as sentences:
   * words left out of a long query, a query of stop words only} Empty when there is nothing to say.
   */
  public List<String> notes() {
    return notes;
  }

  /**
   * {@return the query with its misspelt words replaced by the indexed words nearest them, in the
   * words as written in the indexed text ({@code "Rusia Ukrane"} gives {@code "Russia Ukraine"});
   * empty when no word was corrected (or the request turned {@linkplain
   * SearchRequest#withTypoTolerance typo tolerance} off)} When at least half the query's words were
   * misspelt, the hits already include the corrected words' matches; otherwise the query was
   * searched as typed (its misspelt words may be rare words spelt right) and this is only offered.
   */
  public Optional<String> didYouMean() {
    return didYouMean;
  }

  @Override
  public String toString() {
    return "SearchResults[query="
        + query
        + ", totalHits="
        + totalHits
        + (totalHitsExact ? "" : "+")
        + ", hits="
        + hits.size()
        + "]";
  }

  /** Assembles {@link SearchResults}. Not thread-safe; its setters return it for chaining. */
  public static final class Builder {
    private final String query;
    private long totalHits;
    private boolean totalHitsExact = true;
    private final List<SearchHit> hits = new ArrayList<>();
    private String nextCursor;
    private final Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private String didYouMean;

    private Builder(String query) {
      this.query = Objects.requireNonNull(query, "query");
    }

    /**
     * Sets the total number of matches and whether it is exact (else a lower bound).
     *
     * @param totalHits the number of matches
     * @param exact whether it is exact
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder totalHits(long totalHits, boolean exact) {
      if (totalHits < 0) {
        throw new IllegalArgumentException("totalHits must not be negative: " + totalHits);
      }
      this.totalHits = totalHits;
      this.totalHitsExact = exact;
      return this;
    }

    /**
     * Adds the page's hits, in order.
     *
     * @param hits the hits
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder hits(List<SearchHit> hits) {
      for (SearchHit hit : hits) {
        this.hits.add(Objects.requireNonNull(hit, "hit"));
      }
      return this;
    }

    /**
     * Sets the cursor of the next page.
     *
     * @param nextCursor the cursor
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder nextCursor(String nextCursor) {
      this.nextCursor = Objects.requireNonNull(nextCursor, "nextCursor");
      return this;
    }

    /**
     * Sets the counts of one facet key, in the order to show them.
     *
     * @param key the metadata key
     * @param counts the count of each value
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder facet(String key, Map<String, Long> counts) {
      facets.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(counts, "counts"));
      return this;
    }

    /**
     * Adds a note for the reader.
     *
     * @param note a sentence
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder note(String note) {
      notes.add(Objects.requireNonNull(note, "note"));
      return this;
    }

    /**
     * Sets the corrected query ({@link SearchResults#didYouMean()}).
     *
     * @param didYouMean the corrected query
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder didYouMean(String didYouMean) {
      this.didYouMean = Objects.requireNonNull(didYouMean, "didYouMean");
      return this;
    }

    /**
     * Builds the results.
     *
     * @return the results
     */
    public SearchResults build() {
      return new SearchResults(this);
    }
  }
}
