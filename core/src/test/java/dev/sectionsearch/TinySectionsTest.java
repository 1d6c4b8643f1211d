package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.sectioning.Sectioning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of many tiny sections (issue 24: a million in 20 MB ended the run with an
 * OutOfMemoryError) is skipped with the reason, and the rest of its folder is indexed.
 */
class TinySectionsTest {
  @TempDir Path folder;

  @Test
  void aFileOfManyTinySectionsIsSkippedAndTheOthersAreIndexed() throws IOException {
    for (int i = 0; i < 20; i++) {
      Files.writeString(folder.resolve("good" + i + ".md"), "# Good " + i + "\n\nPlovers run.\n");
    }
    Files.writeString(folder.resolve("tiny.md"), "# h\nx\n".repeat(1_000_000));
    Files.writeString(
        folder.resolve("tiny.txt"), "Title\n" + "Heading\nSome text.\n\n".repeat(120_000));
    Files.writeString(folder.resolve("tiny.rst"), "Part\n====\n\nx\n\n".repeat(120_000));
    try (SectionIndex index = SectionIndex.inMemory()) {
      IndexSummary summary = index.addAll(folder, IndexingListener.NONE);
      index.commit();
      assertEquals(20, summary.documents(), summary.skipped().toString());
      List<String> reasons = summary.skipped().stream().map(SkippedFile::reason).toList();
      assertEquals(3, reasons.size(), reasons.toString());
      for (String reason : reasons) {
        assertTrue(
            reason.startsWith("too many sections (more than " + Sectioning.MAX_SECTIONS + ")"),
            reason);
      }
      assertEquals(20, index.search("plovers").totalHits());
    }
  }
}
