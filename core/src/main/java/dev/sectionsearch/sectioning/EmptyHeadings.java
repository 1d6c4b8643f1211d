package dev.sectionsearch.sectioning;

import dev.sectionsearch.document.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds sections that hold a heading and no text, which would otherwise be hits with no passage (an
 * 8-character "section" ranked second for a query on the Python docs): a heading above its own
 * subsections is already in their heading paths and goes; the document's title goes; any other
 * empty heading becomes the first line of the section after it, or the last line of the section
 * before it at the end of the document. A document of headings only keeps them, so that it can be
 * found.
 *
 * <p>Stateless and thread-safe.
 */
final class EmptyHeadings {
  private EmptyHeadings() {}

  static List<Section> fold(List<Section> sections, Optional<String> title) {
    boolean anyText = sections.stream().anyMatch(s -> !s.text().isBlank());
    if (!anyText || sections.stream().allMatch(s -> !s.text().isBlank())) {
      return sections;
    }
    List<Section> out = new ArrayList<>(sections.size());
    Section pending = null;
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      if (pending != null) {
        section = withHeadingBefore(section, pending);
        pending = null;
      }
      boolean empty = section.text().isBlank() && !section.heading().isEmpty();
      if (!empty) {
        out.add(section);
      } else if (i + 1 < sections.size()) {
        if (!isAncestor(section, sections.get(i + 1)) && !isTitle(section, title)) {
          pending = section;
        }
      } else if (!out.isEmpty()) {
        Section last = out.remove(out.size() - 1);
        out.add(withTextAfter(last, section));
      } else {
        out.add(section);
      }
    }
    List<Section> numbered = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      Section s = out.get(i);
      numbered.add(
          s.ordinal() == i
              ? s
              : new Section(s.heading(), s.headingPath(), i, s.text(), s.start(), s.end()));
    }
    return numbered;
  }

  private static boolean isAncestor(Section heading, Section next) {
    List<String> path = heading.headingPath();
    List<String> nextPath = next.headingPath();
    return !path.isEmpty()
        && nextPath.size() > path.size()
        && nextPath.subList(0, path.size()).equals(path);
  }

  private static boolean isTitle(Section section, Optional<String> title) {
    return section.headingPath().size() <= 1
        && title.isPresent()
        && title.get().strip().equals(section.heading().strip());
  }

  /**
   * The section with an empty heading before it folded into its heading path, where it is searched
   * as a parent heading is; not into its text, which would stand before the section's own heading
   * while the source has it after, and break the citations of passages.
   */
  private static Section withHeadingBefore(Section section, Section heading) {
    List<String> path = new ArrayList<>(section.headingPath().size() + 1);
    path.add(heading.heading());
    path.addAll(section.headingPath());
    return new Section(
        section.heading(),
        path,
        section.ordinal(),
        section.text(),
        Math.min(heading.start(), section.start()),
        Math.max(heading.end(), section.end()));
  }

  /** The section with an empty heading at the end of the document folded in after its text. */
  private static Section withTextAfter(Section section, Section heading) {
    return new Section(
        section.heading(),
        section.headingPath(),
        section.ordinal(),
        section.text() + "\n\n" + heading.heading(),
        Math.min(heading.start(), section.start()),
        Math.max(heading.end(), section.end()));
  }
}
