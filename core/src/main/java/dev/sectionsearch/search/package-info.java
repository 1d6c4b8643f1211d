/**
 * Searching: the query syntax (safe for untrusted input), the immutable {@link
 * dev.sectionsearch.search.SearchRequest} (limit, date range, sort order, collapsing, paging
 * cursor, passages), and the results: {@link dev.sectionsearch.search.SearchResults} holding {@link
 * dev.sectionsearch.search.SearchHit}s. Ranking is BM25 over each section's title, headings and
 * body, with small boosts for title and heading matches and for query words that stand close
 * together.
 *
 * <p>Every method here returns a result to use: {@code request.withLimit(1);} alone changes
 * nothing, so the package is {@code @CheckReturnValue} and Error Prone refuses such a line.
 */
@CheckReturnValue
package dev.sectionsearch.search;

import com.google.errorprone.annotations.CheckReturnValue;
