package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
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
    assertTrue(
        again.out().contains("Indexed 1 document (0 added, 0 replaced, 1 unchanged)"), again.out());
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
    assertEquals(
        "Iran's Support for Russia in Ukraine",
        first.get("heading").asText().replace('\u2019', '\''));
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
    assertEquals(
        List.of("query", "totalHits", "totalHitsExact", "next", "hits", "notes"),
        fieldNames(results));
    assertEquals(0, results.get("notes").size());
    assertEquals("nuclear", results.get("query").asText());
    JsonNode hit = results.get("hits").get(0);
    assertEquals(
        List.of(
            "docId",
            "title",
            "heading",
            "headingPath",
            "ordinal",
            "date",
            "source",
            "start",
            "end",
            "page",
            "score",
            "meta",
            "passages"),
        fieldNames(hit));
    assertEquals(seedId(), hit.get("docId").asText());
    assertEquals(seedId(), hit.get("source").asText());
    assertTrue(hit.get("date").isNull());
    assertTrue(hit.get("headingPath").isArray());
    assertTrue(hit.get("score").isNumber());
    JsonNode passage = hit.get("passages").get(0);
    assertEquals(
        List.of("text", "sourceStart", "sourceEnd", "semantic", "highlights"), fieldNames(passage));
    assertEquals(List.of("start", "end"), fieldNames(passage.get("highlights").get(0)));
  }

  @Test
  void humanOutputShowsTitleHeadingAndPassage() throws Exception {
    Result result =
        CliProcess.run(
            Map.of("NO_COLOR", "1"), "search", "--index", index, "--limit", "1", "Israel");
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
    Files.writeString(
        dated.resolve("birds.txt"), "Birds\nOwls hunt at night.", StandardCharsets.UTF_8);
    Result indexed =
        CliProcess.run("index", "--index", index, "--date", "2024-05-01", dated.toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
    JsonNode hit = searchJson("owls").get("hits").get(0);
    assertEquals("2024-05-01", hit.get("date").asText());
    assertEquals(0, searchJson("owls", "--since", "2024-06-01").get("totalHits").asLong());
    assertEquals(1, searchJson("owls", "--until", "2024-06-01").get("totalHits").asLong());
  }

  @Test
  void deleteRemovesTheDocument() throws Exception {
    Result deleted = CliProcess.run("delete", "--index", index, seedId());
    assertEquals(0, deleted.exitCode(), deleted.err());
    assertEquals(0, searchJson("Russia").get("totalHits").asLong());
    assertEquals("Deleted " + seedId() + "\n", deleted.out());
    Result again = CliProcess.run("delete", "--index", index, seedId());
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
  void indexingAMissingPathIsAOneLineUsageError() throws Exception {
    Result result = CliProcess.run("index", "--index", index, work.resolve("missing").toString());
    assertOneLineError(result, 2);
    assertTrue(result.err().contains("missing"), result.err());
  }

  @Test
  void batchModeWritesATrecRunWithOneLinePerDocument() throws Exception {
    Path queries = work.resolve("queries.tsv");
    Files.writeString(queries, "q1\tRussia Ukraine drones\nq2\tnuclear program\n");
    Path run = work.resolve("out.run");
    Result result =
        CliProcess.run(
            "search",
            "--index",
            index,
            "--queries",
            queries.toString(),
            "--run",
            run.toString(),
            "--run-docid",
            "stem");
    assertEquals(0, result.exitCode(), result.err());
    List<String> lines = Files.readAllLines(run);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).matches("q1 Q0 000_225a28f7e574bad2 1 [0-9.]+ sectionsearch"), lines.get(0));
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

  @Test
  void metadataFiltersFacetsBrowsingPagingAndCitationsThroughTheCli() throws Exception {
    Path notes = Files.createDirectories(work.resolve("notes"));
    Files.writeString(
        notes.resolve("owls.md"),
        "---\ndate: 2024-03-01\ntags: [birds, night]\n---\n# Owls\n\nBarn *owls* hunt voles.\n");
    Files.writeString(
        notes.resolve("bats.md"),
        "---\ndate: 2023-03-01\ntags: [mammals, night]\n---\n# Bats\n\nBats hunt moths.\n");
    Result indexed = CliProcess.run("index", "--index", index, notes.toString());
    assertEquals(0, indexed.exitCode(), indexed.err());

    JsonNode filtered = searchJson("hunt", "--filter", "tags=birds", "--facet", "tags");
    assertEquals(1, filtered.get("totalHits").asLong());
    JsonNode hit = filtered.get("hits").get(0);
    assertEquals("birds", hit.get("meta").get("tags").get(0).asText());
    assertEquals(1, filtered.get("facets").get("tags").get("night").asLong());

    JsonNode night = searchJson("--filter", "tags=night", "--facet", "date", "--limit", "1");
    assertEquals(2, night.get("totalHits").asLong());
    assertEquals(1, night.get("facets").get("date").get("2024").asLong());
    assertEquals("Owls", night.get("hits").get(0).get("title").asText(), "browsing: newest first");
    String cursor = night.get("next").asText();
    JsonNode second = searchJson("--filter", "tags=night", "--limit", "1", "--after", cursor);
    assertEquals("Bats", second.get("hits").get(0).get("title").asText());
    assertTrue(second.get("next").isNull());

    JsonNode passage = hit.get("passages").get(0);
    String source = Files.readString(Path.of(hit.get("source").asText()));
    String cited =
        source.substring(passage.get("sourceStart").asInt(), passage.get("sourceEnd").asInt());
    assertEquals("Barn *owls* hunt voles.", cited);
  }

  @Test
  void gzippedMarkdownAndLatin1HtmlAreIndexedWithCodeBracketsKept() throws Exception {
    Path files = Files.createDirectories(work.resolve("files"));
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(files.resolve("arrays.md.gz")))) {
      out.write("# Arrays\n\n`walrus[1]` is the second walrus.\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(
        files.resolve("cafe.html"),
        "<meta charset=\"iso-8859-1\"><title>Caf\u00e9</title><p>Le caf\u00e9 du morse.</p>"
            .getBytes(StandardCharsets.ISO_8859_1));
    Result indexed = CliProcess.run("index", "--index", index, files.toString());
    assertEquals(0, indexed.exitCode(), indexed.out() + indexed.err());
    assertTrue(indexed.out().contains("2 added"), indexed.out());
    String passage =
        searchJson("walrus").get("hits").get(0).get("passages").get(0).get("text").asText();
    assertEquals("walrus[1] is the second walrus.", passage);
    assertEquals("Caf\u00e9", searchJson("morse").get("hits").get(0).get("title").asText());
  }

  @Test
  void wordsStartingWithADashAfterTheOptionsExcludeThoseWords() throws Exception {
    long all = searchJson("Russia").get("totalHits").asLong();
    JsonNode withoutHezbollah = searchJson("Russia", "-hezbollah");
    assertTrue(withoutHezbollah.get("totalHits").asLong() < all, withoutHezbollah.toString());
    assertEquals("Russia -hezbollah", withoutHezbollah.get("query").asText());
    assertEquals(0, CliProcess.run("search", "--index", index, "example", "-closure").exitCode());
    JsonNode afterSeparator = searchJson("--", "Russia", "-hezbollah");
    assertEquals(withoutHezbollah.get("totalHits"), afterSeparator.get("totalHits"));
  }

  @Test
  void realOptionsStillWorkAfterQueryWords() throws Exception {
    JsonNode results = searchJson("Russia", "-hezbollah", "--limit", "1");
    assertEquals(1, results.get("hits").size());
  }

  @Test
  void aMisspelledOptionIsAUsageErrorSuggestingTheOption() throws Exception {
    Result result = CliProcess.run("search", "--index", index, "Russia", "--limt", "1");
    assertOneLineError(result, 2);
    assertTrue(result.err().contains("'--limt'"), result.err());
    assertTrue(result.err().contains("Did you mean: --limit?"), result.err());
  }

  @Test
  void aMisspelledCommandGetsASuggestion() throws Exception {
    Result result = CliProcess.run("serch", "--index", index, "Russia");
    assertOneLineError(result, 2);
    assertTrue(result.err().contains("unknown command 'serch'"), result.err());
    assertTrue(result.err().contains("Did you mean: search"), result.err());
  }

  @Test
  void outOfRangeOptionsAreUsageErrorsNamingTheOption() throws Exception {
    Result passages = CliProcess.run("search", "--index", index, "--passages", "11", "Russia");
    assertOneLineError(passages, 2);
    assertTrue(passages.err().contains("--passages must be 0 to 10"), passages.err());
    Result limit = CliProcess.run("search", "--index", index, "--limit", "0", "Russia");
    assertOneLineError(limit, 2);
    assertTrue(limit.err().contains("--limit must be 1 to 10000"), limit.err());
    Result dates =
        CliProcess.run(
            "search", "--index", index, "--since", "2024-06-01", "--until", "2024-05-01", "x");
    assertOneLineError(dates, 2);
    assertTrue(dates.err().contains("--since 2024-06-01 is after --until 2024-05-01"), dates.err());
  }

  @Test
  void deletingAnUnknownIdSaysSoOnStderrOnly() throws Exception {
    Result result = CliProcess.run("delete", "--index", index, "no/such/doc", seedId());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("Deleted " + seedId(), result.out().strip());
    assertTrue(result.err().contains("Not found: no/such/doc"), result.err());
  }

  @Test
  void withoutColourHighlightsAreMarkedWithBrackets() throws Exception {
    // the test's process pipes are not a terminal: no colour, with or without NO_COLOR
    for (Map<String, String> env : List.of(Map.of("NO_COLOR", "1"), Map.<String, String>of())) {
      Result result = CliProcess.run(env, "search", "--index", index, "--limit", "1", "Israel");
      assertEquals(0, result.exitCode(), result.err());
      assertTrue(result.out().contains("[Israel]"), result.out());
      assertFalse(result.out().contains("\u001b["), result.out());
    }
  }

  /** The seed article's id: its real path, as for every file. */
  private static String seedId() throws java.io.IOException {
    return CliProcess.seeds().resolve("000_225a28f7e574bad2.txt").toRealPath().toString();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
