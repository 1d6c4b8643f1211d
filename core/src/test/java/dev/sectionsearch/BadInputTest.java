package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be indexed: each gets a reason naming it, and nothing indexed is lost. */
class BadInputTest {
  @TempDir Path folder;

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = folder.resolve("docs").resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private String reasonFor(String name) throws IOException {
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(folder.resolve("docs"), IndexingListener.NONE);
      return summary.skipped().stream()
          .filter(s -> s.file().getFileName().toString().equals(name))
          .map(SkippedFile::reason)
          .findFirst()
          .orElseThrow(() -> new AssertionError(name + " was not skipped"));
    }
  }

  @Test
  void aBinaryFileIsSkippedAsBinary() throws IOException {
    write("image.txt", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});
    assertTrue(reasonFor("image.txt").contains("binary"));
  }

  @Test
  void anEmptyFileIsSkippedAsEmpty() throws IOException {
    write("empty.md", new byte[0]);
    assertEquals("empty file", reasonFor("empty.md"));
  }

  @Test
  void invalidUtf8IsSkippedWithTheByteOffset() throws IOException {
    write("latin1.txt", "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
    String reason = reasonFor("latin1.txt");
    assertTrue(reason.contains("UTF-8") && reason.contains("byte 3"), reason);
  }

  @Test
  void aFileOverTheSizeLimitIsSkippedWithItsSize() throws IOException {
    write("big.txt", "word ".repeat(1000));
    try (SectionIndex index = EmbeddedIndex.builder().maxFileBytes(1000).build()) {
      IndexSummary summary = index.addAll(folder.resolve("docs"), IndexingListener.NONE);
      assertTrue(summary.skipped().get(0).reason().contains("too large"));
    }
  }

  @Test
  void goodFilesBesideBadOnesAreIndexed() throws IOException {
    write("good.txt", "Title\nOrioles build hanging nests.");
    write("bad.txt", new byte[] {0, 1, 2});
    write("empty.txt", new byte[0]);
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(folder.resolve("docs"), IndexingListener.NONE);
      index.commit();
      assertEquals(1, summary.added());
      assertEquals(2, summary.skipped().size());
      assertEquals(1, index.search("orioles").totalHits());
    }
  }

  @Test
  void aFailedAddLosesNothingAlreadyIndexed() throws IOException {
    Path bad = write("bad.txt", new byte[] {0, 1, 2});
    try (SectionIndex index = SectionIndex.open(folder.resolve("index"))) {
      index.add(Document.builder("kept").section("Birds", "Orioles build hanging nests.").build());
      index.commit();
      DocumentException e = assertThrows(DocumentException.class, () -> index.add(bad));
      assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
      assertEquals(bad.toString(), e.document());
      index.commit();
      assertEquals(1, index.search("orioles").totalHits());
    }
  }

  @Test
  void aMissingFolderIsAnErrorNamingIt() {
    Path missing = folder.resolve("nowhere");
    try (SectionIndex index = SectionIndex.inMemory()) {
      DocumentException e =
          assertThrows(DocumentException.class, () -> index.addAll(missing, IndexingListener.NONE));
      assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }
  }

  @Test
  void aMalformedDateInFrontMatterIsAWarningNotAFailure() throws IOException {
    write("post.md", "---\ntitle: Post\ndate: 2024-13-45\n---\n# Wrens\nWrens sing loudly.\n");
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(folder.resolve("docs"), IndexingListener.NONE);
      index.commit();
      assertEquals(1, summary.added());
      List<String> warnings =
          summary.warnings().get(Document.fileId(folder.resolve("docs/post.md")));
      assertTrue(warnings.get(0).contains("2024-13-45"), warnings.toString());
      assertTrue(index.search("wrens").hits().get(0).date().isEmpty());
    }
  }

  @Test
  void aDateInTheFileNameIsTheDefaultDate() throws IOException {
    write("2023-04-05-notes.txt", "Notes\nSwallows return in spring.");
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.addAll(folder.resolve("docs"), IndexingListener.NONE);
      index.commit();
      assertEquals(
          "2023-04-05", index.search("swallows").hits().get(0).date().orElseThrow().toString());
    }
  }

  @Test
  void aDateGivenByTheCallerWinsOverTheFileName() throws IOException {
    write("2023-04-05-notes.txt", "Notes\nSwallows return in spring.");
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.addAll(
          folder.resolve("docs"), java.time.LocalDate.of(2020, 1, 2), IndexingListener.NONE);
      index.commit();
      assertEquals(
          "2020-01-02", index.search("swallows").hits().get(0).date().orElseThrow().toString());
    }
  }
}
