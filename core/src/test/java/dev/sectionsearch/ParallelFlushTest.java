package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder added on several threads is written to disk on those threads before the commit, which
 * otherwise wrote every thread's buffer on its own thread, one after the other; and it indexes
 * exactly what one thread indexes.
 */
class ParallelFlushTest {
  @TempDir Path work;

  private Path folder() throws IOException {
    Path docs = work.resolve("docs");
    Files.createDirectories(docs);
    for (int i = 0; i < 40; i++) {
      StringBuilder text = new StringBuilder("---\ntitle: Page " + i + "\n---\n\n");
      for (int s = 0; s < 5; s++) {
        text.append("## Kestrel note ").append(i).append('.').append(s).append("\n\n");
        text.append("Kestrels hover over field ").append(i * 7 + s);
        text.append(" and *dive* on [voles](https://example.org/").append(s).append(").\n\n");
      }
      Files.writeString(docs.resolve(String.format(java.util.Locale.ROOT, "p%02d.md", i)), text);
    }
    return docs;
  }

  private static List<Path> segmentInfos(Path index) throws IOException {
    try (Stream<Path> files = Files.list(index)) {
      return files.filter(file -> file.toString().endsWith(".si")).toList();
    }
  }

  private static List<String> everyHit(SectionIndex index) {
    List<String> hits = new ArrayList<>();
    for (String query : List.of("kestrels", "voles dive", "\"field 71\"", "note")) {
      for (SearchHit hit :
          index.search(SearchRequest.of(query).withLimit(300).withCollapse(false)).hits()) {
        hits.add(
            hit.docId()
                + " "
                + hit.headingPath()
                + " "
                + hit.start()
                + "-"
                + hit.end()
                + " "
                + hit.citations()
                + " "
                + hit.passages());
      }
    }
    hits.sort(null);
    return hits;
  }

  @Test
  void theThreadsThatAddAFolderWriteItsSegmentsBeforeTheCommit() throws IOException {
    Path docs = folder();
    Path index = work.resolve("index");
    try (SectionIndex sections = EmbeddedIndex.builder().folder(index).indexingThreads(2).build()) {
      IndexSummary summary = sections.addAll(docs, IndexingListener.NONE);
      assertEquals(40, summary.added());
      assertTrue(
          !segmentInfos(index).isEmpty(), "nothing written before the commit: " + index.toFile());
    }
  }

  @Test
  void twoThreadsIndexWhatOneThreadIndexes() throws IOException {
    Path docs = folder();
    List<List<String>> results = new ArrayList<>();
    for (int threads : new int[] {1, 2}) {
      try (SectionIndex sections =
          EmbeddedIndex.builder()
              .folder(work.resolve("index" + threads))
              .indexingThreads(threads)
              .build()) {
        assertEquals(200, sections.addAll(docs, IndexingListener.NONE).sections());
        sections.commit();
        results.add(everyHit(sections));
      }
    }
    assertTrue(results.get(0).size() > 200, results.get(0).size() + " hits");
    assertEquals(results.get(0), results.get(1));
  }
}
