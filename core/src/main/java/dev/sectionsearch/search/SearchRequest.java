package dev.sectionsearch.search;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What to search for and how to return it. Start with {@link #of(String)} and refine with the
 * {@code with...} methods, each of which returns a new request.
 *
 * <p>The query syntax is safe for untrusted input: words (any of them may match; sections with
 * more of them rank higher), {@code "quoted phrases"}, {@code +required} words, {@code -excluded}
 * words or phrases, {@code OR} and {@code AND} between words, and {@code prefix*}. A sign before
 * a digit belongs to the number ({@code +1}, {@code -40}). Other punctuation is ignored; no input
 * makes the parser fail.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the query text
 * @param limit the most hits to return, 1 to {@value #MAX_LIMIT}
 * @param since only sections dated on or after this day (sections without a date are left out)
 * @param until only sections dated on or before this day (sections without a date are left out)
 * @param sort the order of hits
 * @param collapse when true, return only the best section of each document
 * @param after a cursor from {@link SearchResults#nextCursor()}: return the hits after it
 * @param maxPassages the most passages per hit, 0 to 10
 * @param exactTotal when true, count every match; when false, stop counting at {@value
 *     #COUNTED_HITS} and report that many as a lower bound, which lets the index skip sections
 *     that cannot reach the page (see {@link SearchResults#totalHitsExact()})
 */
public record SearchRequest(
    String query,
    int limit,
    Optional<LocalDate> since,
    Optional<LocalDate> until,
    SortOrder sort,
    boolean collapse,
    Optional<String> after,
    int maxPassages,
    boolean exactTotal) {

  /** The largest page a request may ask for. */
  public static final int MAX_LIMIT = 10_000;

  /** Hits returned when no limit is given. */
  public static final int DEFAULT_LIMIT = 10;

  /** Passages per hit when no number is given. */
  public static final int DEFAULT_MAX_PASSAGES = 2;

  /** The most passages per hit a request may ask for. */
  public static final int MAX_PASSAGES = 10;

  /**
   * Matches counted one by one before the total becomes a lower bound, unless the request asks
   * for an {@linkplain #exactTotal() exact total}.
   */
  public static final int COUNTED_HITS = 1_000;

  /** Validates the request. */
  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
    }
    if (maxPassages < 0 || maxPassages > MAX_PASSAGES) {
      throw new IllegalArgumentException(
          "maxPassages must be 0 to " + MAX_PASSAGES + ": " + maxPassages);
    }
    if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
      throw new IllegalArgumentException(
          "since (" + since.get() + ") is after until (" + until.get() + ")");
    }
  }

  /** A request for the query's top {@value #DEFAULT_LIMIT} sections by relevance. */
  public static SearchRequest of(String query) {
    return new SearchRequest(
        query,
        DEFAULT_LIMIT,
        Optional.empty(),
        Optional.empty(),
        SortOrder.RELEVANCE,
        false,
        Optional.empty(),
        DEFAULT_MAX_PASSAGES,
        false);
  }

  /** This request returning at most {@code limit} hits. */
  public SearchRequest withLimit(int limit) {
    return new SearchRequest(
        query, limit, since, until, sort, collapse, after, maxPassages, exactTotal);
  }

  /** This request restricted to sections dated in a range; either end may be empty. */
  public SearchRequest withDateRange(Optional<LocalDate> since, Optional<LocalDate> until) {
    return new SearchRequest(
        query, limit, since, until, sort, collapse, after, maxPassages, exactTotal);
  }

  /** This request with hits in the given order. */
  public SearchRequest withSort(SortOrder sort) {
    return new SearchRequest(
        query, limit, since, until, sort, collapse, after, maxPassages, exactTotal);
  }

  /** This request returning only the best section of each document, or every section. */
  public SearchRequest withCollapse(boolean collapse) {
    return new SearchRequest(
        query, limit, since, until, sort, collapse, after, maxPassages, exactTotal);
  }

  /**
   * This request continuing after a cursor from a previous page's results. The index reads the
   * next page from the same view of the index as the first, while it keeps that view (ten
   * minutes after a newer commit, a few views at most); after that, from the current view at
   * the cursor's position, where new commits may have moved scores.
   */
  public SearchRequest withAfter(String cursor) {
    Objects.requireNonNull(cursor, "cursor");
    return new SearchRequest(
        query, limit, since, until, sort, collapse, Optional.of(cursor), maxPassages, exactTotal);
  }

  /** This request returning at most {@code maxPassages} passages per hit. */
  public SearchRequest withMaxPassages(int maxPassages) {
    return new SearchRequest(
        query, limit, since, until, sort, collapse, after, maxPassages, exactTotal);
  }

  /**
   * This request counting every match for its total, or (the default) counting up to {@value
   * #COUNTED_HITS} and reporting a lower bound past that. Exact totals cost a pass over every
   * match; a query matching most of a large index takes several times as long.
   */
  public SearchRequest withExactTotal(boolean exactTotal) {
    return new SearchRequest(
        query, limit, since, until, sort, collapse, after, maxPassages, exactTotal);
  }
}
