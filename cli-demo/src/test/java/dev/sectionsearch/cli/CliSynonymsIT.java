package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** search --synonyms and --recency through the real CLI jar. */
class CliSynonymsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static String index;

  @BeforeAll
  static void indexFolder() throws Exception {
    Path folder = Files.createDirectories(work.resolve("docs"));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String ferry = "# Ferry\n\nThe harbour ferry leaves at noon.\n";
    Files.writeString(folder.resolve(today.minusDays(5) + "-new.md"), ferry);
    Files.writeString(folder.resolve("2015-01-01-old.md"), ferry);
    Files.writeString(
        folder.resolve("cars.md"), "# Garage\n\nOur automobiles are parked in the garage.\n");
    index = work.resolve("index").toString();
    Result result = CliProcess.run("index", "--index", index, folder.toString());
    assertEquals(0, result.exitCode(), result.err());
  }

  private static List<String> sources(Result result) throws Exception {
    assertEquals(0, result.exitCode(), result.err());
    List<String> sources = new ArrayList<>();
    for (JsonNode hit : JSON.readTree(result.out()).get("hits")) {
      sources.add(Path.of(hit.get("source").asText()).getFileName().toString());
    }
    return sources;
  }

  @Test
  void synonymsFromAFileFindTheirEntries() throws Exception {
    Path file = work.resolve("synonyms.txt");
    Files.writeString(file, "# vehicles\ncar, automobile\n", StandardCharsets.UTF_8);
    assertEquals(List.of(), sources(CliProcess.run("search", "--index", index, "--json", "car")));
    assertEquals(
        List.of("cars.md"),
        sources(
            CliProcess.run(
                "search", "--index", index, "--json", "--synonyms", file.toString(), "cars")));
  }

  @Test
  void aSynonymFileThatCannotBeReadIsRefusedNamingItsLine() throws Exception {
    Path file = work.resolve("bad.txt");
    Files.writeString(file, "car, automobile\nlorry => truck => van\n", StandardCharsets.UTF_8);
    Result result =
        CliProcess.run("search", "--index", index, "--synonyms", file.toString(), "car");
    assertNotEquals(0, result.exitCode());
    assertTrue(result.err().contains(file + " line 2"), result.err());
  }

  @Test
  void recencyRanksTheNewerOfTwoAlikeSectionsFirst() throws Exception {
    List<String> on =
        sources(
            CliProcess.run(
                "search", "--index", index, "--json", "--recency", "30", "harbour", "ferry"));
    assertEquals(2, on.size(), on.toString());
    assertTrue(on.get(0).endsWith("-new.md"), on.toString());
    List<String> older =
        sources(
            CliProcess.run(
                "search", "--index", index, "--json", "--sort", "oldest", "harbour", "ferry"));
    assertTrue(older.get(0).endsWith("-old.md"), older.toString());
  }
}
