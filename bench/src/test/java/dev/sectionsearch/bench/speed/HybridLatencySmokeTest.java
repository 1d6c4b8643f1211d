package dev.sectionsearch.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hybrid latency command end to end on a tiny generated corpus: both indexes are written (one
 * with vectors), every kind of search is timed and finds hits, and {@code --reuse} times the
 * searches again without indexing.
 */
@Tag("slow") // two indexing JVMs and the model; runs in verify
class HybridLatencySmokeTest {
  @TempDir Path folder;

  @Test
  void indexesWithAndWithoutVectorsAndTimesEveryKindOfSearch() throws Exception {
    Path corpus = SpeedComparisonSmokeTest.writeCorpus(folder.resolve("corpus"), 8);
    Path out = folder.resolve("out");
    String[] args = {
      "--corpus",
      corpus.toString(),
      "--fetch-script",
      folder.resolve("none.sh").toString(),
      "--out",
      out.toString(),
      "--queries",
      "10",
      "--warm-up-seconds",
      "0",
      "--threads",
      "2",
      "--heap",
      "256m"
    };
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    HybridLatency.Report report =
        HybridLatency.run(
            HybridLatency.Options.parse(args),
            new PrintStream(console, true, StandardCharsets.UTF_8));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertEquals(24, report.sections(), printed);
    assertNotNull(report.withVectors(), printed);
    assertEquals(24, report.withVectors().sections());
    assertEquals(24, report.withoutVectors().sections());
    // 384 floats a section and the graph: the index with vectors is the larger
    assertTrue(
        report.indexBytesWithVectors() > report.indexBytesWithoutVectors() + 24 * 384, printed);
    assertEquals(5, report.timings().size(), printed);
    for (HybridLatency.Timing timing : report.timings()) {
      assertEquals(10, timing.measures().queries(), timing.search());
      assertTrue(timing.hits() >= 10, timing + "\n" + printed);
      assertTrue(timing.measures().p50Millis() > 0, timing.toString());
      assertTrue(timing.measures().p99Millis() >= timing.measures().p50Millis());
      assertTrue(timing.semanticHits() <= timing.hits());
      boolean passages = !timing.search().contains("no passages");
      assertEquals(passages, timing.measures().meanPassageChars() > 0, timing.toString());
    }
    assertTrue(printed.contains("index with vectors (MiniLM), 2 thread(s): 24 sections"), printed);
    assertTrue(printed.contains("search hybrid, 2 passages:"), printed);
    assertTrue(printed.contains("index on disk"), printed);

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    String[] reuse = new String[args.length + 1];
    System.arraycopy(args, 0, reuse, 0, args.length);
    reuse[args.length] = "--reuse";
    HybridLatency.Report reused =
        HybridLatency.run(
            HybridLatency.Options.parse(reuse),
            new PrintStream(again, true, StandardCharsets.UTF_8));
    assertNull(reused.withVectors(), "--reuse indexed again");
    assertEquals(24, reused.sections());
    assertEquals(report.indexBytesWithVectors(), reused.indexBytesWithVectors());
    assertTrue(again.toString(StandardCharsets.UTF_8).contains("reusing"));
  }

  @Test
  void parsesTheDefaults() {
    HybridLatency.Options options = HybridLatency.Options.parse();
    assertEquals(500, options.queries());
    assertEquals(QuerySample.DEFAULT_SEED, options.seed());
    assertEquals(5, options.warmUpSeconds());
    assertEquals(Corpus.defaultFolder(), options.corpus());
    assertTrue(!options.reuse());
    assertTrue(HybridLatency.Options.parse("--reuse", "--queries", "20").reuse());
    assertEquals(20, HybridLatency.Options.parse("--reuse", "--queries", "20").queries());
  }
}
