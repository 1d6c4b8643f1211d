package dev.sectionsearch.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.IndexSummary;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SkippedFile;
import dev.sectionsearch.search.SearchHit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of PDFs, good and bad, indexed through the core's folder indexing. */
class PdfFolderTest {
  @TempDir Path work;

  @Test
  void goodPdfsAreIndexedAndBadOnesSkippedWithTheirReason() throws IOException {
    Path docs = Files.createDirectories(work.resolve("docs"));
    PdfReaderTest.manual().write(docs.resolve("manual.pdf"));
    PdfReaderTest.manual().encrypt("owner", "secret").write(docs.resolve("locked.pdf"));
    Files.write(docs.resolve("broken.pdf"), "%PDF-1.4\ngarbage".getBytes(StandardCharsets.UTF_8));
    Files.writeString(docs.resolve("notes.md"), "# Notes\n\nKestrels nest in old buildings.");
    try (SectionIndex index = EmbeddedIndex.builder().folder(work.resolve("index")).build()) {
      IndexSummary summary = index.addAll(docs, IndexingListener.NONE);
      assertEquals(2, summary.added(), summary.toString());
      List<String> skipped =
          summary.skipped().stream().map(s -> s.file().getFileName() + ": " + s.reason()).toList();
      assertEquals(2, skipped.size(), skipped.toString());
      assertTrue(skipped.get(0).startsWith("broken.pdf: not a readable PDF"), skipped.toString());
      assertTrue(skipped.get(1).startsWith("locked.pdf: encrypted PDF"), skipped.toString());
      index.refresh();
      SearchHit hit = index.search("perch grass").hits().get(0);
      assertEquals("Requirements", hit.heading());
      assertEquals(2, hit.page().orElseThrow(), "the page the section starts on");
      assertEquals(2, index.section(hit.docId(), hit.ordinal()).orElseThrow().page());
      assertTrue(index.search("nest buildings").hits().get(0).page().isEmpty());
      assertTrue(hit.source().endsWith("manual.pdf"), hit.source());
      assertEquals(1, index.search("nest buildings").totalHits());
      // indexing the unchanged folder again changes nothing
      IndexSummary again = index.addAll(docs, IndexingListener.NONE);
      assertEquals(2, again.unchanged(), again.toString());
      assertEquals(
          List.of(),
          again.skipped().stream()
              .map(SkippedFile::file)
              .filter(f -> f.toString().endsWith("manual.pdf"))
              .toList());
    }
  }
}
