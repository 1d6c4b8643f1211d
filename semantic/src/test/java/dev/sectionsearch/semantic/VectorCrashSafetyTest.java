package dev.sectionsearch.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process indexing with vectors (SIGKILL, between its commits) and checks that every
 * section that survived has its chunk vectors and no chunk vector survived without its section: a
 * document's sections and their chunks are one block, added in one update, so no commit can hold
 * one without the other. Seeded; {@code -Dcrash.seed=N} reproduces a run.
 */
@Tag("slow") // starts and kills JVMs that load the model; runs in verify
class VectorCrashSafetyTest {
  private static final int DOCUMENTS = 40;

  @TempDir Path work;

  @Test
  void killedIndexingNeverLeavesASectionWithoutItsVector() throws Exception {
    long seed = Long.getLong("crash.seed", new Random().nextLong());
    Random random = new Random(seed);
    Path index = work.resolve("index");
    try {
      for (int round = 0; round < 2; round++) {
        int afterCommits = 1 + random.nextInt(3);
        int delay = random.nextInt(400);
        int committed = runAndKill(index, afterCommits, delay);
        System.out.printf(
            "vector crash round %d: killed %d ms after commit %d, %d documents committed%n",
            round, delay, afterCommits, committed);
        assertEveryLiveSectionHasAVector(index, committed);
      }
    } catch (AssertionError e) {
      throw new AssertionError("reproduce with -Dcrash.seed=" + seed + ": " + e.getMessage(), e);
    }
  }

  private static void assertEveryLiveSectionHasAVector(Path folder, int committed)
      throws IOException {
    try (FSDirectory directory = FSDirectory.open(folder)) {
      try (CheckIndex check = new CheckIndex(directory)) {
        assertTrue(check.checkIndex().clean, "the index is clean");
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        int sections = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
          FloatVectorValues vectors = leaf.reader().getFloatVectorValues("vector");
          NumericDocValues sectionKeys = leaf.reader().getNumericDocValues("section_key");
          Bits live = leaf.reader().getLiveDocs();
          int chunks = 0;
          for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
            boolean section = sectionKeys != null && sectionKeys.advanceExact(doc);
            boolean chunk =
                vectors != null
                    && (vectors.docID() == doc
                        || (vectors.docID() < doc && vectors.advance(doc) == doc));
            assertTrue(section != chunk, "a document is a section or a chunk vector: " + doc);
            if (chunk) {
              chunks++;
              continue;
            }
            if (live == null || live.get(doc)) {
              assertTrue(chunks > 0, "section has its chunk vectors before it: " + doc);
              sections++;
            }
            chunks = 0;
          }
          assertEquals(0, chunks, "no chunk vector after the last section");
        }
        assertTrue(sections >= committed * VectorCrashDriver.SECTIONS, "every committed section");
      }
    }
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).embedder(MiniLmEmbedder.create()).build()) {
      assertEquals(
          10,
          index
              .search(
                  SearchRequest.of("the first part of a document").withMode(SearchMode.SEMANTIC))
              .hits()
              .size(),
          "reopened with the model, the index searches by meaning");
    }
  }

  private static int runAndKill(Path index, int afterCommits, int delayMillis) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                VectorCrashDriver.class.getName(),
                index.toString(),
                String.valueOf(DOCUMENTS))
            .redirectErrorStream(true)
            .start();
    AtomicInteger committed = new AtomicInteger();
    CountDownLatch commits = new CountDownLatch(afterCommits);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("committed ")) {
                    committed.set(Integer.parseInt(line.substring("committed ".length())));
                    commits.countDown();
                  }
                }
              } catch (IOException e) {
                // killed mid-line: what was read counts
              }
            });
    reader.start();
    assertTrue(commits.await(120, TimeUnit.SECONDS), "the driver commits");
    if (!process.waitFor(delayMillis, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
    }
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the driver ends");
    reader.join(10_000);
    return committed.get();
  }
}
