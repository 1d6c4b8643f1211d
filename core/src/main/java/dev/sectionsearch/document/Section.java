package dev.sectionsearch.document;

import java.util.List;
import java.util.Objects;

/**
 * One section of a document: a heading and the text under it, as indexed and searched.
 *
 * <p>Immutable and thread-safe.
 *
 * @param heading the section's heading; empty for text that comes before the first heading
 * @param headingPath the headings from the outermost down to this section's own; empty when {@code
 *     heading} is empty
 * @param ordinal the section's position in its document, from 0
 * @param text the body text under the heading, cleaned for display (markup, emphasis markers and
 *     citation markers removed); never contains the heading itself
 * @param start offset of the section's first character (its heading, where it has one) in the
 *     document's original text
 * @param end offset one past the section's last character in the original text
 * @param page the page the section starts on, from 1, for a document read from a paged format
 *     (PDF); 0 when the document has no pages
 */
public record Section(
    String heading,
    List<String> headingPath,
    int ordinal,
    String text,
    int start,
    int end,
    int page) {

  /**
   * Validates the section and copies the heading path.
   *
   * @param heading the section's heading; empty for text that comes before the first heading
   * @param headingPath the headings from the outermost down to this section's own; empty when
   *     {@code heading} is empty
   * @param ordinal the section's position in its document, from 0
   * @param text the body text under the heading, cleaned for display (markup, emphasis markers and
   *     citation markers removed); never contains the heading itself
   * @param start offset of the section's first character (its heading, where it has one) in the
   *     document's original text
   * @param end offset one past the section's last character in the original text
   * @param page the page the section starts on, from 1, for a document read from a paged format
   *     (PDF); 0 when the document has no pages
   */
  public Section {
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(text, "text");
    headingPath = List.copyOf(headingPath);
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must not be negative: " + ordinal);
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid range [" + start + ", " + end + ")");
    }
    if (page < 0) {
      throw new IllegalArgumentException("page must not be negative: " + page);
    }
  }

  /**
   * A section of a document without pages ({@link #page()} 0).
   *
   * @param heading the section's heading; empty for text that comes before the first heading
   * @param headingPath the headings from the outermost down to this section's own; empty when
   *     {@code heading} is empty
   * @param ordinal the section's position in its document, from 0
   * @param text the body text under the heading, cleaned for display (markup, emphasis markers and
   *     citation markers removed); never contains the heading itself
   * @param start offset of the section's first character (its heading, where it has one) in the
   *     document's original text
   * @param end offset one past the section's last character in the original text
   */
  public Section(
      String heading, List<String> headingPath, int ordinal, String text, int start, int end) {
    this(heading, headingPath, ordinal, text, start, end, 0);
  }
}
