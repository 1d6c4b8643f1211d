package dev.sectionsearch.sectioning;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a document's raw text with its offsets, line break excluded: what the line-based
 * sectioners (reStructuredText, AsciiDoc) walk.
 *
 * @param content the line's text
 * @param start offset of its first character in the raw text
 * @param end offset one past its last character
 */
record SourceLine(String content, int start, int end) {
  boolean isBlank() {
    return content.isBlank();
  }

  /** Columns of leading white space, a tab counting to the next multiple of 8 as in docutils. */
  int indent() {
    int column = 0;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == ' ') {
        column++;
      } else if (c == '\t') {
        column = (column / 8 + 1) * 8;
      } else {
        return column;
      }
    }
    return column;
  }

  /** Splits text at {@code \n}, {@code \r\n} and {@code \r}. */
  static List<SourceLine> split(String text) {
    List<SourceLine> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(new SourceLine(text.substring(start, i), start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      lines.add(new SourceLine(text.substring(start), start, n));
    }
    return lines;
  }
}
