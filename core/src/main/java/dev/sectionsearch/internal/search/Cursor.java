package dev.sectionsearch.internal.search;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SortOrder;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where a page ended, as an opaque, URL-safe string: the index view the page was read from (a
 * backend's own name for it: the embedded index's reader version, an OpenSearch point in time), the
 * {@link SearchKey} of its search, and the sort values of its last hit. Sort values rather than
 * document numbers, so that a cursor stays valid across commits and merges; the view, so that the
 * next page can be read from the same view while it is kept, where scores (and so positions) are
 * those of the first page.
 *
 * <p>Read once per request ({@link #of}), by the backend choosing the view and the pipeline paging
 * on. Immutable.
 *
 * @param view the backend's name for the view the page was read from
 * @param search the {@link SearchKey} of the search that issued it
 * @param values the sort values of the last hit: a {@link Float} score, {@link Long} otherwise
 */
public record Cursor(String view, int search, List<Object> values) {
  private static final byte FORMAT = 4;
  private static final byte SCORE = 'S';
  private static final byte LONG = 'L';

  /** Longest cursor accepted: an OpenSearch point in time and three sort values fit within it. */
  private static final int MAX_CHARS = 8192;

  /** Copies the values. */
  public Cursor {
    values = List.copyOf(values);
  }

  /**
   * The request's cursor, read.
   *
   * @throws QueryException naming the query when it is not a cursor this library issued
   */
  public static Optional<Cursor> of(SearchRequest request) {
    return request.after().map(text -> decode(text, request.query()));
  }

  /** The cursor as the opaque text given to callers. */
  public String encode() {
    byte[] viewBytes = view.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + viewBytes.length + 4 + 1 + 9 * values.size());
    buffer.put(FORMAT).putInt(viewBytes.length).put(viewBytes).putInt(search);
    buffer.put((byte) values.size());
    for (Object value : values) {
      if (value instanceof Float score) {
        buffer.put(SCORE).putFloat(score);
      } else {
        buffer.put(LONG).putLong((Long) value);
      }
    }
    byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static Cursor decode(String cursor, String query) {
    if (cursor.length() > MAX_CHARS) {
      throw invalid(query);
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (buffer.get() != FORMAT) {
        throw invalid(query);
      }
      int viewLength = buffer.getInt();
      if (viewLength < 0 || viewLength > buffer.remaining()) {
        throw invalid(query);
      }
      byte[] view = new byte[viewLength];
      buffer.get(view);
      int search = buffer.getInt();
      int count = buffer.get();
      Object[] values = new Object[Math.max(0, count)];
      for (int i = 0; i < values.length; i++) {
        byte tag = buffer.get();
        if (tag == SCORE) {
          values[i] = buffer.getFloat();
        } else if (tag == LONG) {
          values[i] = buffer.getLong();
        } else {
          throw invalid(query);
        }
      }
      if (buffer.hasRemaining() || values.length == 0) {
        throw invalid(query);
      }
      return new Cursor(new String(view, StandardCharsets.UTF_8), search, List.of(values));
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      QueryException invalid = invalid(query);
      invalid.initCause(e);
      throw invalid;
    }
  }

  /**
   * Checks that the cursor was issued for this search and order: a date first for a date order,
   * then the score and the section key.
   *
   * @throws QueryException naming the query when it was not
   */
  void checkIssuedFor(int searchKey, SortOrder order, String query) {
    if (search != searchKey) {
      throw SearchKey.foreignCursor(query);
    }
    boolean dated = order == SortOrder.NEWEST || order == SortOrder.OLDEST;
    List<Class<?>> expected =
        dated ? List.of(Long.class, Float.class, Long.class) : List.of(Float.class, Long.class);
    if (values.size() != expected.size()) {
      throw invalid(query);
    }
    for (int i = 0; i < values.size(); i++) {
      if (!expected.get(i).isInstance(values.get(i))) {
        throw invalid(query);
      }
    }
  }

  private static QueryException invalid(String query) {
    return new QueryException(
        query, "invalid paging cursor (pass back nextCursor from the same search and sort)");
  }
}
