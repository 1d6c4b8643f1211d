package dev.sectionsearch.cli;

import dev.sectionsearch.passage.Highlight;
import dev.sectionsearch.passage.Passage;
import java.io.Console;
import java.util.Locale;

/**
 * What the terminal the tool runs in can show, and the one place that makes text safe for it: every
 * text from documents, file names, ids and error messages goes through {@link #safe}.
 */
final class Terminal {
  private static final String HIGHLIGHT = "\u001b[1;33m";
  private static final String RESET = "\u001b[0m";

  private Terminal() {}

  /**
   * Whether to colour output: only on an interactive terminal, and never when {@code NO_COLOR} is
   * set (https://no-color.org).
   */
  static boolean colour() {
    String noColour = System.getenv("NO_COLOR");
    return interactive() && (noColour == null || noColour.isEmpty());
  }

  /** Whether a person is watching, so that progress is worth drawing. */
  @SuppressWarnings("SystemConsoleNull") // null still means no terminal; isTerminal() covers 22+
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From JDK 22 on, System.console() is not null when the output is piped or redirected;
    // Console.isTerminal() (JDK 22) tells. The build targets 17, hence the reflective call.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 there is a console only on a terminal
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Console.isTerminal() failed", e);
    }
  }

  /**
   * The text with every character that could drive a terminal or hide what is shown escaped as
   * {@code \\uXXXX}: C0 and C1 controls (escape sequences, BEL, CR, LF, backspace), DEL, bidi
   * overrides and isolates, line and paragraph separators, and unpaired surrogates.
   */
  static String safe(String text) {
    int first = firstUnsafe(text, 0, text.length());
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    appendSafe(out, text, first, text.length());
    return out.toString();
  }

  /**
   * A passage for the terminal: its text made {@linkplain #safe safe} line by line (its line breaks
   * kept), matches in bold yellow when {@code colour} is set.
   */
  static String passage(Passage passage, boolean colour) {
    String text = passage.text();
    StringBuilder out = new StringBuilder(text.length() + 32);
    int last = 0;
    for (Highlight highlight : passage.highlights()) {
      appendLines(out, text, last, highlight.start());
      // without colour, brackets keep the matched words visible (and copy-pasteable)
      out.append(colour ? HIGHLIGHT : "[");
      appendLines(out, text, highlight.start(), highlight.end());
      out.append(colour ? RESET : "]");
      last = highlight.end();
    }
    appendLines(out, text, last, text.length());
    return out.toString();
  }

  private static void appendLines(StringBuilder out, String text, int from, int to) {
    int start = from;
    for (int newline = text.indexOf('\n', start);
        newline >= 0 && newline < to;
        newline = text.indexOf('\n', start)) {
      appendSafe(out, text, start, newline);
      out.append('\n');
      start = newline + 1;
    }
    appendSafe(out, text, start, to);
  }

  private static void appendSafe(StringBuilder out, String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (pairedHighSurrogate(text, i, to)) {
        out.append(c).append(text.charAt(++i));
      } else if (unsafe(c)) {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
  }

  private static int firstUnsafe(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (pairedHighSurrogate(text, i, to)) {
        i++;
      } else if (unsafe(c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean pairedHighSurrogate(String text, int i, int to) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < to
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  /** Whether a character (not part of a surrogate pair) must not reach a terminal as it is. */
  static boolean unsafe(char c) {
    return Character.isISOControl(c)
        || Character.isSurrogate(c)
        || c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u2028'
        || c == '\u2029';
  }
}
