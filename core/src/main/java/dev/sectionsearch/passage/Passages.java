package dev.sectionsearch.passage;

/**
 * Renders passages for display: as HTML with the matches marked, or for a terminal with the matches
 * in bold colour.
 *
 * <p>Stateless and thread-safe.
 */
public final class Passages {
  private static final String ANSI_HIGHLIGHT = "\u001b[1;33m";
  private static final String ANSI_RESET = "\u001b[0m";

  private Passages() {}

  /**
   * Renders a passage as HTML: all text escaped, each match in {@code <mark>...</mark>}. Safe to
   * insert into an HTML element or attribute value.
   *
   * @param passage the passage
   * @return the HTML
   */
  public static String toHtml(Passage passage) {
    return render(passage, "<mark>", "</mark>", true);
  }

  /**
   * Renders a passage for an ANSI terminal, matches in bold yellow.
   *
   * @param passage the passage
   * @return the text with ANSI escape sequences around matches
   */
  public static String toAnsi(Passage passage) {
    return render(passage, ANSI_HIGHLIGHT, ANSI_RESET, false);
  }

  /**
   * Renders a passage as plain text with each match between the given markers.
   *
   * @param passage the passage
   * @param before written before each match
   * @param after written after each match
   * @return the text with the markers
   */
  public static String toText(Passage passage, String before, String after) {
    return render(passage, before, after, false);
  }

  private static String render(Passage passage, String open, String close, boolean html) {
    String text = passage.text();
    StringBuilder out = new StringBuilder(text.length() + passage.highlights().size() * 16);
    int last = 0;
    for (Highlight highlight : passage.highlights()) {
      append(out, text, last, highlight.start(), html);
      out.append(open);
      append(out, text, highlight.start(), highlight.end(), html);
      out.append(close);
      last = highlight.end();
    }
    append(out, text, last, text.length(), html);
    return out.toString();
  }

  private static void append(StringBuilder out, String text, int from, int to, boolean html) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (html) {
        switch (c) {
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '&' -> out.append("&amp;");
          case '"' -> out.append("&quot;");
          case '\'' -> out.append("&#39;");
          default -> out.append(c);
        }
      } else if (c == '\u001b' || (Character.isISOControl(c) && c != '\n' && c != '\t')) {
        // A passage must not be able to drive the terminal: drop escape and control characters.
        out.append(' ');
      } else {
        out.append(c);
      }
    }
  }
}
