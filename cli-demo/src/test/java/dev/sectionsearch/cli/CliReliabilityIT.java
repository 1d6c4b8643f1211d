package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI jar where a command could lose data or leave a user guessing: run files that would
 * overwrite their input or the index, ids Lucene cannot hold, missing paths, damaged index files
 * and leftovers of killed runs.
 */
class CliReliabilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private Path index;
  private Path docs;

  @BeforeEach
  void indexTwoDocuments() throws Exception {
    index = work.resolve("index");
    docs = Files.createDirectories(work.resolve("docs"));
    Files.writeString(docs.resolve("owls.md"), "# Owls\n\nOwls hunt at night.\n");
    Files.writeString(docs.resolve("wrens.md"), "# Wrens\n\nWrens sing at dawn.\n");
    Result result = CliProcess.run("index", "--index", index.toString(), docs.toString());
    assertEquals(0, result.exitCode(), result.err());
  }

  private static void assertOneLineError(Result result, int exitCode) {
    assertEquals(exitCode, result.exitCode(), result.out() + result.err());
    assertTrue(result.err().startsWith("sectionsearch: "), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
  }

  private long documents() throws Exception {
    Result stats = CliProcess.run("stats", "--index", index.toString(), "--json");
    assertEquals(0, stats.exitCode(), stats.err());
    return JSON.readTree(stats.out()).get("documents").asLong();
  }

  private Result search(String... words) throws Exception {
    return CliProcess.run(
        Stream.concat(Stream.of("search", "--index", index.toString()), Stream.of(words))
            .toArray(String[]::new));
  }

  @Test
  void aRunFileThatIsTheQueryFileIsRefusedAndTheQueriesKept() throws Exception {
    Path queries = Files.writeString(work.resolve("q.tsv"), "q1\towls\n");
    Result result = search("--queries", queries.toString(), "--run", queries.toString());
    assertOneLineError(result, 2);
    assertTrue(result.err().contains("query file"), result.err());
    assertEquals("q1\towls\n", Files.readString(queries));
  }

  @Test
  void aRunFileInsideTheIndexFolderIsRefusedAndTheIndexKept() throws Exception {
    Path queries = Files.writeString(work.resolve("q.tsv"), "q1\towls\n");
    String segments;
    try (Stream<Path> files = Files.list(index)) {
      segments =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.startsWith("segments_"))
              .findFirst()
              .orElseThrow();
    }
    Result result =
        search("--queries", queries.toString(), "--run", index.resolve(segments).toString());
    assertOneLineError(result, 2);
    assertTrue(result.err().contains("inside the index folder"), result.err());
    assertEquals(2, documents());
  }

  @Test
  void aRunFileIsReplacedWholeOnlyWhenTheRunSucceeds() throws Exception {
    Path queries = Files.writeString(work.resolve("q.tsv"), "q1\towls\nbroken line\n");
    Path run = Files.writeString(work.resolve("old.run"), "old run\n");
    assertOneLineError(search("--queries", queries.toString(), "--run", run.toString()), 1);
    assertEquals("old run\n", Files.readString(run));
    try (Stream<Path> files = Files.list(work)) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")), "no partial file left");
    }
  }

  @Test
  void deletingAnIdOverLucenesLimitIsAUsageErrorAndLosesNothing() throws Exception {
    String owls = docs.resolve("owls.md").toRealPath().toString();
    Result result = CliProcess.run("delete", "--index", index.toString(), owls, "x".repeat(40_000));
    assertOneLineError(result, 2);
    assertTrue(result.err().contains("too long"), result.err());
    assertEquals("", result.out(), "nothing is said to be deleted");
    assertEquals(2, documents());
  }

  @Test
  void indexingWithOneMissingPathCommitsNothingAndNamesThePath() throws Exception {
    Path fresh = work.resolve("fresh");
    Path more = Files.createDirectories(work.resolve("more"));
    Files.writeString(more.resolve("herons.md"), "# Herons\n\nHerons wade.\n");
    Path missing = work.resolve("missing");
    Result result =
        CliProcess.run("index", "--index", fresh.toString(), more.toString(), missing.toString());
    assertOneLineError(result, 2);
    assertTrue(result.err().contains(missing.toString()), result.err());
    assertFalse(Files.exists(fresh), "no index was even created");
  }

  @Test
  void statsCountOnlyTheFilesOfTheLastCommit() throws Exception {
    Result before = CliProcess.run("stats", "--index", index.toString(), "--json");
    // what a run killed before its commit leaves behind
    try (RandomAccessFile leftover =
        new RandomAccessFile(index.resolve("_9z.cfs").toFile(), "rw")) {
      leftover.setLength(50L << 20);
    }
    Result after = CliProcess.run("stats", "--index", index.toString(), "--json");
    assertEquals(0, after.exitCode(), after.err());
    assertEquals(
        JSON.readTree(before.out()).get("sizeBytes").asLong(),
        JSON.readTree(after.out()).get("sizeBytes").asLong());
  }

  @Test
  void aDamagedIndexIsAOneLineCorruptionErrorFromEveryCommandThatWrites() throws Exception {
    Path cfs;
    try (Stream<Path> files = Files.list(index)) {
      cfs = files.filter(f -> f.toString().endsWith(".cfs")).findFirst().orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(cfs.toFile(), "rw")) {
      long middle = file.length() / 2;
      file.seek(middle);
      int value = file.read();
      file.seek(middle);
      file.write(value ^ 0xff);
    }
    String owls = docs.resolve("owls.md").toRealPath().toString();
    for (Result result :
        List.of(
            CliProcess.run("stats", "--index", index.toString()),
            CliProcess.run("index", "--index", index.toString(), docs.toString()),
            CliProcess.run("delete", "--index", index.toString(), owls))) {
      assertOneLineError(result, 1);
      assertTrue(result.err().contains("corrupt"), result.err());
      assertTrue(result.err().contains("re-create"), result.err());
    }
    Result searched = search("owls", "hunt");
    assertTrue(
        searched.exitCode() == 0 || searched.err().contains("corrupt"),
        "search works or says the index is corrupt: " + searched.err());
    assertFalse(searched.err().contains("\tat "), searched.err());
  }

  @Test
  void anIndexFileRemovedIsNamedAsMissing() throws Exception {
    try (Stream<Path> files = Files.list(index)) {
      Files.delete(files.filter(f -> f.toString().endsWith(".cfe")).findFirst().orElseThrow());
    }
    Result result = search("owls");
    assertOneLineError(result, 1);
    assertTrue(result.err().contains("missing file"), result.err());
  }
}
