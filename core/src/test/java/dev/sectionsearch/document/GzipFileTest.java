package dev.sectionsearch.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.DocumentException;
import dev.sectionsearch.IndexSummary;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gzipped files are read in the format under their .gz, within the file size limit. */
class GzipFileTest {
  @TempDir Path folder;

  private static byte[] gzip(byte[] content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  private Path writeGzipped(String fileName, String content) throws Exception {
    Path file = folder.resolve(fileName);
    Files.write(file, gzip(content.getBytes(StandardCharsets.UTF_8)));
    return file;
  }

  @Test
  void formatIsTheOneUnderTheGzExtension() {
    assertEquals(Optional.of(Format.MARKDOWN), Format.fromFileName(Path.of("a/notes.md.gz")));
    assertEquals(Optional.of(Format.HTML), Format.fromFileName(Path.of("page.HTML.GZ")));
    assertEquals(Optional.of(Format.TEXT), Format.fromFileName(Path.of("log.txt.gz")));
    assertEquals(Optional.empty(), Format.fromFileName(Path.of("archive.tar.gz")));
    assertEquals(Optional.empty(), Format.fromFileName(Path.of("data.gz")));
  }

  @Test
  void gzippedMarkdownIsSplitLikeTheMarkdownItHolds() throws Exception {
    Path file = writeGzipped("guide.md.gz", "# Guide\n\n## Install\n\nRun the installer.\n");
    var sectioned = Sectioning.split(Document.fromFile(file));
    assertEquals("Guide", sectioned.title());
    // the title has no text of its own: it is the document's title, not a hit (issue 26)
    assertEquals("Install", sectioned.sections().get(0).heading());
    assertEquals("Run the installer.", sectioned.sections().get(0).text());
  }

  @Test
  void gzippedHtmlDeclaringLatin1IsDecoded() throws Exception {
    Path file = folder.resolve("page.html.gz");
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    html.write("<meta charset=iso-8859-1><p>caf".getBytes(StandardCharsets.US_ASCII));
    html.write(0xE9);
    html.write("</p>".getBytes(StandardCharsets.US_ASCII));
    Files.write(file, gzip(html.toByteArray()));
    assertEquals("caf\u00e9", Sectioning.split(Document.fromFile(file)).sections().get(0).text());
  }

  @Test
  void gzippedFilesInAFolderAreIndexedAndSearchable() throws Exception {
    Files.createDirectories(folder.resolve("docs"));
    writeGzipped("docs/release.txt.gz", "Release notes\n\nThe walrus feature shipped today.\n");
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(folder.resolve("docs"), IndexingListener.NONE);
      assertEquals(1, summary.added(), summary.toString());
      index.commit();
      assertEquals(1, index.search("walrus").totalHits());
    }
  }

  @Test
  void fileThatDecompressesBeyondTheLimitIsRefusedAsAZipBomb() throws Exception {
    byte[] zeros = new byte[4 << 20];
    Arrays.fill(zeros, (byte) 'a');
    Path bomb = folder.resolve("bomb.txt.gz");
    Files.write(bomb, gzip(zeros));
    assertTrue(Files.size(bomb) < 1 << 20);
    DocumentException e =
        assertThrows(DocumentException.class, () -> Document.fromFile(bomb, "bomb", 1 << 20));
    assertEquals(bomb.toString(), e.document());
    assertTrue(
        e.getMessage().contains("more than the file size limit of 1048576 bytes"), e.getMessage());
  }

  @Test
  void corruptGzipIsAnErrorNamingTheFile() throws Exception {
    byte[] valid = gzip("Title\n\nSome text long enough.\n".getBytes(StandardCharsets.UTF_8));
    Path truncated = folder.resolve("cut.md.gz");
    Files.write(truncated, Arrays.copyOf(valid, valid.length / 2));
    Path notGzip = folder.resolve("plain.md.gz");
    Files.writeString(notGzip, "# Not compressed at all\n");
    for (Path file : new Path[] {truncated, notGzip}) {
      DocumentException e = assertThrows(DocumentException.class, () -> Document.fromFile(file));
      assertEquals(file.toString(), e.document());
      assertTrue(e.getMessage().contains("not a valid gzip file"), e.getMessage());
    }
  }

  @Test
  void gzOfAnUnknownTypeIsUnsupported() throws Exception {
    Path file = writeGzipped("table.csv.gz", "a,b\n1,2\n");
    DocumentException e = assertThrows(DocumentException.class, () -> Document.fromFile(file));
    assertTrue(e.getMessage().contains("unsupported file type"), e.getMessage());
  }
}
