package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders under control: patterns, metadata and format per run, and documents of deleted files. */
class FolderOptionsTest {
  @TempDir Path folder;

  private Path write(String relative, String text) throws IOException {
    Path file = folder.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void includeAndExcludePatternsChooseTheFiles() throws IOException {
    write("library/json.html", "<h1>JSON</h1><p>owls in json</p>");
    write("_sources/library/json.rst.txt", "JSON\n====\n\nowls in json\n");
    write("notes.txt", "Notes\nowls everywhere.");
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary =
          index.addAll(
              folder,
              FolderOptions.builder()
                  .include("*.html")
                  .include("*.txt")
                  .exclude("_sources")
                  .build(),
              IndexingListener.NONE);
      index.commit();
      assertEquals(2, summary.documents());
      assertTrue(summary.skipped().isEmpty(), summary.skipped().toString());
      assertEquals(2, index.search("owls").totalHits());
    }
  }

  @Test
  void metadataAndAFormatForFilesWithoutAnExtension() throws IOException {
    write("pkg/README", "# Readme\n\nHow to install owls.\n");
    write("pkg/copyright", "Copyright\n\nOwls are free.\n");
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary =
          index.addAll(
              folder,
              FolderOptions.builder()
                  .include("README")
                  .format(Format.MARKDOWN)
                  .metadata(
                      file -> Map.of("package", List.of(file.getParent().getFileName().toString())))
                  .build(),
              IndexingListener.NONE);
      index.commit();
      assertEquals(1, summary.documents());
      String id = Document.fileId(folder.resolve("pkg/README"));
      assertEquals(List.of("pkg"), index.get(id).orElseThrow().metadata().get("package"));
      assertEquals("Readme", index.get(id).orElseThrow().title());
    }
  }

  @Test
  void sniffingReadsEachFileWithoutAnExtensionInTheFormatItsContentShows() throws IOException {
    write("pkg/README", "Owls\n====\n\n.. note::\n\n   Owls hunt.\n\nNight\n~~~~~\n\nAt night.\n");
    write("pkg/NEWS", "# News\n\n## Version 2\n\nOwls fly faster.\n");
    write("pkg/copyright", "Copyright 2026 Owl Keepers\n\nOwls are free to copy.\n");
    write("pkg/owl.bin", "O\u0000wl");
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary =
          index.addAll(
              folder,
              FolderOptions.builder()
                  .include("README")
                  .include("NEWS")
                  .include("copyright")
                  .include("*.bin")
                  .sniffFormat()
                  .build(),
              IndexingListener.NONE);
      index.commit();
      assertEquals(3, summary.documents());
      assertEquals(1, summary.skipped().size(), summary.skipped().toString());
      assertTrue(
          summary.skipped().get(0).reason().contains("binary"), summary.skipped().toString());
      assertEquals(
          "Owls", index.get(Document.fileId(folder.resolve("pkg/README"))).orElseThrow().title());
      assertEquals(
          "News", index.get(Document.fileId(folder.resolve("pkg/NEWS"))).orElseThrow().title());
      // a reST title, a Markdown heading: sections at the headings, not at "Owls" or "# News"
      assertEquals(List.of("Night"), index.search("night").hits().get(0).headingPath());
      assertEquals(List.of("Version 2"), index.search("faster").hits().get(0).headingPath());
      assertEquals(
          "Copyright 2026 Owl Keepers",
          index.get(Document.fileId(folder.resolve("pkg/copyright"))).orElseThrow().title());
    }
  }

  @Test
  void indexingAFolderAgainRemovesTheDocumentsOfDeletedFilesUnderIt() throws IOException {
    Path kept = write("a/kept.md", "# Kept\n\nOwls stay.\n");
    Path gone = write("a/gone.md", "# Gone\n\nOwls leave.\n");
    Path elsewhere = Files.writeString(Files.createTempFile("elsewhere", ".md"), "Other owls.");
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(elsewhere);
      index.addAll(folder, FolderOptions.defaults(), IndexingListener.NONE);
      index.commit();
      String goneId = Document.fileId(gone);
      String elsewhereId = Document.fileId(elsewhere);
      Files.delete(gone);
      Files.delete(elsewhere);
      IndexSummary kept1 =
          index.addAll(
              folder, FolderOptions.builder().removeMissing(false).build(), IndexingListener.NONE);
      index.commit();
      assertEquals(0, kept1.removed());
      assertTrue(index.get(goneId).isPresent());
      IndexSummary summary = index.addAll(folder, FolderOptions.defaults(), IndexingListener.NONE);
      index.commit();
      assertEquals(1, summary.removed());
      assertFalse(index.get(goneId).isPresent());
      assertTrue(index.get(Document.fileId(kept)).isPresent());
      // only that folder: a document of a deleted file elsewhere stays
      assertTrue(index.get(elsewhereId).isPresent());
    }
  }

  @Test
  void documentsCanBeCopiedWithMoreMetadata() {
    Document document = Document.builder("d").title("T").text("Owls.", Format.TEXT).build();
    Document tagged = document.withMetadata(Map.of("tags", List.of("birds")));
    assertEquals(List.of("birds"), tagged.metadata().get("tags"));
    assertEquals(document.title(), tagged.title());
    assertEquals(document.text(), tagged.text());
    assertTrue(document.metadata().isEmpty());
    assertEquals("Other", document.toBuilder().title("Other").build().title().orElseThrow());
  }
}
