package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code related} through the real CLI jar, on files indexed by the CLI. */
class CliRelatedIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static String index;
  private static Path trains;

  @BeforeAll
  static void indexFiles() throws Exception {
    Path docs = Files.createDirectories(work.resolve("docs"));
    trains = docs.resolve("trains.md");
    Files.writeString(
        trains,
        "# Rail travel\n\n## Night trains\n\nNight trains run sleeper carriages between capitals."
            + " A sleeper berth on the night train saves a hotel; the carriages leave the"
            + " station late.\n\n## Tickets\n\nRail tickets are cheapest when booked early.\n");
    Files.writeString(
        docs.resolve("sleepers.md"),
        "# Europe by rail\n\n## Sleeper services\n\nSleeper carriages on night trains: each berth"
            + " has a blanket, and the train reaches the station at dawn.\n");
    Files.writeString(
        docs.resolve("bread.md"),
        "# Bread\n\n## Sourdough\n\nSourdough bread rises overnight; the starter feeds on flour"
            + " and water, and the loaf bakes in a hot oven.\n\n## Rye\n\nRye bread is dense; rye"
            + " flour holds water.\n");
    Files.writeString(
        docs.resolve("stations.md"),
        "# Architecture\n\n## Old stations\n\nThe station hall has a glass roof; trains arrive"
            + " under it. A hotel faces the station square.\n");
    index = work.resolve("index").toString();
    Result result = CliProcess.run("index", "--index", index, docs.toString());
    assertEquals(0, result.exitCode(), result.err());
  }

  /** The docId and ordinal of the first hit of a search, as search --json gives them. */
  private static JsonNode firstHit(String query) throws Exception {
    Result found = CliProcess.run("search", "--index", index, "--json", query);
    assertEquals(0, found.exitCode(), found.err());
    return JSON.readTree(found.out()).get("hits").get(0);
  }

  @Test
  void theJsonHitsOfASearchHitsSectionAreItsRelatedSectionsWithoutItself() throws Exception {
    JsonNode hit = firstHit("\"sleeper berth on the night train\"");
    assertEquals("Night trains", hit.get("heading").asText());
    String docId = hit.get("docId").asText();
    String ordinal = hit.get("ordinal").asText();
    Result result = CliProcess.run("related", "--index", index, "--json", docId, ordinal);
    assertEquals(0, result.exitCode(), result.err());
    JsonNode json = JSON.readTree(result.out());
    List<String> headings = new ArrayList<>();
    for (JsonNode related : json.get("hits")) {
      assertFalse(
          related.get("docId").asText().equals(docId)
              && related.get("ordinal").asText().equals(ordinal),
          result.out());
      headings.add(related.get("heading").asText());
    }
    assertEquals("Sleeper services", headings.get(0), headings.toString());
    assertTrue(headings.indexOf("Old stations") > 0, headings.toString());
    assertFalse(headings.contains("Sourdough"), headings.toString());
    assertTrue(json.get("query").asText().contains("sleeper"), result.out());
    assertTrue(
        json.get("hits").get(0).get("passages").get(0).get("text").asText().contains("Sleeper"),
        result.out());
  }

  @Test
  void theTextListsTheHitsWithTheirOrdinalsAndTheLimitCutsThem() throws Exception {
    JsonNode hit = firstHit("sourdough");
    Result result =
        CliProcess.run(
            "related",
            "--index",
            index,
            "--limit",
            "1",
            hit.get("docId").asText(),
            hit.get("ordinal").asText());
    assertEquals(0, result.exitCode(), result.err());
    List<String> lines = result.out().lines().toList();
    assertTrue(lines.get(0).startsWith("Words searched: "), result.out());
    assertTrue(result.out().contains("1. Bread > Rye"), result.out());
    assertTrue(result.out().contains(hit.get("docId").asText() + " 1 |"), result.out());
    assertEquals("1 related section.", lines.get(lines.size() - 1), result.out());
  }

  @Test
  void anUnknownSectionIsRefusedNamingIt() throws Exception {
    Result unknown = CliProcess.run("related", "--index", index, trains.toString(), "9");
    assertEquals(Main.USAGE, unknown.exitCode(), unknown.out());
    assertTrue(unknown.err().contains("has no section 9"), unknown.err());
    Result badLimit =
        CliProcess.run("related", "--index", index, "--limit", "0", trains.toString(), "1");
    assertEquals(Main.USAGE, badLimit.exitCode());
    assertTrue(badLimit.err().contains("--limit must be 1 to"), badLimit.err());
  }
}
