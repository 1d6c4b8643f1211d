package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suggestions through the real CLI jar: {@code suggest} and {@code serve}'s /api/suggest. */
class CliSuggestIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static String index;

  @BeforeAll
  static void indexSeeds() throws Exception {
    index = work.resolve("index").toString();
    Result result = CliProcess.run("index", "--index", index, CliProcess.seeds().toString());
    assertEquals(0, result.exitCode(), result.err());
  }

  @Test
  void suggestCompletesHeadingsThenTheLastWordOneSuggestionALine() throws Exception {
    Result headings = CliProcess.run("suggest", "--index", index, "--limit", "3", "ir");
    assertEquals(0, headings.exitCode(), headings.err());
    assertEquals(
        List.of(
            "Iran's Support for Russia in Ukraine",
            "Iran's Broader Alliance Network: The \"Axis of Resistance\"",
            "Iran"),
        headings.out().lines().toList());
    Result lastWord = CliProcess.run("suggest", "--index", index, "Russia", "ukr");
    assertEquals(0, lastWord.exitCode(), lastWord.err());
    assertEquals(List.of("Russia Ukraine"), lastWord.out().lines().toList());
  }

  @Test
  void theJsonListsTheSuggestionsAndBadLimitsAreRefused() throws Exception {
    Result result = CliProcess.run("suggest", "--index", index, "--json", "ukr");
    assertEquals(0, result.exitCode(), result.err());
    JsonNode json = JSON.readTree(result.out());
    assertEquals("ukr", json.get("prefix").asText());
    assertEquals("Ukraine", json.get("suggestions").get(0).asText());

    Result refused = CliProcess.run("suggest", "--index", index, "--limit", "0", "ukr");
    assertEquals(Main.USAGE, refused.exitCode());
    assertTrue(refused.err().contains("--limit must be 1 to 100"), refused.err());
  }

  @Test
  void theServerSuggestsAsTheCliDoes() throws Exception {
    ServedIndex served = ServedIndex.start(index);
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(served.url() + "api/suggest?q=ukr&limit=2"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode());
      JsonNode json = JSON.readTree(answer.body());
      assertEquals("Ukraine", json.get("suggestions").get(0).asText());
      assertEquals(1, json.get("suggestions").size(), "one word starts with ukr");
    } finally {
      served.stop();
    }
  }
}
