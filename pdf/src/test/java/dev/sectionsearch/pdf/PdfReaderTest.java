package dev.sectionsearch.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.DocumentException;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDFs written by PDFBox, read through the core's {@code Document.fromFile}. */
class PdfReaderTest {
  @TempDir Path work;

  private static SectionedDocument split(Path file) {
    return Sectioning.split(Document.fromFile(file));
  }

  private static List<String> headings(SectionedDocument document) {
    return document.sections().stream().map(Section::heading).toList();
  }

  static TestPdf manual() {
    return new TestPdf()
        .title("Kestrel Manual")
        .page()
        .bookmark(0, "Introduction")
        .line(16, true, "1 Introduction")
        .text("Kestrels hover over fields while hunting voles.")
        .page()
        .bookmark(0, "Installation")
        .line(16, true, "2 Installation")
        .text("Unpack the archive into a folder of your choice.")
        .bookmark(1, "Requirements")
        .line(13, true, "2.1 Requirements")
        .text("A perch and a field of long grass are required.")
        .page()
        .bookmark(0, "Usage")
        .text("Hover first, then stoop onto the prey below.");
  }

  @Test
  void anOutlineGivesTheSectionsAndTheirHeadingPaths() throws IOException {
    SectionedDocument document = split(manual().write(work.resolve("manual.pdf")));
    assertEquals("Kestrel Manual", document.title());
    assertEquals(
        List.of("Introduction", "Installation", "Requirements", "Usage"), headings(document));
    Section requirements = document.sections().get(2);
    assertEquals(List.of("Installation", "Requirements"), requirements.headingPath());
    assertEquals("A perch and a field of long grass are required.", requirements.text());
    // the heading line the bookmark matched is the heading, not body text
    assertEquals(
        "Unpack the archive into a folder of your choice.", document.sections().get(1).text());
    assertEquals("Hover first, then stoop onto the prey below.", document.sections().get(3).text());
    assertEquals(
        List.of(1, 2, 2, 3), document.sections().stream().map(Section::page).toList(), "pages");
  }

  @Test
  void withoutAnOutlineLargerAndBoldLinesAreTheHeadings() throws IOException {
    Path file =
        new TestPdf()
            .page()
            .line(24, true, "Falcon Field Guide")
            .text("A short guide to the falcons of Europe.")
            .line(16, true, "Kestrels")
            .text("Kestrels hover over fields.")
            .text("They eat voles and beetles.")
            .line(13, true, "Hunting")
            .text("They stoop onto prey from a hover.")
            .page()
            .line(16, true, "Peregrines")
            .text("Peregrines are the fastest birds.")
            .write(work.resolve("guide.pdf"));
    SectionedDocument document = split(file);
    assertEquals("Falcon Field Guide", document.title());
    assertEquals(List.of("", "Kestrels", "Hunting", "Peregrines"), headings(document));
    assertEquals(List.of("Kestrels", "Hunting"), document.sections().get(2).headingPath());
    assertEquals(List.of("Peregrines"), document.sections().get(3).headingPath());
    assertEquals(2, document.sections().get(3).page());
    assertEquals(
        "Kestrels hover over fields.\nThey eat voles and beetles.",
        document.sections().get(1).text());
  }

  @Test
  void runningHeadsAndPageNumbersAreLeftOut() throws IOException {
    TestPdf pdf = new TestPdf();
    for (int page = 1; page <= 4; page++) {
      pdf.page().line(9, false, "Kestrel Manual, draft").text("Kestrels hover, page " + page + ".");
      pdf.line(9, false, String.valueOf(page));
    }
    SectionedDocument document = split(pdf.write(work.resolve("running.pdf")));
    String text = document.sections().get(0).text();
    assertFalse(text.contains("draft"), text);
    assertEquals(
        "Kestrels hover, page 1.\nKestrels hover, page 2.\nKestrels hover, page 3.\nKestrels hover,"
            + " page 4.",
        text);
  }

  @Test
  void theDocumentInformationGivesDateAndAuthor() throws IOException {
    Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    created.clear();
    created.set(2024, Calendar.MARCH, 9, 12, 0);
    Path file = manual().author("R. Falconer").created(created).write(work.resolve("dated.pdf"));
    SectionedDocument document = split(file);
    assertEquals(LocalDate.of(2024, 3, 9), document.date().orElseThrow());
    assertEquals(List.of("R. Falconer"), document.metadata().get("author"));
  }

  @Test
  void anOutlinedPdfWithoutATitleIsTitledByItsLargestFirstLine() throws IOException {
    Path file =
        new TestPdf()
            .page()
            .bookmark(0, "Kestrels")
            .line(24, false, "Falcon Field Guide")
            .line(16, true, "Kestrels")
            .text("Kestrels hover over fields.")
            .page()
            .bookmark(0, "Peregrines")
            .line(16, true, "Peregrines")
            .text("Peregrines are the fastest birds.")
            .write(work.resolve("untitled.pdf"));
    SectionedDocument document = split(file);
    assertEquals("Falcon Field Guide", document.title());
    assertEquals(List.of("", "Kestrels", "Peregrines"), headings(document));
  }

  @Test
  void aPdfWithoutTitleIsTitledByItsFileName() throws IOException {
    Path file = new TestPdf().page().text("Kestrels hover.").write(work.resolve("notes.pdf"));
    assertEquals("notes", split(file).title());
  }

  @Test
  void aPdfThatNeedsAPasswordIsRefusedNamingTheFile() throws IOException {
    Path file = manual().encrypt("owner", "secret").write(work.resolve("locked.pdf"));
    DocumentException e = assertThrows(DocumentException.class, () -> Document.fromFile(file));
    assertTrue(e.getMessage().contains("locked.pdf"), e.getMessage());
    assertTrue(e.getMessage().contains("encrypted PDF"), e.getMessage());
  }

  @Test
  void aPdfEncryptedOnlyAgainstEditingIsRead() throws IOException {
    Path file = manual().encrypt("owner", "").write(work.resolve("protected.pdf"));
    assertEquals(4, split(file).sections().size());
  }

  @Test
  void brokenEmptyAndTextlessPdfsAreRefusedWithTheirReason() throws IOException {
    Path garbage =
        Files.write(
            work.resolve("garbage.pdf"), "%PDF-1.7\nnot really".getBytes(StandardCharsets.UTF_8));
    Path empty = Files.write(work.resolve("empty.pdf"), new byte[0]);
    byte[] whole = Files.readAllBytes(manual().write(work.resolve("whole.pdf")));
    Path truncated = Files.write(work.resolve("truncated.pdf"), Arrays.copyOf(whole, 300));
    Path blank = new TestPdf().page().write(work.resolve("blank.pdf"));
    assertRefused(garbage, "PDF");
    assertRefused(empty, "empty file");
    assertRefused(truncated, "");
    assertRefused(blank, "no text to index");
  }

  @Test
  void aPdfOverTheSizeLimitIsRefused() throws IOException {
    Path file = manual().write(work.resolve("big.pdf"));
    DocumentException e = assertThrows(DocumentException.class, () -> Document.fromFile(file, 100));
    assertTrue(e.getMessage().contains("file too large"), e.getMessage());
  }

  private static void assertRefused(Path file, String reason) {
    DocumentException e = assertThrows(DocumentException.class, () -> split(file));
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
