package dev.sectionsearch.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a {@link SearchRequest}: one page of hits and how many there are in all.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the query text as given
 * @param totalHits how many sections matched (how many documents, when the request collapses);
 *     a lower bound when {@code totalHitsExact} is false
 * @param totalHitsExact whether {@code totalHits} is the exact count; false when the search
 *     stopped counting at {@link SearchRequest#COUNTED_HITS} (collapsed searches always count
 *     exactly)
 * @param hits this page's hits, best first (or in date order)
 * @param nextCursor pass to {@link SearchRequest#withAfter(String)} for the next page; empty on
 *     the last page
 * @param notes what the search did with the query that the user should know, as sentences (for
 *     example that a long query was shortened, or that it held only stop words); empty when
 *     there is nothing to say
 */
public record SearchResults(
    String query,
    long totalHits,
    boolean totalHitsExact,
    List<SearchHit> hits,
    Optional<String> nextCursor,
    List<String> notes) {

  /** Validates the results and copies the hits and notes. */
  public SearchResults {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(nextCursor, "nextCursor");
    hits = List.copyOf(hits);
    notes = List.copyOf(notes);
    if (totalHits < hits.size()) {
      throw new IllegalArgumentException("totalHits " + totalHits + " < " + hits.size() + " hits");
    }
  }
}
