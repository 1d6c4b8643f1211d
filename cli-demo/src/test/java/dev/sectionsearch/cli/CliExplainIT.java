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

/** search --explain through the real CLI jar, as text and as JSON. */
class CliExplainIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static String index;

  @BeforeAll
  static void indexFolder() throws Exception {
    Path folder = Files.createDirectories(work.resolve("docs"));
    Files.writeString(
        folder.resolve("mills.md"),
        "# Water mills\n\nThe river turns the mill wheel; a river mill grinds grain.\n");
    Files.writeString(
        folder.resolve("coast.md"),
        "# Coast\n\nThe sea is cold.\n\n## Lighthouse\n\nThe keeper climbs the stairs at dusk.\n");
    index = work.resolve("index").toString();
    Result result = CliProcess.run("index", "--index", index, folder.toString());
    assertEquals(0, result.exitCode(), result.err());
  }

  private static void matches(JsonNode node, List<String> found) {
    if (node.has("field")) {
      found.add(node.get("field").asText() + ":" + node.get("term").asText());
    }
    node.get("details").forEach(detail -> matches(detail, found));
  }

  @Test
  void jsonHitsCarryTheirExplanationWhoseContributionsAddUpToTheScore() throws Exception {
    Result result =
        CliProcess.run("search", "--index", index, "--json", "--explain", "river", "mill");
    assertEquals(0, result.exitCode(), result.err());
    JsonNode hit = JSON.readTree(result.out()).get("hits").get(0);
    JsonNode explain = hit.get("explain");
    assertEquals(hit.get("score").asDouble(), explain.get("score").asDouble(), 1e-4);
    assertEquals("sum", explain.get("combination").asText(), explain.toString());
    double sum = 0;
    for (JsonNode detail : explain.get("details")) {
      sum += detail.get("score").asDouble();
    }
    assertEquals(hit.get("score").asDouble(), sum, 1e-3, explain.toString());
    List<String> found = new ArrayList<>();
    matches(explain, found);
    assertTrue(found.contains("text:river"), found.toString());
    assertTrue(found.contains("title:mill"), found.toString());

    Result plain = CliProcess.run("search", "--index", index, "--json", "river");
    assertFalse(
        JSON.readTree(plain.out()).get("hits").get(0).has("explain"), "only when asked for");
  }

  @Test
  void textShowsABreakdownUnderEachHit() throws Exception {
    Result result = CliProcess.run("search", "--index", index, "--explain", "lighthouse");
    assertEquals(0, result.exitCode(), result.err());
    String out = result.out();
    assertTrue(out.contains("   Why:"), out);
    assertTrue(out.contains("heading: lighthous"), out);
    assertFalse(out.contains("text: lighthous"), "matched in the heading only: " + out);
  }
}
