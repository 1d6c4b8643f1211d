package dev.sectionsearch.internal.search;

import dev.sectionsearch.QueryException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.OptionalLong;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * Encodes where a page ended as an opaque, URL-safe string, and reads it back for the next page:
 * the version of the index view the page was read from, and the sort values of its last hit. Sort
 * values rather than Lucene document numbers, so that a cursor stays valid across commits and
 * merges; the view's version, so that the next page can be read from the same view while it is
 * kept, where scores (and so positions) are those of the first page.
 */
final class Cursor {
  private static final byte FORMAT = 3;
  private static final byte SCORE = 'S';
  private static final byte LONG = 'L';

  /** Longest cursor accepted: a version and three sort values fit well within it. */
  private static final int MAX_CHARS = 256;

  private Cursor() {}

  static String encode(long viewVersion, int search, FieldDoc last) {
    ByteBuffer buffer = ByteBuffer.allocate(14 + 9 * last.fields.length);
    buffer.put(FORMAT).putLong(viewVersion).putInt(search).put((byte) last.fields.length);
    for (Object value : last.fields) {
      if (value instanceof Float score) {
        buffer.put(SCORE).putFloat(score);
      } else {
        buffer.put(LONG).putLong((Long) value);
      }
    }
    byte[] bytes = new byte[buffer.position()];
    buffer.flip().get(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The version of the index view a cursor was issued from, or empty when the text is not a cursor
   * (which {@link #decode} then reports).
   */
  static OptionalLong viewVersion(String cursor) {
    if (cursor.length() > MAX_CHARS) {
      return OptionalLong.empty();
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      return buffer.get() == FORMAT ? OptionalLong.of(buffer.getLong()) : OptionalLong.empty();
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Reads the position of a cursor issued for the same search ({@code search} is its {@link
   * SearchKey}) and sort order.
   *
   * @throws QueryException naming the query when the cursor is not one this library issued for this
   *     search and order
   */
  static FieldDoc decode(String cursor, int search, Sort sort, String query) {
    if (cursor.length() > MAX_CHARS) {
      throw invalid(query);
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      SortField[] fields = sort.getSort();
      if (buffer.get() != FORMAT) {
        throw invalid(query);
      }
      buffer.getLong();
      if (buffer.getInt() != search) {
        throw SearchKey.foreignCursor(query);
      }
      if (buffer.get() != fields.length) {
        throw invalid(query);
      }
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        values[i] = readValue(buffer, fields[i].getType(), query);
      }
      if (buffer.hasRemaining()) {
        throw invalid(query);
      }
      // every section has its own key, so the document number never decides; the largest one
      // puts the cursor after any section with equal sort values
      return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      QueryException invalid = invalid(query);
      invalid.initCause(e);
      throw invalid;
    }
  }

  private static Object readValue(ByteBuffer buffer, SortField.Type type, String query) {
    byte tag = buffer.get();
    if (type == SortField.Type.SCORE && tag == SCORE) {
      return buffer.getFloat();
    }
    if (type == SortField.Type.LONG && tag == LONG) {
      return buffer.getLong();
    }
    throw invalid(query);
  }

  private static QueryException invalid(String query) {
    return new QueryException(
        query, "invalid paging cursor (pass back nextCursor from the same search and sort)");
  }
}
