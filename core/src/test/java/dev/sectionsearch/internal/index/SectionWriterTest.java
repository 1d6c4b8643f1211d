package dev.sectionsearch.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the writer remembers of documents written since the last commit. */
class SectionWriterTest {
  private static final int MAX_PENDING = 3;

  private ByteBuffersDirectory directory;
  private IndexWriter writer;
  private SearcherManager searchers;
  private SectionWriter sections;

  /** The source map of the one section of each test document. */
  private static final List<BytesRef> MAPS = List.of(SourceMap.exact(0, 10));

  @BeforeEach
  void open() throws IOException {
    directory = new ByteBuffersDirectory();
    writer = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalyzer()));
    searchers = new SearcherManager(writer, null);
    sections = new SectionWriter(writer, searchers, "test-analyzer", MAX_PENDING);
  }

  @AfterEach
  void close() throws IOException {
    org.apache.lucene.util.IOUtils.close(writer, sections, searchers, directory);
  }

  private static SectionedDocument document(String id) {
    Section section = new Section("Heading", List.of("Heading"), 0, "text of " + id, 0, 10);
    return new SectionedDocument(
        id, "Title", Optional.empty(), id, List.of(section), 0, List.of(), Map.of());
  }

  private void putMany(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      sections.put(document("d" + i), "hash" + i, MAPS);
    }
  }

  @Test
  void uncommittedDocumentsAreHandedOverOnceTooManyAreRemembered() throws IOException {
    putMany(10);
    assertTrue(sections.pendingCount() < MAX_PENDING, "" + sections.pendingCount());
  }

  @Test
  void aHandedOverDocumentIsStillKnownWithItsHash() throws IOException {
    putMany(10);
    assertTrue(sections.isIndexed("d0", "hash0"));
    assertFalse(sections.isIndexed("d0", "other"));
    assertTrue(sections.put(document("d0"), "changed", MAPS), "d0 was there to replace");
    assertTrue(sections.isIndexed("d0", "changed"));
  }

  @Test
  void aHandedOverDeletionIsStillKnown() throws IOException {
    putMany(2);
    assertTrue(sections.delete("d0"));
    for (int i = 10; i < 20; i++) {
      sections.put(document("d" + i), "hash" + i, MAPS);
    }
    assertFalse(sections.isIndexed("d0", "hash0"));
    assertFalse(sections.delete("d0"), "d0 was deleted already");
  }

  @Test
  void concurrentWritesOfOneNewIdLeaveOneCopy() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        String id = "same" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> writes = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String hash = "hash" + t;
          writes.add(
              pool.submit(
                  () -> {
                    start.await();
                    return sections.put(document(id), hash, MAPS);
                  }));
        }
        start.countDown();
        int replaced = 0;
        for (Future<Boolean> write : writes) {
          replaced += write.get() ? 1 : 0;
        }
        assertEquals(threads - 1, replaced, "every write but the first replaced one");
      }
      sections.commit();
      IndexSearcher searcher = searchers.acquire();
      try {
        for (int round = 0; round < 20; round++) {
          assertEquals(
              1, searcher.count(new TermQuery(new Term(IndexSchema.DOC_ID, "same" + round))));
        }
      } finally {
        searchers.release(searcher);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
