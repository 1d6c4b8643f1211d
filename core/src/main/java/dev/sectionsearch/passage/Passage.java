package dev.sectionsearch.passage;

import java.util.List;
import java.util.Objects;

/**
 * A short excerpt of a section's text, made of whole sentences where it can be, with the ranges
 * where the query matched.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the excerpt; starts and ends on word boundaries
 * @param highlights where the query matched, as offsets into {@code text}, in order and not
 *     overlapping
 * @param start offset of the excerpt in its section's text; equal to {@code end} for the opening of
 *     a subsection shown for a section with no text of its own ({@link
 *     dev.sectionsearch.search.SearchHit#passages()})
 * @param end offset one past the excerpt's end in its section's text
 * @param sourceStart offset in the document's source text (the file as read, UTF-16 units) where
 *     the source of the excerpt begins: cite {@code source[sourceStart, sourceEnd)}, which holds
 *     the excerpt's words in order (with the file's markup, for HTML and Markdown)
 * @param sourceEnd offset one past the end of the excerpt's source
 * @param semantic whether the excerpt was chosen for its meaning (the sentences nearest the query
 *     in a semantic or hybrid search, for a hit that holds few or none of the query's words) rather
 *     than for the query words it holds; a semantic passage usually has no highlights
 */
public record Passage(
    String text,
    List<Highlight> highlights,
    int start,
    int end,
    int sourceStart,
    int sourceEnd,
    boolean semantic) {
  /**
   * Validates the passage and copies its highlights.
   *
   * @param text the excerpt; starts and ends on word boundaries
   * @param highlights where the query matched, as offsets into {@code text}, in order and not
   *     overlapping
   * @param start offset of the excerpt in its section's text; equal to {@code end} for the opening
   *     of a subsection shown for a section with no text of its own ({@link
   *     dev.sectionsearch.search.SearchHit#passages()})
   * @param end offset one past the excerpt's end in its section's text
   * @param sourceStart offset in the document's source text (the file as read, UTF-16 units) where
   *     the source of the excerpt begins: cite {@code source[sourceStart, sourceEnd)}, which holds
   *     the excerpt's words in order (with the file's markup, for HTML and Markdown)
   * @param sourceEnd offset one past the end of the excerpt's source
   * @param semantic whether the excerpt was chosen for its meaning (the sentences nearest the query
   *     in a semantic or hybrid search, for a hit that holds few or none of the query's words)
   *     rather than for the query words it holds; a semantic passage usually has no highlights
   */
  public Passage {
    Objects.requireNonNull(text, "text");
    highlights = List.copyOf(highlights);
    int previousEnd = 0;
    for (Highlight highlight : highlights) {
      if (highlight.start() < previousEnd || highlight.end() > text.length()) {
        throw new IllegalArgumentException(
            "highlight " + highlight + " out of order or outside the text");
      }
      previousEnd = highlight.end();
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid range [" + start + ", " + end + ")");
    }
    if (sourceStart < 0 || sourceEnd < sourceStart) {
      throw new IllegalArgumentException(
          "invalid source range [" + sourceStart + ", " + sourceEnd + ")");
    }
  }

  /**
   * A passage chosen for the query words it holds (not {@linkplain #semantic() semantic}).
   *
   * @param text the excerpt; starts and ends on word boundaries
   * @param highlights where the query matched, as offsets into {@code text}, in order and not
   *     overlapping
   * @param start offset of the excerpt in its section's text; equal to {@code end} for the opening
   *     of a subsection shown for a section with no text of its own ({@link
   *     dev.sectionsearch.search.SearchHit#passages()})
   * @param end offset one past the excerpt's end in its section's text
   * @param sourceStart offset in the document's source text (the file as read, UTF-16 units) where
   *     the source of the excerpt begins: cite {@code source[sourceStart, sourceEnd)}, which holds
   *     the excerpt's words in order (with the file's markup, for HTML and Markdown)
   * @param sourceEnd offset one past the end of the excerpt's source
   */
  public Passage(
      String text, List<Highlight> highlights, int start, int end, int sourceStart, int sourceEnd) {
    this(text, highlights, start, end, sourceStart, sourceEnd, false);
  }

  /**
   * A passage whose source range is unknown yet: its range in the section text stands in until
   * {@link #withSourceRange} places it.
   *
   * @param text the excerpt; starts and ends on word boundaries
   * @param highlights where the query matched, as offsets into {@code text}
   * @param start offset of the excerpt in its section's text
   * @param end offset one past the excerpt's end in its section's text
   */
  public Passage(String text, List<Highlight> highlights, int start, int end) {
    this(text, highlights, start, end, start, end);
  }

  /**
   * {@return this passage with its range in the document's source text}
   *
   * @param sourceStart offset in the document's source text where the excerpt's source begins
   * @param sourceEnd offset one past the end of the excerpt's source
   */
  public Passage withSourceRange(int sourceStart, int sourceEnd) {
    return new Passage(text, highlights, start, end, sourceStart, sourceEnd, semantic);
  }

  /** {@return the highlighted strings, in order: what the query matched} */
  public List<String> highlightedTexts() {
    return highlights.stream().map(h -> text.substring(h.start(), h.end())).toList();
  }
}
