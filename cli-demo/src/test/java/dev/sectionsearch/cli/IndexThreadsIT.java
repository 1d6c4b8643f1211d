package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index --threads N}: how many files the real CLI jar indexes at once. */
class IndexThreadsIT {
  @TempDir Path work;

  @Test
  void oneThreadIndexesEveryFileOfAFolder() throws Exception {
    Path folder = Files.createDirectories(work.resolve("notes"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(
          folder.resolve("note-" + i + ".md"),
          "# Note " + i + "\n\n## Herons\n\nHerons wade.\n\n## Egrets\n\nEgrets fish.\n");
    }
    String index = work.resolve("index").toString();

    Result result = CliProcess.run("index", "--index", index, "--threads", "1", folder.toString());

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("Indexed 5 documents (5 added"), result.out());
  }

  @Test
  void zeroThreadsIsAUsageErrorNamingTheOption() throws Exception {
    Path file = Files.writeString(work.resolve("heron.md"), "# Herons\n\nHerons wade.\n");

    Result result =
        CliProcess.run(
            "index",
            "--index",
            work.resolve("index").toString(),
            "--threads",
            "0",
            file.toString());

    assertEquals(2, result.exitCode(), result.err());
    assertTrue(
        result.err().startsWith("sectionsearch: --threads must be at least 1"), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
  }
}
