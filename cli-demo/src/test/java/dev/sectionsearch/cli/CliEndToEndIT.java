package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI jar, run as a process over the seed article and files on disk. */
class CliEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private String index;

  @BeforeEach
  void indexSeeds() throws Exception {
    index = work.resolve("index").toString();
    Result result = CliProcess.run("index", "--index", index, CliProcess.seeds().toString());
    assertEquals(0, result.exitCode(), result.err());
  }

  private JsonNode searchJson(String... queryAndOptions) throws Exception {
    List<String> args = new ArrayList<>(List.of("search", "--index", index, "--json"));
    args.addAll(List.of(queryAndOptions));
    Result result = CliProcess.run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("", result.err());
    return JSON.readTree(result.out());
  }

  private static void assertOneLineError(Result result, int exitCode) {
    assertEquals(exitCode, result.exitCode(), result.out() + result.err());
    assertTrue(result.err().startsWith("sectionsearch: "), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
  }

  @Test
  void indexingTheSeedsReportsOneDocumentOfThirteenSections() throws Exception {
    Result again = CliProcess.run("index", "--index", index, CliProcess.seeds().toString());
    assertEquals(0, again.exitCode());
    assertTrue(again.out().contains("Indexed 1 document (0 added, 0 replaced, 1 unchanged)"), again.out());
    Result stats = CliProcess.run("stats", "--index", index, "--json");
    JsonNode counts = JSON.readTree(stats.out());
    assertEquals(1, counts.get("documents").asLong());
    assertEquals(13, counts.get("sections").asLong());
  }

  @Test
  void searchFindsTheUkraineSectionFirstWithHighlightedQueryWords() throws Exception {
    JsonNode results = searchJson("Russia Ukraine drones");
    assertTrue(results.get("totalHits").asLong() > 0);
    JsonNode first = results.get("hits").get(0);
    assertEquals("Iran's Support for Russia in Ukraine", first.get("heading").asText().replace('\u2019', '\''));
    JsonNode passage = first.get("passages").get(0);
    String text = passage.get("text").asText();
    assertTrue(passage.get("highlights").size() > 0);
    for (JsonNode highlight : passage.get("highlights")) {
      String word = text.substring(highlight.get("start").asInt(), highlight.get("end").asInt());
      assertTrue(
          List.of("russia", "ukraine", "drones").contains(word.toLowerCase(Locale.ROOT)), word);
    }
  }

  @Test
  void jsonOutputHasExactlyTheDocumentedShape() throws Exception {
    JsonNode results = searchJson("nuclear");
    assertEquals(List.of("query", "totalHits", "notes", "hits"), fieldNames(results));
    assertEquals(0, results.get("notes").size());
    assertEquals("nuclear", results.get("query").asText());
    JsonNode hit = results.get("hits").get(0);
    assertEquals(
        List.of("docId", "title", "heading", "headingPath", "date", "source", "score", "passages"),
        fieldNames(hit));
    assertEquals("seeds/000_225a28f7e574bad2.txt", hit.get("docId").asText());
    assertTrue(hit.get("date").isNull());
    assertTrue(hit.get("headingPath").isArray());
    assertTrue(hit.get("score").isNumber());
    JsonNode passage = hit.get("passages").get(0);
    assertEquals(List.of("text", "highlights"), fieldNames(passage));
    assertEquals(List.of("start", "end"), fieldNames(passage.get("highlights").get(0)));
  }

  @Test
  void humanOutputShowsTitleHeadingAndPassage() throws Exception {
    Result result =
        CliProcess.run(Map.of("NO_COLOR", "1"), "search", "--index", index, "--limit", "1", "Israel");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("1. Are Iran And Russia Allies?"), result.out());
    assertTrue(result.out().contains("Navigating Relations with Israel"), result.out());
    assertFalse(result.out().contains("\u001b["), "no colour codes when not on a terminal");
  }

  @Test
  void spamLinksAreNotFound() throws Exception {
    assertEquals(0, searchJson("Meggnut").get("totalHits").asLong());
  }

  @Test
  void aDateGivenOnTheCommandLineIsStoredAndFiltersSearches() throws Exception {
    Path dated = Files.createDirectories(work.resolve("dated"));
    Files.writeString(dated.resolve("birds.txt"), "Birds\nOwls hunt at night.", StandardCharsets.UTF_8);
    Result indexed = CliProcess.run("index", "--index", index, "--date", "2024-05-01", dated.toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
    JsonNode hit = searchJson("owls").get("hits").get(0);
    assertEquals("2024-05-01", hit.get("date").asText());
    assertEquals(0, searchJson("owls", "--since", "2024-06-01").get("totalHits").asLong());
    assertEquals(1, searchJson("owls", "--until", "2024-06-01").get("totalHits").asLong());
  }

  @Test
  void deleteRemovesTheDocument() throws Exception {
    Result deleted = CliProcess.run("delete", "--index", index, "seeds/000_225a28f7e574bad2.txt");
    assertEquals(0, deleted.exitCode(), deleted.err());
    assertEquals(0, searchJson("Russia").get("totalHits").asLong());
    Result again = CliProcess.run("delete", "--index", index, "seeds/000_225a28f7e574bad2.txt");
    assertEquals(1, again.exitCode());
  }

  @Test
  void badAndEmptyFilesAreSkippedWithReasonsWhileOthersAreIndexed() throws Exception {
    Path mixed = Files.createDirectories(work.resolve("mixed"));
    Files.write(mixed.resolve("binary.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 7});
    Files.write(mixed.resolve("empty.md"), new byte[0]);
    Files.writeString(mixed.resolve("good.md"), "# Herons\n\nHerons wade in shallow water.\n");
    Result result = CliProcess.run("index", "--index", index, mixed.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("Skipped 2 files"), result.out());
    assertTrue(result.out().contains("binary.txt: binary file"), result.out());
    assertTrue(result.out().contains("empty.md: empty file"), result.out());
    assertEquals(1, searchJson("herons").get("totalHits").asLong());
    assertEquals(13, searchJson("Russia").get("totalHits").asLong(), "the seed is still there");
  }

  @Test
  void anOverlongQueryIsSearchedAndTheNoteGoesToStandardError() throws Exception {
    Result result =
        CliProcess.run(
            Map.of("NO_COLOR", "1"), "search", "--index", index, "word ".repeat(1000) + "Russia");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("1. "), result.out());
    assertEquals(
        "Note: query shortened to 2 of 1001 words: stop words and repeats dropped, the rarest"
            + " words in the index kept.",
        result.err().strip());
  }

  @Test
  void searchingAMissingIndexIsAOneLineError() throws Exception {
    Result result = CliProcess.run("search", "--index", work.resolve("none").toString(), "x");
    assertOneLineError(result, 1);
    assertTrue(result.err().contains("none"), result.err());
  }

  @Test
  void aMalformedDateIsAUsageErrorNamingTheValue() throws Exception {
    Result result = CliProcess.run("search", "--index", index, "--since", "2024-02-30", "x");
    assertOneLineError(result, 2);
    assertTrue(result.err().contains("2024-02-30"), result.err());
  }

  @Test
  void indexingAMissingPathIsAOneLineError() throws Exception {
    Result result = CliProcess.run("index", "--index", index, work.resolve("missing").toString());
    assertOneLineError(result, 1);
    assertTrue(result.err().contains("missing"), result.err());
  }

  @Test
  void batchModeWritesATrecRunWithOneLinePerDocument() throws Exception {
    Path queries = work.resolve("queries.tsv");
    Files.writeString(queries, "q1\tRussia Ukraine drones\nq2\tnuclear program\n");
    Path run = work.resolve("out.run");
    Result result =
        CliProcess.run(
            "search", "--index", index, "--queries", queries.toString(), "--run", run.toString(),
            "--run-docid", "stem");
    assertEquals(0, result.exitCode(), result.err());
    List<String> lines = Files.readAllLines(run);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("q1 Q0 000_225a28f7e574bad2 1 [0-9.]+ sectionsearch"), lines.get(0));
    assertTrue(lines.get(1).startsWith("q2 Q0 000_225a28f7e574bad2 1 "), lines.get(1));
  }

  @Test
  void batchModeScoresAQueryOfHundredsOfWordsAndSaysItWasShortened() throws Exception {
    StringBuilder paragraph = new StringBuilder("Russia Ukraine drones");
    for (int i = 0; i < 340; i++) {
      paragraph.append(" filler").append(i);
    }
    Path queries = work.resolve("queries.tsv");
    Files.writeString(queries, "long\t" + paragraph + "\n");
    Path run = work.resolve("out.run");
    Result result =
        CliProcess.run(
            "search", "--index", index, "--queries", queries.toString(), "--run", run.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("Ran 1 queries"), result.out());
    assertTrue(
        result.err().contains("sectionsearch: query long: query shortened to 64 of 343 words"),
        result.err());
    List<String> lines = Files.readAllLines(run);
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("long Q0 "), lines.get(0));
  }

  @Test
  void batchModeWithoutARunFileIsAUsageError() throws Exception {
    Path queries = work.resolve("queries.tsv");
    Files.writeString(queries, "q1\tdrones\n");
    assertOneLineError(
        CliProcess.run("search", "--index", index, "--queries", queries.toString()), 2);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
