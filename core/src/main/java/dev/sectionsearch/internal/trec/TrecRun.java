package dev.sectionsearch.internal.trec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes TREC run files: {@code qid Q0 docno rank score tag}, one line per retrieved document, six
 * columns separated by single spaces.
 *
 * <p>The score column is {@code n - rank + 1} for a ranking of {@code n} documents, not the search
 * score: {@code trec_eval} orders each query's lines by score and breaks ties by docno, so equal
 * search scores (common with BM25 on short texts) would let it reorder the ranking it is asked to
 * judge. A score that falls with the rank keeps the order exactly as it was given.
 *
 * <p>The columns are split at white space, so the query id, the docno and the tag are written with
 * {@link #encodeId} : white space, control characters and {@code %} become {@code %XX} escapes of
 * their UTF-8 bytes ({@code "my notes.txt"} is written {@code my%20notes.txt}), and judgments for
 * such ids must spell them the same way. Ids without those characters, as in every public test
 * collection, are written unchanged.
 *
 * <p>Stateless and thread-safe; the caller owns, buffers and closes the output.
 */
public final class TrecRun {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private TrecRun() {}

  /**
   * Writes one query's ranking, best document first.
   *
   * @param out where the lines go
   * @param queryId the query's id in the judgments
   * @param ranking the documents' ids, best first
   * @param tag the run's name, the last column
   * @throws IllegalArgumentException if the query id, the tag or a document id is empty
   * @throws IOException if the output fails
   */
  public static void write(Appendable out, String queryId, List<String> ranking, String tag)
      throws IOException {
    Objects.requireNonNull(out, "out");
    String qid = column("query id", queryId);
    String name = column("tag", tag);
    int size = ranking.size();
    for (int i = 0; i < size; i++) {
      out.append(qid)
          .append(" Q0 ")
          .append(column("document id", ranking.get(i)))
          .append(' ')
          .append(Integer.toString(i + 1))
          .append(' ')
          .append(Integer.toString(size - i))
          .append(' ')
          .append(name)
          .append('\n');
    }
  }

  /**
   * Returns the id as one column of a run file: white space (including Unicode spaces and line
   * separators), control characters and {@code %} replaced by {@code %XX} escapes of their UTF-8
   * bytes, every other character unchanged. Decoding the escapes gives the id back.
   *
   * @param id any id
   * @return the id with no character that could split or end a column
   */
  public static String encodeId(String id) {
    int first = 0;
    while (first < id.length() && !needsEscape(id.codePointAt(first))) {
      first += Character.charCount(id.codePointAt(first));
    }
    if (first == id.length()) {
      return id;
    }
    StringBuilder encoded = new StringBuilder(id.length() + 16).append(id, 0, first);
    for (int i = first; i < id.length(); ) {
      int codePoint = id.codePointAt(i);
      int length = Character.charCount(codePoint);
      if (needsEscape(codePoint)) {
        for (byte b : id.substring(i, i + length).getBytes(StandardCharsets.UTF_8)) {
          encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
      } else {
        encoded.append(id, i, i + length);
      }
      i += length;
    }
    return encoded.toString();
  }

  private static boolean needsEscape(int codePoint) {
    return codePoint == '%'
        || Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || Character.isISOControl(codePoint);
  }

  private static String column(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a TREC run cannot hold an empty " + what);
    }
    return encodeId(value);
  }
}
