package dev.sectionsearch.passage;

/**
 * A highlighted range of a passage's text: where the query matched.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start offset of the first highlighted character in {@link Passage#text()}
 * @param end offset one past the last highlighted character
 */
public record Highlight(int start, int end) {
  /**
   * Validates the range.
   *
   * @param start offset of the first highlighted character in {@link Passage#text()}
   * @param end offset one past the last highlighted character
   */
  public Highlight {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("invalid highlight [" + start + ", " + end + ")");
    }
  }
}
