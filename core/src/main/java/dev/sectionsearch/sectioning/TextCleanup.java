package dev.sectionsearch.sectioning;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans section text for display: citation markers such as {@code [4] [5]} go, runs of spaces
 * fold into one, and paragraphs stay separated by a single blank line.
 */
final class TextCleanup {
  private static final Pattern CITATION_MARKERS = Pattern.compile("(?:\\[\\d{1,3}\\][ \\t\\u00a0]*)+");
  private static final Pattern EMPHASIS_MARKERS = Pattern.compile("\\*\\*|__");
  private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");
  private static final Pattern SPACE_AROUND_LINE_BREAK = Pattern.compile(" ?\\n ?");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  private TextCleanup() {}

  /** Cleans text that came from any format. */
  static String clean(String text) {
    String folded = HORIZONTAL_SPACE.matcher(removeCitations(text)).replaceAll(" ");
    String lines = SPACE_AROUND_LINE_BREAK.matcher(folded).replaceAll("\n");
    return BLANK_LINES.matcher(lines).replaceAll("\n\n").strip();
  }

  /** Cleans plain text, where Markdown-style emphasis markers are literal noise. */
  static String cleanPlainText(String text) {
    return clean(EMPHASIS_MARKERS.matcher(text).replaceAll(""));
  }

  /**
   * Removes runs of citation markers. A run between two words leaves one space; a run before
   * punctuation or at the end of a line leaves nothing, so no space is stranded before a full
   * stop. The pattern holds no leading white space, which would make it quadratic on long runs
   * of spaces; the space before a run is trimmed here instead.
   */
  private static String removeCitations(String text) {
    Matcher matcher = CITATION_MARKERS.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (matcher.find()) {
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

  private static boolean isHorizontalSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0';
  }

  private static boolean isClosingPunctuation(char c) {
    return ".,;:!?)]}\"'’”".indexOf(c) >= 0;
  }
}
