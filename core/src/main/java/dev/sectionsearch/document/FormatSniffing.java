package dev.sectionsearch.document;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Tells a file's format from its content, for files whose name names none ({@code README}, {@code
 * NEWS}): HTML by its opening tag, AsciiDoc, Markdown and reStructuredText by the shape of their
 * headings, else plain text. Only the start of a text is read.
 */
final class FormatSniffing {
  /** How much of a text is looked at: headings are spread over a document, markup starts it. */
  private static final int PROBE_CHARS = 64 * 1024;

  /** Characters docutils accepts as section adornments. */
  private static final String ADORNMENTS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private FormatSniffing() {}

  /**
   * Whether bytes start like an HTML page, read as ASCII so that a page in a charset that is not
   * UTF-8 is told before it is decoded.
   */
  static boolean looksLikeHtml(byte[] bytes) {
    int length = Math.min(bytes.length, 1024);
    int start = 0;
    if (length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    return looksLikeHtml(new String(bytes, start, length - start, StandardCharsets.ISO_8859_1));
  }

  static Format sniff(CharSequence content) {
    String text = content.subSequence(0, Math.min(content.length(), PROBE_CHARS)).toString();
    if (looksLikeHtml(text)) {
      return Format.HTML;
    }
    String[] lines = text.split("\r?\n|\r", -1);
    if (lines.length > 1 && text.length() == PROBE_CHARS) {
      // the last line may be cut anywhere: leave it out
      lines = java.util.Arrays.copyOf(lines, lines.length - 1);
    }
    int markdown = 0;
    int rst = 0;
    int asciidocSections = 0;
    boolean asciidocTitle = false;
    boolean seenContent = false;
    String fence = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String stripped = line.strip();
      if (fence != null) {
        if (stripped.startsWith(fence)) {
          fence = null;
        }
        continue;
      }
      boolean underline = i > 0 && isAdornment(line) && isTitleText(lines[i - 1]);
      if (stripped.startsWith("```") || (stripped.startsWith("~~~") && !underline)) {
        fence = stripped.substring(0, 3);
        markdown++;
        continue;
      }
      boolean blankBefore = i == 0 || lines[i - 1].isBlank();
      if (!seenContent && !stripped.isEmpty() && !stripped.startsWith("//")) {
        seenContent = true;
        // an AsciiDoc document title: "= Title" on its first line
        asciidocTitle = line.startsWith("= ") && line.length() > 2 && !line.substring(2).isBlank();
      }
      if (blankBefore && isAsciidocSection(line)) {
        asciidocSections++;
      }
      if (blankBefore && isAtxHeading(line) && !nextStartsWithHash(lines, i)) {
        markdown++;
      }
      if (line.startsWith(".. ") && isRstExplicitMarkup(line.substring(3))) {
        rst++;
      }
      if (underline) {
        char mark = line.charAt(0);
        boolean overlined = i > 1 && lines[i - 2].equals(line);
        boolean startsBlock = i == 1 || lines[i - 2].isBlank() || overlined;
        if (startsBlock && (overlined || (mark != '=' && mark != '-'))) {
          // underlines of "=" and "-" are Markdown's setext headings too; other marks are not
          rst++;
        }
      }
    }
    if (asciidocTitle || asciidocSections >= 2) {
      return Format.ASCIIDOC;
    }
    if (rst > 0 && rst >= markdown) {
      return Format.RESTRUCTUREDTEXT;
    }
    if (markdown > 0) {
      return Format.MARKDOWN;
    }
    return Format.TEXT;
  }

  private static boolean looksLikeHtml(String text) {
    String rest = text.stripLeading();
    if (rest.startsWith("\uFEFF")) {
      rest = rest.substring(1).stripLeading();
    }
    while (true) {
      String lower = rest.toLowerCase(Locale.ROOT);
      if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
        return true;
      }
      String close;
      if (lower.startsWith("<!--")) {
        close = "-->";
      } else if (lower.startsWith("<?xml")) {
        close = "?>";
      } else {
        return false;
      }
      int end = rest.indexOf(close);
      if (end < 0) {
        return false;
      }
      rest = rest.substring(end + close.length()).stripLeading();
    }
  }

  /** {@code ## Title}: one to six marks, a space, text; {@code #!} and {@code #include} are not. */
  private static boolean isAtxHeading(String line) {
    int marks = 0;
    while (marks < line.length() && line.charAt(marks) == '#') {
      marks++;
    }
    return marks >= 1
        && marks <= 6
        && marks + 1 < line.length()
        && line.charAt(marks) == ' '
        && !line.substring(marks + 1).isBlank();
  }

  /** A block of {@code #} lines is a comment block (a script, a configuration file). */
  private static boolean nextStartsWithHash(String[] lines, int i) {
    return i + 1 < lines.length && lines[i + 1].startsWith("#");
  }

  private static boolean isAsciidocSection(String line) {
    int marks = 0;
    while (marks < line.length() && line.charAt(marks) == '=') {
      marks++;
    }
    return marks >= 2
        && marks <= 6
        && marks + 1 < line.length()
        && line.charAt(marks) == ' '
        && !line.substring(marks + 1).isBlank();
  }

  /** A directive ({@code .. note::}), hyperlink target ({@code .. _label:}) or footnote. */
  private static boolean isRstExplicitMarkup(String rest) {
    if (rest.startsWith("_") && rest.indexOf(':') > 1) {
      return true;
    }
    if (rest.startsWith("[") && rest.indexOf(']') > 1) {
      return true;
    }
    int colons = rest.indexOf("::");
    if (colons <= 0) {
      return false;
    }
    for (int i = 0; i < colons; i++) {
      char c = rest.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != ':' && c != '|') {
        return false;
      }
    }
    return true;
  }

  /** A line of three or more of one adornment character, nothing else. */
  private static boolean isAdornment(String line) {
    String stripped = line.stripTrailing();
    if (stripped.length() < 3 || stripped.length() != line.stripLeading().length()) {
      return false;
    }
    char mark = stripped.charAt(0);
    if (ADORNMENTS.indexOf(mark) < 0) {
      return false;
    }
    for (int i = 1; i < stripped.length(); i++) {
      if (stripped.charAt(i) != mark) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTitleText(String line) {
    return !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !isAdornment(line);
  }
}
