package dev.sectionsearch.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.DocumentException;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTML files are decoded in the charset they declare, as browsers read them. */
class HtmlCharsetTest {
  @TempDir Path folder;

  private Path write(String fileName, byte[]... parts) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.write(part);
    }
    Path file = folder.resolve(fileName);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String body(Path file) {
    return Sectioning.split(Document.fromFile(file)).sections().get(0).text();
  }

  @Test
  void metaCharsetIso88591IsReadAsWindows1252() throws Exception {
    Path file =
        write(
            "latin.html",
            ascii("<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9</title></head>"),
            "<body><p>Le caf\u00e9 \u201cnoir\u201d co\u00fbte 2 \u20ac.</p></body></html>"
                .getBytes(Charset.forName("windows-1252")));
    assertEquals("Le caf\u00e9 \u201cnoir\u201d co\u00fbte 2 \u20ac.", body(file));
  }

  @Test
  void httpEquivContentTypeDeclaresTheCharset() throws Exception {
    Path file =
        write(
            "cyrillic.html",
            ascii(
                "<head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
                    + "</head>"),
            "<p>\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440.</p>"
                .getBytes(Charset.forName("windows-1251")));
    assertEquals("\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440.", body(file));
  }

  @Test
  void shiftJisPageIsDecoded() throws Exception {
    Path file =
        write(
            "japanese.html",
            ascii("<meta charset=Shift_JIS><p>"),
            "\u6771\u4eac\u306e\u5929\u6c17\u3002".getBytes(Charset.forName("Shift_JIS")),
            ascii("</p>"));
    assertEquals("\u6771\u4eac\u306e\u5929\u6c17\u3002", body(file));
  }

  @Test
  void byteOrderMarkWinsOverTheMetaDeclaration() throws Exception {
    Path file =
        write(
            "bom.html",
            new byte[] {(byte) 0xFF, (byte) 0xFE},
            "<meta charset=\"iso-8859-1\"><p>\u00fcber \u2713</p>"
                .getBytes(StandardCharsets.UTF_16LE));
    assertEquals("\u00fcber \u2713", body(file));
  }

  @Test
  void utf8DeclarationIsReadAsUtf8() throws Exception {
    byte[] html = "<meta charset=utf-8><p>na\u00efve</p>".getBytes(StandardCharsets.UTF_8);
    Path file = write("utf8.html", html);
    assertEquals("na\u00efve", body(file));
  }

  @Test
  void undeclaredPageThatIsNotUtf8IsRefusedByName() throws Exception {
    Path file = write("undeclared.html", ascii("<p>caf"), new byte[] {(byte) 0xE9}, ascii("</p>"));
    DocumentException e = assertThrows(DocumentException.class, () -> Document.fromFile(file));
    assertTrue(e.getMessage().startsWith(file.toString() + ": not valid UTF-8"), e.getMessage());
  }

  @Test
  void declarationAfterTheFirst1024BytesIsNotSeen() throws Exception {
    Path file =
        write(
            "late.html",
            ascii("<p>" + "filler ".repeat(200) + "</p><meta charset=iso-8859-1><p>caf"),
            new byte[] {(byte) 0xE9},
            ascii("</p>"));
    assertThrows(DocumentException.class, () -> Document.fromFile(file));
  }

  @Test
  void declarationInsideACommentIsNotSeen() throws Exception {
    Path file =
        write(
            "comment.html",
            ascii("<!-- <meta charset=iso-8859-1> --><p>caf"),
            new byte[] {(byte) 0xE9},
            ascii("</p>"));
    assertThrows(DocumentException.class, () -> Document.fromFile(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"klingon-8", "IBM037", "utf-32", "UTF-32LE", "x-user-defined", "cp037"})
  void labelsOutsideTheEncodingStandardAreIgnoredAsBrowsersDo(String label) throws Exception {
    Path file =
        write(
            "odd.html",
            ascii("<meta charset=\"" + label + "\"><title>Qapla'</title><p>Qapla' caf"),
            new byte[] {(byte) 0xC3, (byte) 0xA9},
            ascii("</p>"));
    SectionedDocument doc = Sectioning.split(Document.fromFile(file));
    assertEquals("Qapla'", doc.title());
    assertTrue(doc.sections().get(0).text().contains("Qapla' café"), doc.sections().toString());
  }

  @Test
  void anUnknownLabelIsPassedOverForTheNextDeclaration() throws Exception {
    Path file =
        write(
            "two.html",
            ascii("<meta charset=\"IBM037\"><meta charset=\"iso-8859-1\"><p>caf"),
            new byte[] {(byte) 0xE9},
            ascii("</p>"));
    assertTrue(Document.fromFile(file).text().orElseThrow().contains("café"));
  }

  @Test
  void markdownIgnoresWhatLooksLikeAMetaDeclaration() throws Exception {
    Path file =
        write("notes.md", ascii("<meta charset=iso-8859-1>\n\ncaf"), new byte[] {(byte) 0xE9});
    assertThrows(DocumentException.class, () -> Document.fromFile(file));
  }

  @Test
  void badByteAfterAByteOrderMarkIsReportedAtItsOffsetInTheFile() throws Exception {
    Path file =
        write(
            "bad.txt",
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            ascii("ok "),
            new byte[] {(byte) 0xFF});
    DocumentException e = assertThrows(DocumentException.class, () -> Document.fromFile(file));
    assertTrue(e.getMessage().contains("at byte 6"), e.getMessage());
  }
}
