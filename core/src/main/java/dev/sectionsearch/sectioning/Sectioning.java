package dev.sectionsearch.sectioning;

import dev.sectionsearch.DocumentException;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Metadata;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits documents into sections: the step before indexing, public so that callers can see what a
 * document will become.
 *
 * <p>Stateless and thread-safe.
 */
public final class Sectioning {
  /**
   * The most sections one document may have: a file of a million tiny sections took more heap as
   * Section objects and index entries than its bytes suggest (~180 bytes per byte) and ended a run
   * with an OutOfMemoryError; such a document is refused with the reason instead.
   */
  public static final int MAX_SECTIONS = 100_000;

  /** Thrown by a sectioner that reaches {@link #MAX_SECTIONS}; the document is refused. */
  static final class TooManySections extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManySections() {
      super(null, null, false, false);
    }
  }

  private Sectioning() {}

  /**
   * Splits a document into sections and settles its title and date.
   *
   * <p>The title is the caller's, else the content's, else the id. The date is the caller's, else
   * the content's metadata, else the document's default date (e.g. from its file name); a date in
   * the metadata that cannot be read is reported as a warning and skipped.
   *
   * @param document the document
   * @return its sections, title and date
   * @throws DocumentException naming the document when it holds no text to index
   */
  public static SectionedDocument split(Document document) {
    Optional<String> text = document.text();
    if (text.isEmpty()) {
      return fromGivenSections(document);
    }
    Format format = document.format().orElseThrow();
    Outline outline;
    try {
      checkHeadingCount(text.get(), format);
      outline = sectionerFor(format).split(text.get());
    } catch (TooManySections e) {
      throw new DocumentException(
          document.source(),
          "too many sections (more than "
              + MAX_SECTIONS
              + "): a document this finely divided is not indexed",
          e);
    }
    if (outline.sections().isEmpty()) {
      throw new DocumentException(document.source(), "no text to index");
    }
    List<Section> sections =
        format == Format.HTML
            ? outline.sections()
            : EmptyHeadings.fold(outline.sections(), outline.title());
    List<String> warnings = new ArrayList<>(document.warnings());
    warnings.addAll(outline.warnings());
    Optional<LocalDate> date = document.date();
    if (date.isEmpty() && outline.dateText().isPresent()) {
      String dateText = outline.dateText().get();
      date = DateText.parse(dateText);
      if (date.isEmpty()) {
        warnings.add("ignored malformed date \"" + abbreviate(dateText) + "\"");
      }
    }
    if (date.isEmpty()) {
      date = document.defaultDate();
    }
    String title = document.title().or(outline::title).orElse(document.id());
    Map<String, List<String>> metadata =
        Metadata.merge(Metadata.lenient(outline.metadata(), warnings::add), document.metadata());
    return new SectionedDocument(
        document.id(),
        title,
        date,
        document.source(),
        sections,
        outline.boilerplateLines(),
        warnings,
        metadata);
  }

  private static SectionedDocument fromGivenSections(Document document) {
    boolean anyText =
        document.sections().stream()
            .anyMatch(section -> !section.text().isBlank() || !section.heading().isBlank());
    if (!anyText) {
      throw new DocumentException(document.source(), "no text to index");
    }
    return new SectionedDocument(
        document.id(),
        document.title().orElse(document.id()),
        document.date().or(document::defaultDate),
        document.source(),
        document.sections(),
        0,
        document.warnings(),
        document.metadata());
  }

  private static Sectioner sectionerFor(Format format) {
    switch (format) {
      case TEXT:
        return new PlainTextSectioner();
      case MARKDOWN:
        return new MarkdownSectioner();
      case HTML:
        return new HtmlSectioner();
      case RESTRUCTUREDTEXT:
        return new RstSectioner();
      case ASCIIDOC:
        return new AsciiDocSectioner();
      default:
        throw new IllegalArgumentException("no sectioner for " + format);
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
  }

  /**
   * Refuses a document of a markup whose heading lines alone pass {@link #MAX_SECTIONS}, before it
   * is parsed: the parse tree of a million headings would take the heap the refusal protects.
   */
  private static void checkHeadingCount(String text, Format format) {
    if (format == Format.TEXT || format == Format.RESTRUCTUREDTEXT) {
      // read line by line without a tree: their sectioners stop at the limit themselves
      return;
    }
    if (text.length() < MAX_SECTIONS * 3L) {
      return;
    }
    int candidates = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean lineStart = i == 0 || text.charAt(i - 1) == '\n';
      boolean heading =
          format == Format.HTML
              ? c == '<'
                  && i + 2 < n
                  && (text.charAt(i + 1) == 'h' || text.charAt(i + 1) == 'H')
                  && text.charAt(i + 2) >= '1'
                  && text.charAt(i + 2) <= '6'
              : lineStart && isHeadingMarks(text, i, format == Format.ASCIIDOC ? "#=" : "#");
      if (heading && ++candidates > MAX_SECTIONS) {
        throw new TooManySections();
      }
    }
  }

  /**
   * Whether a line starts with up to six of one heading mark and a space: {@code ## } or {@code ==
   * }.
   */
  private static boolean isHeadingMarks(String text, int start, String marks) {
    char mark = text.charAt(start);
    if (marks.indexOf(mark) < 0) {
      return false;
    }
    int i = start;
    while (i < text.length() && i - start < 6 && text.charAt(i) == mark) {
      i++;
    }
    return i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t');
  }

  /** Throws {@link TooManySections} when a sectioner is about to make one section too many. */
  static void checkSectionCount(int sections) {
    if (sections >= MAX_SECTIONS) {
      throw new TooManySections();
    }
  }

  /** Builds a section whose text is cleaned for display; used by every format's sectioner. */
  static Section section(
      List<String> headingPath, int ordinal, SectionText body, int start, int end) {
    checkSectionCount(ordinal);
    String heading = headingPath.isEmpty() ? "" : headingPath.get(headingPath.size() - 1);
    return new Section(heading, headingPath, ordinal, TextCleanup.clean(body), start, end);
  }
}
