package dev.sectionsearch;

/**
 * A query could not be turned into a search: it is too long, has too many terms, or asks for
 * something the safe query syntax does not allow. The message quotes the query.
 *
 * <p>Immutable and thread-safe.
 */
public class QueryException extends SectionSearchException {
  private static final long serialVersionUID = 1L;

  /** The query as the caller gave it (part of the serialized form). */
  private final String query;

  /**
   * Creates an exception for a query with a description of the problem.
   *
   * @param query the query
   * @param problem what is wrong with it
   */
  public QueryException(String query, String problem) {
    super("query \"" + abbreviate(query) + "\": " + problem);
    this.query = query;
  }

  /** {@return the query text as the caller gave it} */
  public String query() {
    return query;
  }

  private static String abbreviate(String query) {
    String oneLine = query.replaceAll("\\p{Cntrl}", " ");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
  }
}
