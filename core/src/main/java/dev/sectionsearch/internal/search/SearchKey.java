package dev.sectionsearch.internal.search;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SortOrder;
import dev.sectionsearch.search.Synonyms;
import java.util.Objects;

/**
 * What a paging cursor must have been issued for, on every backend: the query and everything that
 * chooses and orders its matches (not the page size or what each hit shows). A cursor carries the
 * key of its search, and a search refuses a cursor with another key, rather than paging on from a
 * position that means nothing to it.
 *
 * <p>Internal to the library; stateless and thread-safe.
 */
public final class SearchKey {
  private SearchKey() {}

  /**
   * The key of a search in the given order. Names, not enum hash codes, so that a cursor keeps
   * across restarts of a server.
   */
  public static int of(SearchRequest request, SortOrder order) {
    return Objects.hash(
        request.query(),
        request.filters(),
        request.since(),
        request.until(),
        request.mode().map(Enum::name),
        order.name(),
        request.collapse(),
        request.typoTolerance().orElse(true),
        request.synonyms().map(Synonyms::text),
        request.recency().map(java.time.Duration::toString));
  }

  /** The refusal of a cursor issued for another search, naming the query. */
  public static QueryException foreignCursor(String query) {
    return new QueryException(
        query,
        "the paging cursor belongs to another search (pass back nextCursor with the same"
            + " query, filters, dates, mode and sort)");
  }
}
