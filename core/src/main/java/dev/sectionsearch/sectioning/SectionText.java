package dev.sectionsearch.sectioning;

import java.util.ArrayList;
import java.util.List;

/**
 * A section's text as a sectioner collects it, with the ranges that came from code (Markdown code
 * spans and blocks, HTML {@code <code>} and {@code <pre>}): cleanup keeps those verbatim, since
 * {@code arr[1]} in code is an index, not a citation marker.
 *
 * <p>Not thread-safe.
 */
final class SectionText {
  /** A range of code, as offsets into the text. */
  record CodeRange(int start, int end) {}

  private final StringBuilder text = new StringBuilder();
  private final List<CodeRange> code = new ArrayList<>();

  /** Appends prose. */
  SectionText append(CharSequence prose) {
    text.append(prose);
    return this;
  }

  /** Appends prose. */
  SectionText append(char prose) {
    text.append(prose);
    return this;
  }

  /** Appends code, kept verbatim by cleanup. */
  SectionText appendCode(String literal) {
    int start = text.length();
    text.append(literal);
    if (literal.isEmpty()) {
      return this;
    }
    int last = code.size() - 1;
    if (last >= 0 && code.get(last).end() == start) {
      code.set(last, new CodeRange(code.get(last).start(), text.length()));
    } else {
      code.add(new CodeRange(start, text.length()));
    }
    return this;
  }

  /** Appends another section text, its code ranges included. */
  SectionText append(SectionText other) {
    int offset = text.length();
    text.append(other.text);
    for (CodeRange range : other.code) {
      code.add(new CodeRange(offset + range.start(), offset + range.end()));
    }
    return this;
  }

  int length() {
    return text.length();
  }

  char charAt(int index) {
    return text.charAt(index);
  }

  boolean isBlank() {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The code ranges, in order and not overlapping. */
  List<CodeRange> codeRanges() {
    return List.copyOf(code);
  }

  /** Empties the text for the next section. */
  void clear() {
    text.setLength(0);
    code.clear();
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
