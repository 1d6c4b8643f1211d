package dev.sectionsearch.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.bench.speed.FileIndexing.Report;
import dev.sectionsearch.bench.speed.FileIndexing.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-indexing comparison on a tiny generated Markdown corpus, so the benchmark cannot rot:
 * every system, each in its own JVM (the CLI from its classes), indexes every section and the
 * figures reach the CSV file and the table. Six JVM starts: tagged slow.
 */
@Tag("slow")
class FileIndexingSmokeTest {
  private static final String[] WORDS = {
    "kernel", "memory", "scheduler", "driver", "socket", "buffer", "thread", "module", "device",
    "interrupt", "timer", "process", "signal", "cache", "page", "filesystem", "network", "queue"
  };

  @TempDir Path folder;

  @Test
  void everySystemIndexesEverySectionOfTheMarkdownCorpus() throws Exception {
    Path corpus = writeCorpus(folder.resolve("corpus"), 6, 3);
    Path out = folder.resolve("out");
    FileIndexing.Options options =
        FileIndexing.Options.parse(
            "--corpus",
            corpus.toString(),
            "--make-script",
            folder.resolve("none.sh").toString(),
            "--cli-classpath",
            System.getProperty("java.class.path"),
            "--out",
            out.toString(),
            "--runs",
            "1");
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    Report report =
        FileIndexing.run(options, new PrintStream(console, true, StandardCharsets.UTF_8));

    assertEquals(18, report.sections());
    assertEquals(FileIndexing.SYSTEMS.size(), report.rows().size());
    for (Row row : report.rows()) {
      String system = row.system().name();
      assertEquals(18, row.median().sections(), system + " indexed every section");
      assertTrue(row.median().indexBytes() > 0, system + " wrote an index");
      assertTrue(row.megabytesPerSecond() > 0, system + " has a rate");
    }
    assertEquals(
        1 + FileIndexing.SYSTEMS.size(),
        Files.readAllLines(out.resolve("file-indexing.csv")).size());
    String table = FileIndexing.render(report);
    assertTrue(table.contains("| cli-1t       | md files |       1 |"), table);
    assertTrue(table.contains("| CLI 1 thread / plain Lucene 1 thread "), table);
    assertTrue(table.contains("| CLI all cores / FTS5"), table);
  }

  /**
   * The shape {@code make-markdown-corpus.sh} writes: {@code sections.tsv} (id, title, heading,
   * date, body with newlines escaped) and the same sections as {@code md/pageNNNNN.md}, front
   * matter and one {@code ## heading} per section.
   */
  static Path writeCorpus(Path corpus, int pages, int sectionsPerPage) throws IOException {
    Files.createDirectories(corpus.resolve("md"));
    Random random = new Random(11);
    List<String> rows = new ArrayList<>();
    for (int page = 0; page < pages; page++) {
      String title = "Page " + page + " " + words(random, 2);
      String date = String.format(Locale.ROOT, "2024-03-%02d", page + 1);
      StringBuilder markdown =
          new StringBuilder("---\ntitle: \"" + title + "\"\ndate: " + date + "\n---\n\n");
      for (int section = 0; section < sectionsPerPage; section++) {
        String heading = words(random, 2);
        String body = words(random, 30) + ".\n\n" + words(random, 20) + ".";
        rows.add(
            String.join(
                "\t",
                "src/page" + page + ".rst.txt#" + section,
                title,
                heading,
                date,
                body.replace("\n", "\\n")));
        markdown.append("## ").append(heading).append("\n\n").append(body).append("\n\n");
      }
      Files.writeString(
          corpus.resolve("md").resolve(String.format(Locale.ROOT, "page%05d.md", page)), markdown);
    }
    Files.write(corpus.resolve("sections.tsv"), rows, StandardCharsets.UTF_8);
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
