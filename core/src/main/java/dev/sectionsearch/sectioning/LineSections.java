package dev.sectionsearch.sectioning;

import dev.sectionsearch.document.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the sections of a line-based markup (reStructuredText, AsciiDoc) as its sectioner walks
 * the lines: a heading opens a section, text extends it, and its range runs from the heading to the
 * last line that gave text. Used once, by one thread.
 */
final class LineSections {
  private final List<Section> sections = new ArrayList<>();
  private final HeadingPath path = new HeadingPath();
  private final SectionText body = new SectionText();
  private List<String> headingPath = List.of();
  private int start = -1;
  private int end = -1;

  /**
   * Opens a section at a heading of {@code level} (1 the outermost) spanning {@code start..end}.
   */
  void heading(int level, String heading, boolean isTitle, int start, int end) {
    close();
    headingPath = path.enter(level, heading, isTitle);
    this.start = start;
    this.end = end;
  }

  /** The current section's text, to append to; call {@link #extend} for the lines it came from. */
  SectionText body() {
    return body;
  }

  /** Widens the current section's range to hold {@code start..end} of the source. */
  void extend(int start, int end) {
    if (this.start < 0) {
      this.start = start;
    }
    this.end = Math.max(this.end, end);
  }

  /** Closes the last section and returns them all, ordinals from 0. */
  List<Section> finish() {
    close();
    return sections;
  }

  private void close() {
    if ((!body.isBlank() || !headingPath.isEmpty()) && start >= 0) {
      sections.add(Sectioning.section(headingPath, sections.size(), body, start, end));
    }
    body.clear();
    headingPath = List.of();
    start = -1;
    end = -1;
  }
}
