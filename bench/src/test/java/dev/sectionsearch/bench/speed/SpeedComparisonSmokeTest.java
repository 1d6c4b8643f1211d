package dev.sectionsearch.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.bench.speed.SpeedComparison.IndexingRow;
import dev.sectionsearch.bench.speed.SpeedComparison.Report;
import dev.sectionsearch.bench.speed.SpeedComparison.SearchRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole speed comparison on a tiny generated corpus, so the benchmark code cannot rot: every
 * system indexes every section at each scale, answers the queries with passages, and the figures
 * reach the CSV files and the table.
 */
@Tag("slow") // indexes and searches with three systems; runs in verify
class SpeedComparisonSmokeTest {
  private static final String[] WORDS = {
    "kernel", "memory", "scheduler", "driver", "socket", "buffer", "thread", "module", "device",
    "interrupt", "timer", "process", "signal", "cache", "page", "filesystem", "network", "queue"
  };

  @TempDir Path folder;

  @Test
  void comparesAllThreeSystemsAndWritesTheFigures() throws Exception {
    Path corpus = writeCorpus(folder.resolve("corpus"), 12);
    Path out = folder.resolve("out");
    SpeedComparison.Options options =
        SpeedComparison.Options.parse(
            "--corpus",
            corpus.toString(),
            "--fetch-script",
            folder.resolve("none.sh").toString(),
            "--out",
            out.toString(),
            "--scales",
            "1,2",
            "--queries",
            "15",
            "--threads",
            "2",
            "--memory-gb",
            "0.0001",
            "--warm-up-seconds",
            "0",
            "--runs",
            "1");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Report report =
        SpeedComparison.run(options, new PrintStream(console, true, StandardCharsets.UTF_8));

    assertEquals(12, report.extraction().pages());
    assertEquals(36, report.extraction().sections());
    for (String system : List.of("sectionsearch", "lucene", "sqlite-fts5")) {
      for (int scale : List.of(1, 2)) {
        List<IndexingRow> indexed =
            report.indexing().stream()
                .filter(row -> row.system().equals(system) && row.scale() == scale)
                .filter(row -> row.run().equals("index"))
                .toList();
        assertTrue(!indexed.isEmpty(), system + " indexed at " + scale + "x");
        for (IndexingRow row : indexed) {
          assertEquals(36L * scale, row.measures().sections(), system + " sections");
          assertTrue(row.measures().indexBytes() > 0, system + " wrote an index");
        }
        List<SearchRow> searched =
            report.searching().stream()
                .filter(row -> row.system().equals(system) && row.scale() == scale)
                .toList();
        assertEquals(2, searched.size(), system + " searched with 1 and 2 threads");
        for (SearchRow row : searched) {
          assertEquals(15, row.measures().queries());
          assertTrue(row.measures().meanHits() >= 1, system + " found hits: " + row);
          assertTrue(row.measures().meanPassageChars() > 0, system + " gave passages: " + row);
        }
      }
    }
    assertTrue(
        report.indexing().stream().anyMatch(row -> row.run().equals("memory")),
        "the capped-heap run happened");
    assertEquals(
        1 + report.indexing().size(), Files.readAllLines(out.resolve("indexing.csv")).size());
    assertEquals(
        1 + report.searching().size(), Files.readAllLines(out.resolve("search.csv")).size());
    IndexingFloor.Floor floor = IndexingFloor.measure(out.resolve("sections.bin"), 1);
    assertTrue(floor.analysisMegabytesPerSecond() > 0, "" + floor);
    assertTrue(floor.indexingMegabytesPerSecond() > 0, "" + floor);
    String table = SpeedTables.render(report, options);
    assertTrue(table.contains("| sqlite-fts5   | 2x     |"), table);
    assertTrue(table.contains("search p50 vs raw Lucene"), table);
  }

  /** Pages of three sections each, headed and filled with words from a small vocabulary. */
  static Path writeCorpus(Path corpus, int pages) throws IOException {
    Files.createDirectories(corpus);
    Random random = new Random(7);
    for (int page = 0; page < pages; page++) {
      StringBuilder html = new StringBuilder("<html><head><title>Page " + page + "</title></head>");
      html.append("<body><main>");
      for (int section = 0; section < 3; section++) {
        html.append("<h2>").append(words(random, 2)).append("</h2><p>");
        html.append(words(random, 40)).append(".</p>");
      }
      html.append("</main></body></html>");
      Files.writeString(corpus.resolve("page-" + page + ".html"), html);
    }
    return corpus;
  }

  private static String words(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }
}
