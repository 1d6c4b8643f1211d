package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sectionsearch.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch mode's TREC run, through the real CLI jar, for ids a folder of files can produce. */
class BatchSearchIT {
  @TempDir Path work;

  @Test
  void aFileNameWithASpaceIsOneColumnOfTheRunPercentEncoded() throws Exception {
    Path folder = Files.createDirectories(work.resolve("notes"));
    Files.writeString(folder.resolve("barn owls.md"), "# Barn owls\n\nBarn owls hunt at night.\n");
    Files.writeString(folder.resolve("100% hawks.md"), "# Hawks\n\nRed hawks hunt by day.\n");
    String index = work.resolve("index").toString();
    assertEquals(0, CliProcess.run("index", "--index", index, folder.toString()).exitCode());
    Path queries = work.resolve("queries.tsv");
    Files.writeString(queries, "q1\towls\nq2\thawks\n");
    Path run = work.resolve("out.run");

    Result result =
        CliProcess.run(
            "search", "--index", index, "--queries", queries.toString(), "--run", run.toString());

    assertEquals(0, result.exitCode(), result.err());
    // ids are real paths; the space and the % are escaped so that each line has six columns
    String notes = folder.toRealPath().toString().replace("%", "%25").replace(" ", "%20");
    assertEquals(
        List.of(
            "q1 Q0 " + notes + "/barn%20owls.md 1 1 sectionsearch",
            "q2 Q0 " + notes + "/100%25%20hawks.md 1 1 sectionsearch"),
        Files.readAllLines(run));
  }
}
