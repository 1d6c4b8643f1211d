package dev.sectionsearch.cli;

/** What the terminal the tool runs in can show. */
final class Terminal {
  private Terminal() {}

  /**
   * Whether to colour output: only on an interactive terminal, and never when {@code NO_COLOR}
   * is set (https://no-color.org).
   */
  static boolean colour() {
    String noColour = System.getenv("NO_COLOR");
    return System.console() != null && (noColour == null || noColour.isEmpty());
  }

  /** Whether a person is watching, so that progress is worth drawing. */
  static boolean interactive() {
    return System.console() != null;
  }
}
