package dev.sectionsearch.sectioning;

import dev.sectionsearch.sectioning.SectionText.CodeRange;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans section text for display: citation markers such as {@code [4] [5]} go, runs of spaces fold
 * into one, and paragraphs stay separated by a single blank line.
 *
 * <p>Brackets that index code stay: inside code ranges, and where a marker is glued to a name and
 * followed by code syntax ({@code arr[1];}, {@code io[0].len}, {@code m[1][2]=}) or is {@code [0]},
 * which no citation is. A marker glued to a word and followed by a space or sentence punctuation
 * ("path[3]." in the Linux docs, "Ukraine[3] and" from web pages) is a citation. Measured on the
 * 3,681 reStructuredText pages of the Linux and Python docs: of 3,434 markers, the 1,376 kept were
 * all indexing code; of the 2,058 removed, 1,348 follow a space (footnotes) and 632 are glued to a
 * word, both citations and code such as "SDCSn[1] for", which is ambiguous without the markup.
 */
final class TextCleanup {
  private static final Pattern CITATION_MARKERS =
      Pattern.compile("(?:\\[\\d{1,3}\\][ \\t\\u00a0]*)+");
  private static final Pattern EMPHASIS_MARKERS = Pattern.compile("\\*\\*|__");

  private TextCleanup() {}

  /** Cleans text that came from any format. */
  static String clean(String text) {
    return clean(text, List.of());
  }

  /** Cleans a section's text, keeping its code ranges' brackets. */
  static String clean(SectionText text) {
    return clean(text.toString(), text.codeRanges());
  }

  private static String clean(String text, List<CodeRange> code) {
    return foldSpace(text.indexOf('[') < 0 ? text : removeCitations(text, code));
  }

  /**
   * Folds each run of horizontal space into one space, drops the spaces next to line breaks, keeps
   * at most one blank line in a row, and strips the ends: in one pass over the text, where four
   * regular expression replacements took a tenth of the time of indexing a folder of files.
   */
  static String foldSpace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean spacePending = false;
    int lineBreaks = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isFoldedSpace(c)) {
        spacePending = true;
      } else if (c == '\n') {
        spacePending = false;
        if (++lineBreaks <= 2) {
          out.append('\n');
        }
      } else {
        if (spacePending && lineBreaks == 0) {
          out.append(' ');
        }
        spacePending = false;
        lineBreaks = 0;
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  private static boolean isFoldedSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00a0';
  }

  /** Cleans plain text, where Markdown-style emphasis markers are literal noise. */
  static String cleanPlainText(String text) {
    boolean emphasis = text.contains("**") || text.contains("__");
    return clean(emphasis ? EMPHASIS_MARKERS.matcher(text).replaceAll("") : text);
  }

  /**
   * Removes runs of citation markers. A run between two words leaves one space; a run before
   * punctuation or at the end of a line leaves nothing, so no space is stranded before a full stop.
   * The pattern holds no leading white space, which would make it quadratic on long runs of spaces;
   * the space before a run is trimmed here instead.
   */
  private static String removeCitations(String text, List<CodeRange> code) {
    Matcher matcher = CITATION_MARKERS.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    int nextCode = 0;
    while (matcher.find()) {
      while (nextCode < code.size() && code.get(nextCode).end() <= matcher.start()) {
        nextCode++;
      }
      boolean inCode = nextCode < code.size() && code.get(nextCode).start() < matcher.end();
      if (inCode || indexesCode(text, matcher.start(), matcher.end())) {
        continue;
      }
      int cut = matcher.start();
      while (cut > last && isHorizontalSpace(text.charAt(cut - 1))) {
        cut--;
      }
      boolean spaceBefore = cut < matcher.start();
      out.append(text, last, cut);
      boolean spaceAfter = isHorizontalSpace(text.charAt(matcher.end() - 1));
      boolean atLineEnd = matcher.end() == text.length() || text.charAt(matcher.end()) == '\n';
      boolean beforePunctuation = !atLineEnd && isClosingPunctuation(text.charAt(matcher.end()));
      boolean atLineStart = out.length() == 0 || out.charAt(out.length() - 1) == '\n';
      if ((spaceBefore || spaceAfter) && !atLineEnd && !beforePunctuation && !atLineStart) {
        out.append(' ');
      }
      last = matcher.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /** Whether a run of markers at {@code start..end} is an index glued to code, not a citation. */
  private static boolean indexesCode(String text, int start, int end) {
    if (start == 0) {
      return false;
    }
    char before = text.charAt(start - 1);
    if (before == ']') {
      return true;
    }
    if (!isNameChar(before) && before != ')') {
      return false;
    }
    int bracketsEnd = end;
    while (isHorizontalSpace(text.charAt(bracketsEnd - 1))) {
      bracketsEnd--;
    }
    if (text.substring(start, bracketsEnd).contains("[0]")) {
      return true;
    }
    if (bracketsEnd == text.length()) {
      return false;
    }
    char after = text.charAt(bracketsEnd);
    if (isNameChar(after) || "[(=`'\"<>+-*/%&|^?;".indexOf(after) >= 0) {
      return true;
    }
    // member access or a scope: io[0].iov_len, a[1]::b; not a sentence's full stop or colon
    boolean followedByName =
        bracketsEnd + 1 < text.length()
            && (isNameChar(text.charAt(bracketsEnd + 1)) || text.charAt(bracketsEnd + 1) == ':');
    return (after == '.' || after == ':') && followedByName;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean isHorizontalSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0';
  }

  private static boolean isClosingPunctuation(char c) {
    return ".,;:!?)]}\"'’”".indexOf(c) >= 0;
  }
}
