package dev.sectionsearch.sectioning;

import dev.sectionsearch.document.Section;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a format's sectioner finds in raw text, before the caller's metadata is applied.
 *
 * @param title the title the content names (first line, front matter, {@code <title>})
 * @param dateText the date the content's metadata names, unparsed
 * @param sections sections with ordinals from 0 and ranges into the raw text
 * @param boilerplateLines lines of trailing boilerplate left out of the sections
 * @param warnings problems noticed that did not stop the split
 * @param metadata key/value metadata the content names (front matter, {@code <meta name>}), as
 *     found: {@link dev.sectionsearch.document.Metadata#lenient} makes it follow the rules
 */
record Outline(
    Optional<String> title,
    Optional<String> dateText,
    List<Section> sections,
    int boilerplateLines,
    List<String> warnings,
    Map<String, List<String>> metadata) {

  Outline {
    sections = List.copyOf(sections);
    warnings = List.copyOf(warnings);
  }

  /** An outline of content that names no metadata. */
  Outline(
      Optional<String> title,
      Optional<String> dateText,
      List<Section> sections,
      int boilerplateLines,
      List<String> warnings) {
    this(title, dateText, sections, boilerplateLines, warnings, Map.of());
  }
}
