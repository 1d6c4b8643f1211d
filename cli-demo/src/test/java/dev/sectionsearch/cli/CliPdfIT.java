package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitWidthDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI jar indexing a folder that holds PDFs (the pdf module is on its classpath). */
class CliPdfIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  /** A two-page PDF with a bookmark per page. */
  private static void writePdf(Path file) throws IOException {
    try (PDDocument pdf = new PDDocument()) {
      PDDocumentOutline outline = new PDDocumentOutline();
      pdf.getDocumentCatalog().setDocumentOutline(outline);
      String[][] pages = {
        {"Nesting", "Ospreys build large nests of sticks on tall poles."},
        {"Fishing", "Ospreys dive feet first to catch fish near the surface."}
      };
      for (String[] lines : pages) {
        PDPage page = new PDPage();
        pdf.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 16);
          content.newLineAtOffset(60, 700);
          content.showText(lines[0]);
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
          content.newLineAtOffset(0, -24);
          content.showText(lines[1]);
          content.endText();
        }
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(lines[0]);
        PDPageFitWidthDestination destination = new PDPageFitWidthDestination();
        destination.setPage(page);
        item.setDestination(destination);
        outline.addLast(item);
      }
      pdf.getDocumentInformation().setTitle("Osprey Notes");
      pdf.save(file.toFile());
    }
  }

  @Test
  void aFolderWithPdfsIsIndexedAndABrokenPdfSkippedWithItsReason() throws Exception {
    Path docs = Files.createDirectories(work.resolve("docs"));
    writePdf(docs.resolve("osprey.pdf"));
    Files.write(docs.resolve("broken.pdf"), "%PDF-1.4\nnot a pdf".getBytes(StandardCharsets.UTF_8));
    Files.writeString(docs.resolve("notes.md"), "# Notes\n\nOspreys migrate to Africa.\n");
    String index = work.resolve("index").toString();
    Result indexed = CliProcess.run("index", "--index", index, docs.toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
    assertTrue(indexed.out().contains("Indexed 2 documents"), indexed.out());
    assertTrue(
        (indexed.out() + indexed.err()).contains("broken.pdf: not a readable PDF"),
        indexed.out() + indexed.err());

    Result search = CliProcess.run("search", "--index", index, "--json", "dive fish");
    assertEquals(0, search.exitCode(), search.err());
    JsonNode hit = JSON.readTree(search.out()).get("hits").get(0);
    assertEquals("Osprey Notes", hit.get("title").asText(), hit.toString());
    assertEquals("Fishing", hit.get("heading").asText(), hit.toString());
    assertTrue(hit.get("source").asText().endsWith("osprey.pdf"), hit.toString());
    assertEquals(2, hit.get("page").asInt(), hit.toString());
    Result text = CliProcess.run("search", "--index", index, "dive fish");
    assertTrue(text.out().contains("osprey.pdf | page 2 |"), text.out());
  }
}
