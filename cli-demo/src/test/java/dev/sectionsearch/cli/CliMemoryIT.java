package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.cli.CliProcess.Result;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is bounded by the limits the library sets: large files that each fit the heap alone are
 * indexed together on two threads without running out of it. The files are a quarter of the issue's
 * (4 files of 58-63 MB at -Xmx512m) with a heap a little smaller than a quarter: with the writer's
 * buffer at a fixed 64 MB these files needed about 116 MB of heap, with it at a quarter of the heap
 * about 102 MB.
 */
class CliMemoryIT {
  /** Heap of the forked CLI, and the size of each file in MB. */
  private static final int HEAP_MB = 112;

  private static final int FILE_MB = 15;

  @TempDir Path work;

  @Test
  void fourLargeFilesIndexOnTwoThreadsInASmallHeap() throws Exception {
    Path docs = Files.createDirectories(work.resolve("docs"));
    Random random = new Random(42);
    String[] vocabulary = new String[20_000];
    for (int i = 0; i < vocabulary.length; i++) {
      StringBuilder word = new StringBuilder();
      for (int j = 0, n = 3 + random.nextInt(8); j < n; j++) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      vocabulary[i] = word.toString();
    }
    for (int file = 0; file < 4; file++) {
      long target = (FILE_MB << 20) - ((long) file << 18);
      try (BufferedWriter out =
          Files.newBufferedWriter(docs.resolve("big" + file + ".md"), StandardCharsets.UTF_8)) {
        long written = 0;
        for (int section = 0; written < target; section++) {
          String heading = "## Part " + section + "\n\n";
          out.write(heading);
          written += heading.length();
          for (int word = 0; word < 2_000; word++) {
            String text =
                vocabulary[random.nextInt(vocabulary.length)] + (word % 80 == 79 ? "\n" : " ");
            out.write(text);
            written += text.length();
          }
          out.write("\n\n");
          written += 2;
        }
      }
    }
    Result result =
        CliProcess.run(
            List.of(),
            List.of("-Xmx" + HEAP_MB + "m", "-XX:ActiveProcessorCount=2"),
            Map.of(),
            "index",
            "--index",
            work.resolve("index").toString(),
            docs.toString());
    assertFalse(result.err().contains("OutOfMemoryError"), result.err());
    assertEquals(0, result.exitCode(), result.out() + result.err());
    assertTrue(result.out().startsWith("Indexed 4 documents"), result.out());
  }
}
