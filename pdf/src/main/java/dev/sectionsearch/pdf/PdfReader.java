package dev.sectionsearch.pdf;

import dev.sectionsearch.DocumentException;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.DocumentReader;
import dev.sectionsearch.document.Metadata;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;

/**
 * Reads PDF files into documents, with Apache PDFBox: the {@link DocumentReader} of {@code .pdf}
 * that this module provides, so that with it on the classpath {@code Document.fromFile} and folder
 * indexing read PDFs.
 *
 * <p>Sections come from the PDF's outline (bookmarks) when it has one: each bookmark's section
 * starts at the line of its page that reads as its title (else at the top of its page), and nested
 * bookmarks give the heading path. Without an outline, lines set larger than the body text (or in
 * bold at its size, when bold is rare) are the headings, the larger the higher; the one largest
 * line on the first page is the title. Running heads and footers (lines recurring at the top or
 * bottom of pages) and page numbers are left out. The title is the PDF's own (its document
 * information), else the layout's, else the file name; its creation date (else its modification
 * date) is the date; its author, subject and keywords become metadata.
 *
 * <p>A PDF's text is what PDFBox extracts, a line a line. A section's range, and so a passage's
 * citation, is a range of that text with the sections' headings and bodies joined with blank lines
 * (as for any document given as sections).
 *
 * <p>A PDF that needs a password, is broken, has no pages or no text (scanned pages without a text
 * layer), or is larger than the file limit, is refused with a {@link DocumentException} naming the
 * file and the reason. PDFBox caches the file's streams in temporary files, not on the heap, and
 * the extracted text is bounded, so a large PDF stays within the folder run's heap budget.
 *
 * <p>Stateless and thread-safe.
 */
public final class PdfReader implements DocumentReader {
  /** The most bookmarks read: a malformed outline can be endless. */
  static final int MAX_BOOKMARKS = 100_000;

  /**
   * The most characters of text taken from one PDF, {@value}: four times the file size bounds what
   * a real PDF extracts to, and this bounds a PDF whose pages repeat one content stream.
   */
  static final long MAX_TEXT_CHARS = 256L << 20;

  /** Creates the reader; {@link java.util.ServiceLoader} calls this. */
  public PdfReader() {}

  @Override
  public Set<String> extensions() {
    return Set.of("pdf");
  }

  @Override
  public Document read(Path file, String id, long maxBytes) {
    String name = file.toString();
    checkSize(file, name, maxBytes);
    try (PDDocument pdf = Loader.loadPDF(file.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
      return read(pdf, file, id, name, maxBytes);
    } catch (InvalidPasswordException e) {
      throw new DocumentException(name, "encrypted PDF: it cannot be read without its password", e);
    } catch (IOException e) {
      throw new DocumentException(name, "not a readable PDF: " + e.getMessage(), e);
    } catch (LineStripper.TooMuchText e) {
      throw new DocumentException(
          name, "PDF text too large (more than " + textLimit(maxBytes) + " characters)", e);
    } catch (RuntimeException e) {
      if (e instanceof DocumentException) {
        throw e;
      }
      // PDFBox reports some damage as unchecked exceptions (a wrong object type, a bad number)
      throw new DocumentException(name, "broken PDF: " + e, e);
    }
  }

  private static Document read(PDDocument pdf, Path file, String id, String name, long maxBytes)
      throws IOException {
    if (pdf.getNumberOfPages() == 0) {
      throw new DocumentException(name, "PDF has no pages");
    }
    LineStripper stripper = new LineStripper(textLimit(maxBytes));
    stripper.writeText(pdf, Writer.nullWriter());
    List<Line> lines = PdfSections.withoutRunningLines(stripper.lines());
    if (lines.isEmpty()) {
      throw new DocumentException(
          name, "no text to index (a PDF of scanned pages without a text layer?)");
    }
    List<Bookmark> bookmarks = bookmarks(pdf);
    List<PdfSection> sections = List.of();
    if (!bookmarks.isEmpty()) {
      sections = PdfSections.fromOutline(lines, bookmarks);
    }
    if (sections.size() <= 1) {
      PdfSections.Split split = PdfSections.fromLayout(lines);
      if (sections.isEmpty() || split.sections().size() > 1) {
        sections = split.sections();
      }
    }
    if (sections.isEmpty()) {
      throw new DocumentException(name, "no text to index");
    }
    if (sections.size() > Sectioning.MAX_SECTIONS) {
      throw new DocumentException(
          name,
          "too many sections (more than "
              + Sectioning.MAX_SECTIONS
              + "): a document this finely divided is not indexed");
    }
    Document.Builder builder = Document.builder(id).source(name);
    for (PdfSection section : sections) {
      builder.section(section.headingPath(), section.body(), section.page());
    }
    PDDocumentInformation info = pdf.getDocumentInformation();
    String title = info.getTitle() == null ? "" : info.getTitle().strip();
    if (title.isEmpty()) {
      title = PdfSections.fromLayout(lines).title().orElseGet(() -> stem(file));
    }
    builder.title(title.replaceAll("\\s+", " "));
    date(info).ifPresent(builder::date);
    metadata(builder, "author", info.getAuthor(), false);
    metadata(builder, "subject", info.getSubject(), false);
    metadata(builder, "keywords", info.getKeywords(), true);
    return builder.build();
  }

  private static long textLimit(long maxBytes) {
    return Math.min(MAX_TEXT_CHARS, Math.max(1 << 20, maxBytes * 4));
  }

  private static void checkSize(Path file, String name, long maxBytes) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new DocumentException(
            name, Files.exists(file) ? "not a regular file" : "no such file");
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new DocumentException(
            name, "file too large (" + size + " bytes; the limit is " + maxBytes + ")");
      }
      if (size == 0) {
        throw new DocumentException(name, "empty file");
      }
    } catch (NoSuchFileException e) {
      throw new DocumentException(name, "no such file", e);
    } catch (IOException e) {
      throw new DocumentException(name, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** The outline flattened in reading order; entries that point to no page are passed over. */
  static List<Bookmark> bookmarks(PDDocument pdf) {
    PDDocumentOutline outline = pdf.getDocumentCatalog().getDocumentOutline();
    List<Bookmark> bookmarks = new ArrayList<>();
    if (outline == null) {
      return bookmarks;
    }
    Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(pdf, outline, 0, bookmarks, seen);
    return bookmarks;
  }

  private static void collect(
      PDDocument pdf,
      PDOutlineNode node,
      int depth,
      List<Bookmark> bookmarks,
      Set<COSDictionary> seen) {
    for (PDOutlineItem item : node.children()) {
      if (!seen.add(item.getCOSObject()) || bookmarks.size() >= MAX_BOOKMARKS) {
        return;
      }
      String title = item.getTitle() == null ? "" : item.getTitle().strip().replaceAll("\\s+", " ");
      int page = page(pdf, item);
      if (page > 0 && !title.isEmpty()) {
        bookmarks.add(new Bookmark(title, depth, page));
      }
      collect(pdf, item, depth + 1, bookmarks, seen);
    }
  }

  private static int page(PDDocument pdf, PDOutlineItem item) {
    try {
      PDPage page = item.findDestinationPage(pdf);
      return page == null ? 0 : pdf.getPages().indexOf(page) + 1;
    } catch (IOException | RuntimeException e) {
      // a bookmark to nowhere (a named destination that is not defined) places no section
      return 0;
    }
  }

  private static Optional<LocalDate> date(PDDocumentInformation info) {
    Calendar date = info.getCreationDate();
    if (date == null) {
      date = info.getModificationDate();
    }
    if (date == null) {
      return Optional.empty();
    }
    return Optional.of(date.toInstant().atZone(date.getTimeZone().toZoneId()).toLocalDate());
  }

  private static void metadata(Document.Builder builder, String key, String value, boolean list) {
    if (value == null || value.isBlank()) {
      return;
    }
    List<String> values = new ArrayList<>();
    for (String part : list ? value.split("[,;]") : new String[] {value}) {
      String stripped = part.strip().replaceAll("\\s+", " ");
      if (!stripped.isEmpty() && stripped.length() <= Metadata.MAX_VALUE_CHARS) {
        values.add(stripped);
      }
    }
    if (values.isEmpty() || values.size() > Metadata.MAX_VALUES) {
      return;
    }
    try {
      builder.metadata(key, values);
    } catch (IllegalArgumentException e) {
      // a value no metadata may hold (control characters): the PDF is still read without it
    }
  }

  private static String stem(Path file) {
    Path fileName = file.getFileName();
    String name = fileName == null ? file.toString() : fileName.toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
