package dev.sectionsearch.internal.index;

import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import java.util.Arrays;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.util.BytesRef;
import org.jsoup.nodes.Entities;

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
   * after {@code start} to the end of the last word found before {@code end}, widened to take in
   * what lies between the range's ends and those words. Where that is only spacing or punctuation
   * (closing punctuation, an opening quote), the range widens by as many characters as the source
   * has room for before the neighbouring words; where it holds words that were not found (an entity
   * inside a word, a list number Markdown renumbered), it widens to the neighbouring found words,
   * between which such words stand if the source has them at all.
   *
   * <p>The range falls back to the whole section, which holds every word of the section, when it
   * cannot be trusted: when no word of the range was found, or when fewer than half its word
   * characters were. A wrong citation is worse than a wide one.
   *
   * @param map the encoded map; null or empty for an index written before maps were kept
   * @param text the section text the map was made for, or null when the caller does not have it
   *     (then only a range without any found word falls back)
   * @param sectionStart the section's start in the source, the answer when nothing is known
   * @param sectionEnd the section's end in the source
   * @return {@code {sourceStart, sourceEnd}}
   */
  public static int[] toSource(
      BytesRef map, String text, int start, int end, int sectionStart, int sectionEnd) {
    int[] whole = {sectionStart, sectionEnd};
    if (map == null || map.length == 0 || end <= start) {
      return whole;
    }
    ByteArrayDataInput in = new ByteArrayDataInput(map.bytes, map.offset, map.length);
    int count = in.readVInt();
    int runText = 0;
    int runSource = in.readVInt();
    int sourceStart = -1;
    int sourceEnd = -1;
    long foundWordChars = 0;
    // where the run before the current one ends, in the text and in the source
    int previousTextEnd = 0;
    int previousSourceEnd = sectionStart;
    // the source start of the first run at or after the range's end: the bound of its widening
    int nextSource = sectionEnd;
    for (int i = 0; i < count; i++) {
      runText += in.readVInt();
      runSource += in.readVInt();
      int length = in.readVInt();
      if (runText >= end) {
        nextSource = runSource;
        break;
      }
      if (runText + length > start) {
        if (sourceStart < 0) {
          sourceStart =
              start >= runText
                  ? runSource + (start - runText)
                  : widenedStart(text, start, runText, runSource, previousSourceEnd);
        }
        int from = Math.max(start, runText);
        int to = Math.min(end, runText + length);
        foundWordChars += wordChars(text, from, to);
        sourceEnd = runSource + (to - runText);
      }
      runText += length;
      runSource += length;
      previousTextEnd = runText;
      previousSourceEnd = runSource;
    }
    if (sourceStart < 0 || sourceEnd < sourceStart) {
      return whole;
    }
    if (text != null && 2 * foundWordChars < wordChars(text, start, end)) {
      return whole;
    }
    if (end > previousTextEnd && sourceEnd == previousSourceEnd) {
      // the range ends in the gap after its last found word
      int limit = Math.max(sourceEnd, Math.min(nextSource, sectionEnd));
      sourceEnd =
          wordChars(text, previousTextEnd, end) > 0
              ? limit
              : Math.min(limit, sourceEnd + (end - previousTextEnd));
    }
    return new int[] {sourceStart, sourceEnd};
  }

  /**
   * The start of a range that begins in the gap before a found word: the whole gap when the range
   * has words there that were not found, else as many characters as the text has before the word.
   */
  private static int widenedStart(
      String text, int start, int runText, int runSource, int previousSourceEnd) {
    if (wordChars(text, start, runText) > 0) {
      return previousSourceEnd;
    }
    return Math.max(previousSourceEnd, runSource - (runText - start));
  }

  /** How many word characters {@code text[from, to)} holds; 0 without a text. */
  private static int wordChars(String text, int from, int to) {
    if (text == null) {
      return 0;
    }
    int count = 0;
    for (int i = Math.max(0, from); i < Math.min(to, text.length()); i++) {
      if (isWordChar(text.charAt(i))) {
        count++;
      }
    }
    return count;
  }

  /**
   * Finds the words of texts in a mask, in order. Used once, by one thread.
   *
   * <p>A word is found greedily, at its first whole-word occurrence after the last word found;
   * inside it, markup (a tag ending one inline element: {@code special method</a>s}) and entities
   * that decode to its characters ({@code caf&eacute;}) are stepped over. Greedy search drifts when
   * a word is missing at its place (a list number, an entity the mask does not spell) but occurs
   * further on: every word between would then be passed over, and a passage cut there would cite a
   * range that does not hold it. So a word found further past the last one than the text between
   * them explains is only taken when the next words of the text follow it closely.
   */
  // the entity in {@code caf&eacute;} above is meant to show as the source spells it
  @SuppressWarnings("EscapedEntity")
  private static final class Aligner {
    private final Mask mask;
    private int position;
    private boolean anchored;

    /**
     * Characters of the mask it may still compare: words missing from the source each cost a scan
     * of the window, and a hostile text of such words must not make indexing quadratic.
     */
    private long budget;

    Aligner(Mask mask) {
      this.mask = mask;
      this.budget = 16L * mask.chars.length + 65_536;
    }

    /** Anchors each word of {@code text}, in order, adding the anchors to {@code runs}. */
    void alignWords(String text, Encoder runs) {
      int i = 0;
      int length = text.length();
      int lastFoundEnd = 0;
      while (i < length && budget > 0) {
        if (!isWordChar(text.charAt(i))) {
          i++;
          continue;
        }
        int wordEnd = wordEnd(text, i);
        int found = find(text, i, wordEnd, position, WINDOW);
        if (found >= 0
            && anchored
            && unexplained(position, found, i - lastFoundEnd)
            && !followedClosely(text, wordEnd, match(found, text, i, wordEnd, null))) {
          found = -1;
        }
        if (found >= 0) {
          position = match(found, text, i, wordEnd, runs);
          anchored = true;
          lastFoundEnd = wordEnd;
        }
        i = wordEnd;
      }
    }

    /**
     * Whether the source between the last word found and a word found at {@code found} shows more
     * than the {@code textGap} characters of text between them explain (markup aside, and allowing
     * for entities and spacing).
     */
    private boolean unexplained(int from, int found, int textGap) {
      int allowed = JUMP + JUMP_PER_CHAR * textGap;
      int shown = 0;
      for (int j = from; j < found && shown <= allowed; j++) {
        if (!mask.markup[j]) {
          shown++;
        }
      }
      return shown > allowed;
    }

    /** Whether the next words of {@code text} after {@code from} stand closely after {@code at}. */
    private boolean followedClosely(String text, int from, int at) {
      int k = from;
      for (int confirmed = 0; confirmed < CONFIRMING; confirmed++) {
        int wordStart = k;
        while (wordStart < text.length() && !isWordChar(text.charAt(wordStart))) {
          wordStart++;
        }
        if (wordStart == text.length()) {
          return false;
        }
        int wordEnd = wordEnd(text, wordStart);
        int window = CLOSE + CLOSE_PER_CHAR * (wordStart - k);
        int found = find(text, wordStart, wordEnd, at, window);
        if (found < 0) {
          return false;
        }
        at = match(found, text, wordStart, wordEnd, null);
        k = wordEnd;
      }
      return true;
    }

    /**
     * Where the word {@code text[start, end)} stands as a whole word in the mask within {@code
     * window} characters from {@code from}, or -1.
     */
    private int find(String text, int start, int end, int from, int window) {
      char[] chars = mask.chars;
      int last = Math.min(chars.length - 1, from + window);
      char first = text.charAt(start);
      for (int at = from; at <= last && budget > 0; at++) {
        budget--;
        if (chars[at] != first || (at > 0 && isWordChar(chars[at - 1]))) {
          continue;
        }
        if (match(at, text, start, end) >= 0) {
          return at;
        }
      }
      return -1;
    }

    private int match(int at, String text, int start, int end) {
      return match(at, text, start, end, null);
    }

    /**
     * Matches the word {@code text[start, end)} at {@code at}, stepping over markup and entities;
     * adds the pieces that stand in the source as they are to {@code runs} when it is given.
     *
     * @return one past the word's end in the mask, or -1 when the word does not stand there
     */
    private int match(int at, String text, int start, int end, Encoder runs) {
      char[] chars = mask.chars;
      int m = at;
      int k = start;
      int pieceText = start;
      int pieceMask = at;
      while (k < end) {
        if (m < chars.length && chars[m] == text.charAt(k)) {
          m++;
          k++;
          continue;
        }
        if (m >= chars.length) {
          return -1;
        }
        int skipTo = -1;
        int decoded = 0;
        if (mask.markup[m]) {
          int j = m;
          while (j < chars.length && mask.markup[j] && j - m < MAX_SKIP) {
            j++;
          }
          budget -= j - m;
          skipTo = j < chars.length && !mask.markup[j] ? j : -1;
        } else if (chars[m] == '&') {
          int entityEnd = entityEnd(chars, m);
          String value = entityEnd < 0 ? null : decodeEntity(chars, m, entityEnd);
          if (value != null && !value.isEmpty() && text.startsWith(value, k)) {
            skipTo = entityEnd;
            decoded = value.length();
          }
        }
        if (skipTo < 0) {
          return -1;
        }
        if (runs != null && k > pieceText) {
          runs.add(pieceText, pieceMask, k - pieceText);
        }
        k += decoded;
        m = skipTo;
        pieceText = k;
        pieceMask = m;
      }
      if (m < chars.length && isWordChar(chars[m])) {
        return -1;
      }
      if (runs != null && k > pieceText) {
        runs.add(pieceText, pieceMask, k - pieceText);
      }
      return m;
    }
  }

  /**
   * How many characters other than markup may stand between the last word found and the next
   * without the next words confirming it: a few for spacing, and some per character of text between
   * the two words, as an entity spells one character in up to ten.
   */
  private static final int JUMP = 32;

  private static final int JUMP_PER_CHAR = 8;

  /** How many following words confirm a word found far on, and how close each must stand. */
  private static final int CONFIRMING = 2;

  private static final int CLOSE = 256;
  private static final int CLOSE_PER_CHAR = 16;

  /** The longest run of markup stepped over inside a word. */
  private static final int MAX_SKIP = 1024;

  private static int wordEnd(String text, int start) {
    int end = start + 1;
    while (end < text.length() && isWordChar(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** One past the {@code ;} of the character reference at {@code at}, or -1. */
  private static int entityEnd(char[] chars, int at) {
    for (int i = at + 1; i < chars.length && i - at <= 40; i++) {
      char c = chars[i];
      if (c == ';') {
        return i > at + 1 ? i + 1 : -1;
      }
      if (!(c == '#' && i == at + 1) && !isAsciiLetterOrDigit(c)) {
        return -1;
      }
    }
    return -1;
  }

  /** The characters of the reference {@code chars[at, end)}, or null when it names none. */
  private static String decodeEntity(char[] chars, int at, int end) {
    String body = new String(chars, at + 1, end - at - 2);
    if (body.startsWith("#")) {
      try {
        int code =
            body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X')
                ? Integer.parseInt(body.substring(2), 16)
                : Integer.parseInt(body.substring(1));
        return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    String value = Entities.getByName(body);
    return value.isEmpty() ? null : value;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
  static Mask mask(String source, int from, int to, Format format) {
    Mask mask = new Mask(source.substring(from, to).toCharArray());
    if (format == Format.HTML) {
      blankHtml(mask);
    } else if (format == Format.MARKDOWN) {
      blankMarkdown(mask);
    } else if (format == Format.RESTRUCTUREDTEXT) {
      RstMask.blank(mask.chars);
    }
    return mask;
  }

  /** A source range with markup blanked out, and which characters were markup. */
  static final class Mask {
    final char[] chars;
    final boolean[] markup;

    Mask(char[] chars) {
      this.chars = chars;
      this.markup = new boolean[chars.length];
    }

    void blank(int from, int to) {
      Arrays.fill(chars, from, to, ' ');
      Arrays.fill(markup, from, to, true);
    }
  }

  /** Blanks tags, comments, and the content of scripts and styles. */
  private static void blankHtml(Mask blanked) {
    char[] mask = blanked.chars;
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
      blanked.blank(i, end);
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
  private static void blankMarkdown(Mask blanked) {
    char[] mask = blanked.chars;
    for (int i = 0; i < mask.length; i++) {
      char c = mask[i];
      if (c == ']' && i + 1 < mask.length && mask[i + 1] == '(') {
        int end = closingParen(mask, i + 1);
        blanked.blank(i + 1, end);
        i = end - 1;
      } else if (c == '<' && opensTag(mask, i)) {
        int lineEnd = indexOfOr(mask, '\n', i, mask.length);
        int close = indexOfOr(mask, '>', i + 1, mask.length);
        if (close < lineEnd) {
          blanked.blank(i, close + 1);
          i = close;
        }
      } else if (c == '[' && (i == 0 || mask[i - 1] == '\n')) {
        int close = indexOfOr(mask, ']', i + 1, -1);
        int lineEnd = indexOfOr(mask, '\n', i, mask.length);
        if (close > 0 && close < lineEnd && close + 1 < mask.length && mask[close + 1] == ':') {
          blanked.blank(close + 1, lineEnd);
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
