package dev.sectionsearch.internal.index;

import java.io.IOException;
import java.io.Reader;
import java.text.Normalizer;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Puts text into Unicode NFKC form and removes invisible format characters before it is split into
 * words, so that a word is found by its plain spelling however it was encoded: decomposed accents
 * ("cafe" + U+0301) compose, compatibility forms (ligatures, full-width letters) fold, and soft
 * hyphens, joiners (ZWJ, ZWNJ, U+2060) and bidi controls inside or beside a word disappear. A
 * zero-width space separates words, so it becomes a space.
 *
 * <p>Offsets are corrected back to the original text, so highlights and passages still point at
 * what was stored. Text is normalised one cluster at a time (a character and the marks, format
 * characters and Hangul vowel or final jamo that follow it), which keeps the corrections exact at
 * every word boundary; runs of characters below U+00A0, which NFKC leaves alone, are copied.
 *
 * <p>Not thread-safe, like every Lucene {@link java.io.Reader}.
 */
final class UnicodeNormalizingCharFilter extends BaseCharFilter {
  private static final int CHUNK = 4096;

  /** Made at the first character that needs normalising: most texts never need it. */
  private char[] chunk;

  /** Input read but not yet normalised: the cluster at its end may continue in the next read. */
  private final StringBuilder pending = new StringBuilder();

  private final StringBuilder output = new StringBuilder();
  private int outputPosition;

  /** Offset in the original text of {@code pending}'s first character. */
  private int inputBase;

  /** Offset in the normalised text of {@code output}'s first character. */
  private int outputBase;

  private boolean inputEnded;

  UnicodeNormalizingCharFilter(Reader input) {
    super(input);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (outputPosition == output.length()
        && !inputEnded
        && length > 1
        && (pending.length() == 0 || (pending.length() == 1 && pending.charAt(0) < '\u00a0'))) {
      int copied = readPlain(buffer, offset, length);
      if (copied > 0) {
        return copied;
      }
    }
    while (outputPosition == output.length()) {
      if (!fill()) {
        return -1;
      }
    }
    int count = Math.min(length, output.length() - outputPosition);
    output.getChars(outputPosition, outputPosition + count, buffer, offset);
    outputPosition += count;
    return count;
  }

  /**
   * Reads straight into the caller's buffer while the text is below U+00A0, which NFKC leaves alone
   * and which needs no offset correction: a tenth of the time of indexing went to copying such text
   * through the normalising buffers. Keeps the last character read back, as a cluster it starts may
   * go on in the next read, and gives the rest from the first character that may need normalising
   * to {@link #fill()}.
   *
   * @return the characters given, 0 when the text at hand needs the normalising path
   */
  private int readPlain(char[] buffer, int offset, int length) throws IOException {
    int carried = pending.length();
    if (carried == 1) {
      buffer[offset] = pending.charAt(0);
    }
    int read = input.read(buffer, offset + carried, length - carried);
    if (read < 0) {
      inputEnded = true;
      return 0;
    }
    int total = carried + read;
    int plain = 0;
    while (plain < total && buffer[offset + plain] < '\u00a0') {
      plain++;
    }
    int given = plain == total ? total - 1 : Math.max(0, plain - 1);
    pending.setLength(0);
    pending.append(buffer, offset + given, total - given);
    if (given > 0) {
      outputBase += output.length() + given;
      output.setLength(0);
      outputPosition = 0;
      inputBase += given;
    }
    return given;
  }

  /** Normalises the next complete clusters; false at the end of the input. */
  private boolean fill() throws IOException {
    if (inputEnded && pending.length() == 0) {
      return false;
    }
    outputBase += output.length();
    output.setLength(0);
    outputPosition = 0;
    if (!inputEnded) {
      if (chunk == null) {
        chunk = new char[CHUNK];
      }
      int read = input.read(chunk, 0, CHUNK);
      if (read < 0) {
        inputEnded = true;
      } else {
        pending.append(chunk, 0, read);
      }
    }
    int end = inputEnded ? pending.length() : lastClusterStart();
    int start = 0;
    while (start < end) {
      int run = start;
      while (run < end && pending.charAt(run) < '\u00a0') {
        run++;
      }
      if (run < end && run > start && continuesCluster(pending.charAt(run))) {
        // the run's last character is the base of the cluster that follows
        run--;
      }
      if (run > start) {
        // characters below U+00A0 that start no cluster: NFKC leaves them as they are
        output.append(pending, start, run);
        start = run;
        continue;
      }
      int next = start + 1;
      while (next < end && continuesCluster(pending.charAt(next))) {
        next++;
      }
      char first = pending.charAt(start);
      if (next == start + 1 && first < '\u00a0') {
        output.append(first);
      } else {
        appendNormalized(start, next);
      }
      start = next;
    }
    pending.delete(0, end);
    inputBase += end;
    return true;
  }

  private int lastClusterStart() {
    for (int i = pending.length() - 1; i > 0; i--) {
      if (!continuesCluster(pending.charAt(i))) {
        return i;
      }
    }
    return 0;
  }

  private void appendNormalized(int start, int end) {
    StringBuilder cluster = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = pending.charAt(i);
      if (c == '\u200b') {
        cluster.append(' ');
      } else if (Character.getType(c) != Character.FORMAT) {
        cluster.append(c);
      }
    }
    String text = cluster.toString();
    if (!Normalizer.isNormalized(text, Normalizer.Form.NFKC)) {
      text = Normalizer.normalize(text, Normalizer.Form.NFKC);
    }
    int outputStart = outputBase + output.length();
    output.append(text);
    int inputEnd = inputBase + end;
    // a cluster that grew (U+32C9 is "10" and a CJK month sign) maps its extra characters to
    // the cluster's end: mapped with the correction before it, they would point past the
    // cluster, and a word ending there would end before it starts
    for (int k = end - start; k < text.length(); k++) {
      addOffCorrectMap(outputStart + k, inputEnd - (outputStart + k));
    }
    if (text.length() != end - start) {
      int outputEnd = outputStart + text.length();
      addOffCorrectMap(outputEnd, inputEnd - outputEnd);
    }
  }

  /** Whether a character belongs to the cluster of the character before it. */
  static boolean continuesCluster(char c) {
    if (c < '\u00ad') {
      return false;
    }
    if (c == '\u00ad') {
      return true;
    }
    if (c < '\u0300') {
      return false;
    }
    if (Character.isLowSurrogate(c)
        || (c >= '\u1160' && c <= '\u11ff')
        || (c >= '\ud7b0' && c <= '\ud7ff')
        || c == '\uff9e'
        || c == '\uff9f') {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT;
  }
}
