package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.passage.Passages;
import dev.sectionsearch.search.SearchHit;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input built to break an indexer: huge, oddly encoded, full of headings or markup. Each file is
 * indexed or skipped with a reason naming it, in bounded time, and good files beside it are indexed
 * all the same.
 */
@Tag("slow") // huge and hostile files; runs in verify
class HostileInputTest {
  private static final Duration BOUND = Duration.ofMinutes(2);

  @TempDir Path folder;

  private Path docs() throws IOException {
    return Files.createDirectories(folder.resolve("docs"));
  }

  private Map<String, String> skippedReasons(IndexSummary summary) {
    return summary.skipped().stream()
        .collect(Collectors.toMap(s -> s.file().getFileName().toString(), SkippedFile::reason));
  }

  @Test
  void aFileOverTheLimitIsSkippedWithoutBeingRead() throws IOException {
    Path huge = docs().resolve("huge.txt");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(200L << 20); // 200 MB, sparse: the check must not read it
    }
    Files.writeString(docs().resolve("good.txt"), "Notes\nKestrels hover.");
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10), () -> index.addAll(docs(), IndexingListener.NONE));
      assertTrue(
          skippedReasons(summary).get("huge.txt").startsWith("file too large (209715200 bytes"));
      assertEquals(1, summary.added());
    }
  }

  @Test
  void aFiftyMegabyteSingleLineIsIndexedInBoundedTime() throws IOException {
    StringBuilder line = new StringBuilder(50 << 20);
    while (line.length() < (50 << 20)) {
      line.append("word").append(line.length() % 9973).append(' ');
    }
    Files.writeString(
        docs().resolve("one-line.txt"), "Title\n" + line + "needle", StandardCharsets.UTF_8);
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary =
          assertTimeoutPreemptively(BOUND, () -> index.addAll(docs(), IndexingListener.NONE));
      index.commit();
      assertEquals(1, summary.added());
      SearchHit hit = assertTimeoutPreemptively(BOUND, () -> index.search("needle").hits().get(0));
      assertFalse(hit.passages().isEmpty(), "a huge section still shows a passage");
    }
  }

  @Test
  void aHundredThousandHeadingsMakeAHundredThousandSections() throws IOException {
    StringBuilder markdown = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      markdown.append("## Heading ").append(i).append("\n\nText ").append(i).append(".\n\n");
    }
    Files.writeString(docs().resolve("many.md"), markdown);
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary =
          assertTimeoutPreemptively(BOUND, () -> index.addAll(docs(), IndexingListener.NONE));
      index.commit();
      assertEquals(100_000, summary.sections());
      assertEquals("Heading 99999", index.search("\"Heading 99999\"").hits().get(0).heading());
    }
  }

  @Test
  void utf16WithAByteOrderMarkIsRead() throws IOException {
    byte[] text = "\uFEFFNotes\nKestrels hover over fields.".getBytes(StandardCharsets.UTF_16LE);
    Files.write(docs().resolve("utf16.txt"), text);
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(docs(), IndexingListener.NONE);
      index.commit();
      assertEquals(1, summary.added(), summary.toString());
      assertEquals("Notes", index.search("kestrels").hits().get(0).title());
    }
  }

  @Test
  void aBrokenSymlinkIsSkippedAndTheRestIndexed() throws IOException {
    Files.createSymbolicLink(docs().resolve("gone.txt"), folder.resolve("missing-target.txt"));
    Files.writeString(docs().resolve("good.txt"), "Notes\nKestrels hover.");
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(docs(), IndexingListener.NONE);
      assertEquals(1, summary.added());
      assertEquals("broken symbolic link", skippedReasons(summary).get("gone.txt"));
    }
  }

  @Test
  void markupInTextIsEscapedInHtmlPassages() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(
          Document.builder("x")
              .section(
                  "Payload",
                  "The <script>alert(\"owl\")</script> tag & \"quotes\" ' and &amp; entities about owls.")
              .build());
      index.commit();
      for (Passage passage : index.search("owl alert script").hits().get(0).passages()) {
        String html = Passages.toHtml(passage);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.replace("<mark>", "").replace("</mark>", "").contains("<"), html);
        assertFalse(html.contains("\""), "no attribute-breaking quote: " + html);
        assertTrue(html.contains("&lt;") && html.contains("&amp;amp;"), html);
      }
    }
  }
}
