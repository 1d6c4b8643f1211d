package dev.sectionsearch.document;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A document split into sections, ready to index: what {@code Sectioning.split} returns.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the document id
 * @param title the title from the caller or the content; the id when neither gives one; cut at a
 *     word boundary with an ellipsis past 1,000 characters, control characters made spaces (and
 *     each section's heading and heading path alike past 500)
 * @param date the date, by precedence: the caller's, the content's metadata, the default date
 * @param source where the document came from
 * @param sections the sections in document order; never empty
 * @param boilerplateLines lines of page boilerplate (link lists, unrelated headlines) found after
 *     the article and left out of every section
 * @param warnings problems that did not stop the document from being indexed, such as a malformed
 *     date that was ignored; at most 20, the last of them saying how many more there were
 * @param metadata key/value metadata: the content's, with the caller's keys replacing theirs
 */
public record SectionedDocument(
    String id,
    String title,
    Optional<LocalDate> date,
    String source,
    List<Section> sections,
    int boilerplateLines,
    List<String> warnings,
    Map<String, List<String>> metadata) {

  /**
   * Validates the document and copies its lists.
   *
   * @param id the document id
   * @param title the title from the caller or the content; the id when neither gives one; cut at a
   *     word boundary with an ellipsis past 1,000 characters, control characters made spaces (and
   *     each section's heading and heading path alike past 500)
   * @param date the date, by precedence: the caller's, the content's metadata, the default date
   * @param source where the document came from
   * @param sections the sections in document order; never empty
   * @param boilerplateLines lines of page boilerplate (link lists, unrelated headlines) found after
   *     the article and left out of every section
   * @param warnings problems that did not stop the document from being indexed, such as a malformed
   *     date that was ignored; at most 20, the last of them saying how many more there were
   * @param metadata key/value metadata: the content's, with the caller's keys replacing theirs
   */
  public SectionedDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(source, "source");
    title = Labels.shorten(title, Labels.MAX_TITLE);
    sections = sections.stream().map(SectionedDocument::withShortHeadings).toList();
    warnings = summarised(warnings);
    metadata = Metadata.unmodifiable(metadata);
    if (sections.isEmpty()) {
      throw new IllegalArgumentException("document " + id + " has no sections");
    }
  }

  private static Section withShortHeadings(Section section) {
    String heading = Labels.shorten(section.heading(), Labels.MAX_HEADING);
    List<String> path =
        section.headingPath().stream()
            .map(level -> Labels.shorten(level, Labels.MAX_HEADING))
            .toList();
    if (heading.equals(section.heading()) && path.equals(section.headingPath())) {
      return section;
    }
    return new Section(
        heading,
        path,
        section.ordinal(),
        section.text(),
        section.start(),
        section.end(),
        section.page());
  }

  /** The most warnings a document keeps: a 5.5 MB front matter gave some 200,000. */
  private static final int MAX_WARNINGS = 20;

  private static List<String> summarised(List<String> warnings) {
    if (warnings.size() <= MAX_WARNINGS) {
      return List.copyOf(warnings);
    }
    List<String> kept = new java.util.ArrayList<>(warnings.subList(0, MAX_WARNINGS - 1));
    kept.add("and " + (warnings.size() - kept.size()) + " more warnings like these");
    return List.copyOf(kept);
  }
}
