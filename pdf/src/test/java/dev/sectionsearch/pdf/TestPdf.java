package dev.sectionsearch.pdf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitWidthDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;

/**
 * Writes real PDF files for tests with PDFBox: pages of lines in Helvetica at given sizes, an
 * optional outline, document information and encryption. Not thread-safe.
 */
final class TestPdf {
  private record Text(float size, boolean bold, String text) {}

  private record Mark(int depth, String title, int page) {}

  private final List<List<Text>> pages = new ArrayList<>();
  private final List<Mark> marks = new ArrayList<>();
  private String title;
  private String author;
  private Calendar created;
  private String userPassword;
  private String ownerPassword;

  /** Starts a new page. */
  TestPdf page() {
    pages.add(new ArrayList<>());
    return this;
  }

  /** A line of body text (11 pt). */
  TestPdf text(String text) {
    return line(11, false, text);
  }

  /** A line at a font size, bold or not. */
  TestPdf line(float size, boolean bold, String text) {
    pages.get(pages.size() - 1).add(new Text(size, bold, text));
    return this;
  }

  /** A bookmark to the current page, at a depth (0 top level), in outline order. */
  TestPdf bookmark(int depth, String title) {
    marks.add(new Mark(depth, title, pages.size() - 1));
    return this;
  }

  TestPdf title(String title) {
    this.title = title;
    return this;
  }

  TestPdf author(String author) {
    this.author = author;
    return this;
  }

  TestPdf created(Calendar created) {
    this.created = created;
    return this;
  }

  /** Encrypts it: with a user password, it cannot be opened without one. */
  TestPdf encrypt(String ownerPassword, String userPassword) {
    this.ownerPassword = ownerPassword;
    this.userPassword = userPassword;
    return this;
  }

  Path write(Path file) throws IOException {
    try (PDDocument pdf = new PDDocument()) {
      PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      List<PDPage> pdfPages = new ArrayList<>();
      for (List<Text> lines : pages) {
        PDPage page = new PDPage(PDRectangle.A4);
        pdf.addPage(page);
        pdfPages.add(page);
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
          float y = 800;
          for (Text line : lines) {
            y -= line.size() * 1.6f;
            content.beginText();
            content.setFont(line.bold() ? bold : regular, line.size());
            content.newLineAtOffset(60, y);
            content.showText(line.text());
            content.endText();
          }
        }
      }
      if (!marks.isEmpty()) {
        PDDocumentOutline outline = new PDDocumentOutline();
        pdf.getDocumentCatalog().setDocumentOutline(outline);
        List<PDOutlineNode> parents = new ArrayList<>(List.of(outline));
        for (Mark mark : marks) {
          PDOutlineItem item = new PDOutlineItem();
          item.setTitle(mark.title());
          PDPageFitWidthDestination destination = new PDPageFitWidthDestination();
          destination.setPage(pdfPages.get(mark.page()));
          item.setDestination(destination);
          while (parents.size() > mark.depth() + 1) {
            parents.remove(parents.size() - 1);
          }
          parents.get(parents.size() - 1).addLast(item);
          parents.add(item);
        }
      }
      if (title != null) {
        pdf.getDocumentInformation().setTitle(title);
      }
      if (author != null) {
        pdf.getDocumentInformation().setAuthor(author);
      }
      if (created != null) {
        pdf.getDocumentInformation().setCreationDate(created);
      }
      if (ownerPassword != null) {
        StandardProtectionPolicy policy =
            new StandardProtectionPolicy(ownerPassword, userPassword, new AccessPermission());
        policy.setEncryptionKeyLength(128);
        pdf.protect(policy);
      }
      pdf.save(file.toFile());
    }
    return file;
  }
}
