package dev.sectionsearch.search;

import dev.sectionsearch.QueryException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/**
 * Encodes the sort position of a page's last hit as an opaque, URL-safe string, and reads it
 * back for the next page. The position is made of sort values only, not Lucene document numbers,
 * so a cursor stays valid across commits and merges.
 */
final class Cursor {
  private static final byte VERSION = 1;
  private static final byte SCORE = 'S';
  private static final byte KEY = 'K';
  private static final byte LONG = 'L';

  /** Longest cursor accepted: three sort values and a document id fit well within it. */
  private static final int MAX_CHARS = 4096;

  private Cursor() {}

  static String encode(FieldDoc last) {
    ByteBuffer buffer = ByteBuffer.allocate(64 + 8 * last.fields.length + keyBytes(last));
    buffer.put(VERSION).put((byte) last.fields.length);
    for (Object value : last.fields) {
      if (value instanceof Float score) {
        buffer.put(SCORE).putFloat(score);
      } else if (value instanceof Long number) {
        buffer.put(LONG).putLong(number);
      } else {
        BytesRef key = (BytesRef) value;
        buffer.put(KEY).putInt(key.length).put(key.bytes, key.offset, key.length);
      }
    }
    byte[] bytes = new byte[buffer.position()];
    buffer.flip().get(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static int keyBytes(FieldDoc doc) {
    int total = 0;
    for (Object value : doc.fields) {
      if (value instanceof BytesRef key) {
        total += 4 + key.length;
      }
    }
    return total;
  }

  /**
   * Reads a cursor issued for the same sort order.
   *
   * @throws QueryException naming the query when the cursor is not one this library issued for
   *     this order
   */
  static FieldDoc decode(String cursor, Sort sort, String query) {
    if (cursor.length() > MAX_CHARS) {
      throw invalid(query);
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      SortField[] fields = sort.getSort();
      if (buffer.get() != VERSION || buffer.get() != fields.length) {
        throw invalid(query);
      }
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        values[i] = readValue(buffer, fields[i].getType(), query);
      }
      if (buffer.hasRemaining()) {
        throw invalid(query);
      }
      // every section has a unique key, so the document number never decides; the largest one
      // puts the cursor after any section with equal sort values
      return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      throw invalid(query);
    }
  }

  private static Object readValue(ByteBuffer buffer, SortField.Type type, String query) {
    byte tag = buffer.get();
    switch (type) {
      case SCORE:
        if (tag != SCORE) {
          throw invalid(query);
        }
        return buffer.getFloat();
      case LONG:
        if (tag != LONG) {
          throw invalid(query);
        }
        return buffer.getLong();
      case STRING:
        if (tag != KEY) {
          throw invalid(query);
        }
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
          throw invalid(query);
        }
        byte[] key = new byte[length];
        buffer.get(key);
        return new BytesRef(key);
      default:
        throw invalid(query);
    }
  }

  private static QueryException invalid(String query) {
    return new QueryException(
        query, "invalid paging cursor (pass back nextCursor from the same search and sort)");
  }
}
