package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.internal.index.CommitData;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches under load while one thread writes, and indexes this library cannot read. */
class ConcurrencyAndCompatibilityTest {
  private static final int BATCH = 10;

  @TempDir Path folder;

  @Tag("slow") // load test; runs in verify
  @Test
  void searchersUnderLoadSeeWholeCommitsWhenOnlyCommitsRefresh() throws Exception {
    // an interval longer than the test: only commits make changes visible
    try (SectionIndex index =
        EmbeddedIndex.builder()
            .folder(folder.resolve("index"))
            .refreshInterval(java.time.Duration.ofDays(1))
            .build()) {
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong searches = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        Future<?> writer =
            pool.submit(
                () -> {
                  try {
                    for (int i = 0; i < 300; i++) {
                      index.add(
                          Document.builder("n" + i).section("S", "plovers nest " + i).build());
                      if ((i + 1) % BATCH == 0) {
                        index.commit();
                      }
                    }
                  } finally {
                    writing.set(false);
                  }
                });
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
          readers.add(
              pool.submit(
                  () -> {
                    long last = 0;
                    while (writing.get()) {
                      long total = index.search("plovers").totalHits();
                      assertEquals(0, total % BATCH, "a search saw part of a commit: " + total);
                      assertTrue(total >= last, "a search went back in time");
                      last = total;
                      searches.incrementAndGet();
                    }
                    return null;
                  }));
        }
        writer.get(120, TimeUnit.SECONDS);
        for (Future<?> reader : readers) {
          reader.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(300, index.search("plovers").totalHits());
      assertTrue(searches.get() > 0);
    }
  }

  @Tag("slow") // load test; runs in verify
  @Test
  void aReplacedDocumentIsNeverSeenHalfOldHalfNew() throws Exception {
    try (SectionIndex index = SectionIndex.open(folder.resolve("index"))) {
      index.add(version("alpha"));
      index.commit();
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?> writer =
            pool.submit(
                () -> {
                  try {
                    for (int i = 0; i < 100; i++) {
                      index.add(version(i % 2 == 0 ? "beta" : "alpha"));
                      index.commit();
                    }
                  } finally {
                    writing.set(false);
                  }
                });
        Future<?> reader =
            pool.submit(
                () -> {
                  while (writing.get()) {
                    SearchResults results =
                        index.search(SearchRequest.of("marker").withLimit(10).withMaxPassages(0));
                    assertEquals(3, results.totalHits(), "all three sections, never more or fewer");
                    long alphas =
                        results.hits().stream()
                            .filter(h -> h.heading().startsWith("alpha"))
                            .count();
                    assertTrue(alphas == 0 || alphas == 3, "mixed versions: " + headings(results));
                  }
                  return null;
                });
        writer.get(120, TimeUnit.SECONDS);
        reader.get(120, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static Document version(String name) {
    return Document.builder("doc")
        .section(name + " one", "marker text one")
        .section(name + " two", "marker text two")
        .section(name + " three", "marker text three")
        .build();
  }

  private static List<String> headings(SearchResults results) {
    return results.hits().stream().map(SearchHit::heading).toList();
  }

  @Test
  void anIndexOfAnotherSchemaVersionIsRefusedClearly() throws IOException {
    Path path = folder.resolve("old");
    writeForeignIndex(path, Map.of(CommitData.VERSION_KEY, "0"));
    SectionSearchException e =
        assertThrows(SectionSearchException.class, () -> SectionIndex.open(path));
    assertTrue(e.getMessage().contains("schema version 0"), e.getMessage());
    assertTrue(e.getMessage().contains("re-create"), e.getMessage());
  }

  @Test
  void aLuceneIndexOfAnotherProgramIsRefusedClearly() throws IOException {
    Path path = folder.resolve("foreign");
    writeForeignIndex(path, Map.of());
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () -> EmbeddedIndex.builder().folder(path).readOnly().build());
    assertTrue(e.getMessage().contains("not written by this library"), e.getMessage());
  }

  @Test
  void aFolderOfOtherFilesIsNotAnIndex() throws IOException {
    Path path = folder.resolve("junk");
    java.nio.file.Files.createDirectories(path);
    java.nio.file.Files.writeString(path.resolve("segments_1"), "not a segments file");
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () -> EmbeddedIndex.builder().folder(path).readOnly().build());
    assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
  }

  private static void writeForeignIndex(Path path, Map<String, String> userData)
      throws IOException {
    try (FSDirectory directory = FSDirectory.open(path);
        IndexWriter writer =
            new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
      writer.addDocument(new org.apache.lucene.document.Document());
      writer.setLiveCommitData(userData.entrySet());
      writer.commit();
    }
  }
}
