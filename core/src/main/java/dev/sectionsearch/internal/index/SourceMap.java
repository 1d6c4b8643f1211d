package dev.sectionsearch.internal.index;

import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import java.util.Arrays;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.util.BytesRef;

/**
 * Where a section's text stands in its document's source: the map from offsets in the cleaned
 * section text (what passages are cut from) to offsets in the source text as read (with its
 * markup), so that a passage can be cited as a range of the original file.
 *
 * <p>The sectioners remove markup, decode entities and re-space text, so the map is found by
 * alignment rather than kept through every step: each word of the section text (a run of letters
 * and digits) is looked for, in order, in the section's source range, where markup (HTML tags,
 * comments, scripts; Markdown link targets and reference definitions) has been blanked out first. A
 * word found becomes an anchor; anchors whose gaps are as long in the text as in the source merge
 * into runs. A word that is not found (an entity inside it, text the sectioner made up such as list
 * numbers) is passed over; the map stays monotone, so a range of the text always maps to a range of
 * the source that holds its found words in order.
 *
 * <p>Encoded as variable-length integers: the run count, then per run the gap in the text and in
 * the source since the previous run's end, and its length. Plain text costs a few bytes per line;
 * HTML a few bytes per tag.
 *
 * <p>Internal to the library; stateless and thread-safe.
 */
public final class SourceMap {
  /**
   * How far past the last anchor a word is looked for: a word missing from the source would
   * otherwise be looked for to the end of the section, once per missing word.
   */
  private static final int WINDOW = 4096;

  private SourceMap() {}

  /**
   * The map of a section split from raw text.
   *
   * @param source the document's raw text
   * @param format its format, which says what markup to blank out
   * @param section the section, with its range in {@code source}
   */
  public static BytesRef align(String source, Format format, Section section) {
    int from = Math.min(section.start(), source.length());
    int to = Math.min(Math.max(section.end(), from), source.length());
    Aligner aligner = new Aligner(mask(source, from, to, format));
    Encoder runs = new Encoder(from);
    // the heading's words come first in the source: consuming them keeps a body word equal to a
    // heading word from anchoring inside the heading
    aligner.alignWords(section.heading(), null);
    aligner.alignWords(section.text(), runs);
    return runs.toBytes();
  }

  /**
   * The map of a section whose text stands in the source as it is, from {@code textStart}: a
   * section given in code, whose source is the sections' text joined.
   */
  public static BytesRef exact(int textStart, int length) {
    Encoder runs = new Encoder(0);
    if (length > 0) {
      runs.add(0, textStart, length);
    }
    return runs.toBytes();
  }

  /**
   * The source range of a range of the section text: from the source of the first word found at or
   * after {@code start} to the end of the last word found before {@code end}, widened by the
   * characters between the range's ends and those words (closing punctuation, an opening quote) as
   * far as the source has room for them before the neighbouring words. A range with no word found
   * maps to the whole section.
   *
   * @param map the encoded map; null or empty for an index written before maps were kept
   * @param sectionStart the section's start in the source, the answer when nothing is known
   * @param sectionEnd the section's end in the source
   * @return {@code {sourceStart, sourceEnd}}
   */
  public static int[] toSource(BytesRef map, int start, int end, int sectionStart, int sectionEnd) {
    if (map == null || map.length == 0) {
      return new int[] {sectionStart, sectionEnd};
    }
    ByteArrayDataInput in = new ByteArrayDataInput(map.bytes, map.offset, map.length);
    int count = in.readVInt();
    int text = 0;
    int source = in.readVInt();
    int sourceStart = -1;
    int sourceEnd = -1;
    // where the run before the current one ends, in the text and in the source
    int previousTextEnd = 0;
    int previousSourceEnd = sectionStart;
    for (int i = 0; i < count; i++) {
      text += in.readVInt();
      source += in.readVInt();
      int length = in.readVInt();
      if (sourceStart < 0 && text + length > start) {
        sourceStart =
            start >= text
                ? source + (start - text)
                : Math.max(previousSourceEnd, source - (text - start));
      }
      if (text >= end) {
        break;
      }
      sourceEnd = source + Math.min(length, end - text);
      text += length;
      source += length;
      previousTextEnd = text;
      previousSourceEnd = source;
    }
    if (sourceEnd >= 0 && end > previousTextEnd && sourceEnd == previousSourceEnd) {
      // the range ends in the gap after its last word: take as much of the source's gap, short
      // of the next word (or the section's end)
      int limit = text >= end && source > previousSourceEnd ? source : sectionEnd;
      sourceEnd = Math.min(limit, sourceEnd + (end - previousTextEnd));
    }
    if (sourceStart < 0 || sourceEnd < sourceStart) {
      return new int[] {sectionStart, sectionEnd};
    }
    return new int[] {sourceStart, sourceEnd};
  }

  /** Finds the words of texts in a mask, in order. Used once, by one thread. */
  private static final class Aligner {
    private final char[] mask;
    private int position;

    /**
     * Characters of the mask it may still compare: words missing from the source each cost a scan
     * of the window, and a hostile text of such words must not make indexing quadratic.
     */
    private long budget;

    Aligner(char[] mask) {
      this.mask = mask;
      this.budget = 16L * mask.length + 65_536;
    }

    /** Anchors each word of {@code text}, in order, adding the anchors to {@code runs}. */
    void alignWords(String text, Encoder runs) {
      int i = 0;
      int length = text.length();
      while (i < length && budget > 0) {
        if (!isWordChar(text.charAt(i))) {
          i++;
          continue;
        }
        int wordEnd = i + 1;
        while (wordEnd < length && isWordChar(text.charAt(wordEnd))) {
          wordEnd++;
        }
        int found = find(text, i, wordEnd);
        if (found >= 0) {
          if (runs != null) {
            runs.add(i, found, wordEnd - i);
          }
          position = found + (wordEnd - i);
        }
        i = wordEnd;
      }
    }

    /** Where the word {@code text[start, end)} stands as a whole word in the mask, or -1. */
    private int find(String text, int start, int end) {
      int length = end - start;
      int last = Math.min(mask.length - length, position + WINDOW);
      char first = text.charAt(start);
      for (int at = position; at <= last; at++) {
        budget--;
        if (mask[at] != first || (at > 0 && isWordChar(mask[at - 1]))) {
          continue;
        }
        int k = 1;
        while (k < length && mask[at + k] == text.charAt(start + k)) {
          k++;
        }
        if (k == length && (at + length == mask.length || !isWordChar(mask[at + length]))) {
          return at;
        }
      }
      return -1;
    }
  }

  private static boolean isWordChar(char c) {
    if (c < 128) {
      // most text is ASCII, and this runs for every character of every section
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return Character.isLetterOrDigit(c);
  }

  /**
   * The source range {@code [from, to)} with markup blanked out, as an array indexed from 0 at
   * {@code from}: blanking keeps offsets, so a word found in the mask is found in the source.
   */
  static char[] mask(String source, int from, int to, Format format) {
    char[] mask = source.substring(from, to).toCharArray();
    if (format == Format.HTML) {
      blankHtml(mask);
    } else if (format == Format.MARKDOWN) {
      blankMarkdown(mask);
    } else if (format == Format.RESTRUCTUREDTEXT) {
      RstMask.blank(mask);
    }
    return mask;
  }

  /** Blanks tags, comments, and the content of scripts and styles. */
  private static void blankHtml(char[] mask) {
    int i = 0;
    while (i < mask.length) {
      if (mask[i] != '<' || !opensTag(mask, i)) {
        i++;
        continue;
      }
      int end;
      if (startsWith(mask, i, "<!--")) {
        end = indexOf(mask, "-->", i + 4);
        end = end < 0 ? mask.length : end + 3;
      } else if (startsWithIgnoreCase(mask, i, "<script")
          || startsWithIgnoreCase(mask, i, "<style")) {
        String close = startsWithIgnoreCase(mask, i, "<script") ? "</script" : "</style";
        end = indexOfIgnoreCase(mask, close, i + 1);
        end = end < 0 ? mask.length : tagEnd(mask, end);
      } else {
        end = tagEnd(mask, i);
      }
      Arrays.fill(mask, i, end, ' ');
      i = end;
    }
  }

  /** Whether the {@code <} at {@code i} opens a tag, a comment or a declaration. */
  private static boolean opensTag(char[] mask, int i) {
    if (i + 1 >= mask.length) {
      return false;
    }
    char next = mask[i + 1];
    return Character.isLetter(next) || next == '/' || next == '!' || next == '?';
  }

  /** One past the {@code >} closing the tag that opens at {@code start}, quotes respected. */
  private static int tagEnd(char[] mask, int start) {
    char quote = 0;
    for (int i = start + 1; i < mask.length; i++) {
      char c = mask[i];
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i + 1;
      }
    }
    return mask.length;
  }

  /**
   * Blanks what Markdown shows no reader: link and image targets {@code ](...)}, autolinks and
   * inline HTML tags {@code <...>}, and link reference definitions.
   */
  private static void blankMarkdown(char[] mask) {
    for (int i = 0; i < mask.length; i++) {
      char c = mask[i];
      if (c == ']' && i + 1 < mask.length && mask[i + 1] == '(') {
        int end = closingParen(mask, i + 1);
        Arrays.fill(mask, i + 1, end, ' ');
        i = end - 1;
      } else if (c == '<' && opensTag(mask, i)) {
        int lineEnd = indexOfOr(mask, '\n', i, mask.length);
        int close = indexOfOr(mask, '>', i + 1, mask.length);
        if (close < lineEnd) {
          Arrays.fill(mask, i, close + 1, ' ');
          i = close;
        }
      } else if (c == '[' && (i == 0 || mask[i - 1] == '\n')) {
        int close = indexOfOr(mask, ']', i + 1, -1);
        int lineEnd = indexOfOr(mask, '\n', i, mask.length);
        if (close > 0 && close < lineEnd && close + 1 < mask.length && mask[close + 1] == ':') {
          Arrays.fill(mask, close + 1, lineEnd, ' ');
          i = lineEnd - 1;
        }
      }
    }
  }

  private static int closingParen(char[] mask, int open) {
    int depth = 0;
    for (int i = open; i < mask.length; i++) {
      if (mask[i] == '(') {
        depth++;
      } else if (mask[i] == ')' && --depth == 0) {
        return i + 1;
      } else if (mask[i] == '\n' && i + 1 < mask.length && mask[i + 1] == '\n') {
        return i;
      }
    }
    return mask.length;
  }

  private static int indexOfOr(char[] mask, char c, int from, int otherwise) {
    for (int i = from; i < mask.length; i++) {
      if (mask[i] == c) {
        return i;
      }
    }
    return otherwise;
  }

  private static boolean startsWith(char[] mask, int at, String prefix) {
    if (at + prefix.length() > mask.length) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (mask[at + k] != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWithIgnoreCase(char[] mask, int at, String prefix) {
    if (at + prefix.length() > mask.length) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (Character.toLowerCase(mask[at + k]) != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(char[] mask, String needle, int from) {
    for (int i = from; i + needle.length() <= mask.length; i++) {
      if (startsWith(mask, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfIgnoreCase(char[] mask, String needle, int from) {
    for (int i = from; i + needle.length() <= mask.length; i++) {
      if (startsWithIgnoreCase(mask, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  /** Collects anchors into runs and writes them as variable-length integers. */
  private static final class Encoder {
    private final int base;
    private int[] runs = new int[3 * 16];
    private int count;

    Encoder(int base) {
      this.base = base;
    }

    /** Adds an anchor: {@code length} characters of text at {@code text} stand in the source. */
    void add(int text, int maskOffset, int length) {
      int source = base + maskOffset;
      if (count > 0) {
        int last = 3 * (count - 1);
        int textGap = text - (runs[last] + runs[last + 2]);
        int sourceGap = source - (runs[last + 1] + runs[last + 2]);
        if (textGap == sourceGap) {
          runs[last + 2] = text + length - runs[last];
          return;
        }
      }
      if (3 * count + 3 > runs.length) {
        runs = Arrays.copyOf(runs, runs.length * 2);
      }
      runs[3 * count] = text;
      runs[3 * count + 1] = source;
      runs[3 * count + 2] = length;
      count++;
    }

    BytesRef toBytes() {
      byte[] out = new byte[5 * (2 + 3 * count)];
      int at = writeVInt(out, 0, count);
      int firstSource = count == 0 ? base : runs[1];
      at = writeVInt(out, at, firstSource);
      int textEnd = 0;
      int sourceEnd = firstSource;
      for (int i = 0; i < count; i++) {
        int text = runs[3 * i];
        int source = runs[3 * i + 1];
        int length = runs[3 * i + 2];
        at = writeVInt(out, at, text - textEnd);
        at = writeVInt(out, at, source - sourceEnd);
        at = writeVInt(out, at, length);
        textEnd = text + length;
        sourceEnd = source + length;
      }
      return new BytesRef(out, 0, at);
    }

    private static int writeVInt(byte[] out, int at, int value) {
      while ((value & ~0x7F) != 0) {
        out[at++] = (byte) ((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      out[at++] = (byte) value;
      return at;
    }
  }
}
