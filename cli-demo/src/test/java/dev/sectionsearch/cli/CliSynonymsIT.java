package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --synonyms and --recency of search, serve and mcp through the real CLI jar. */
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

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aMissingSynonymFileIsNamedPlainlyBySearchServeAndMcp() throws Exception {
    Path missing = work.resolve("nope.txt");
    for (String command : List.of("search", "serve", "mcp")) {
      Result result =
          command.equals("search")
              ? CliProcess.run(command, "--index", index, "--synonyms", missing.toString(), "car")
              : CliProcess.run(command, "--index", index, "--synonyms", missing.toString());
      assertNotEquals(0, result.exitCode(), command);
      assertTrue(
          result.err().contains("synonyms file " + missing + ": no such file"),
          command + ": " + result.err());
      assertFalse(result.err().contains("Exception"), command + ": " + result.err());
    }
  }

  private static JsonNode served(ServedIndex server, String query) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.url()
                            + "api/search?q="
                            + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("hits");
  }

  private static String file(JsonNode hit) {
    return Path.of(hit.get("source").asText()).getFileName().toString();
  }

  @Test
  void serveAppliesSynonymsAndRecencyToEverySearch() throws Exception {
    Path file = work.resolve("serve-synonyms.txt");
    Files.writeString(file, "car, automobile\n", StandardCharsets.UTF_8);
    ServedIndex plain = ServedIndex.start(index);
    try {
      assertEquals(0, served(plain, "cars").size());
    } finally {
      plain.stop();
    }
    ServedIndex tuned = ServedIndex.start(index, "--synonyms", file.toString(), "--recency", "30");
    try {
      JsonNode cars = served(tuned, "cars");
      assertEquals(1, cars.size(), cars.toString());
      assertEquals("cars.md", file(cars.get(0)));
      JsonNode ferries = served(tuned, "harbour ferry");
      assertEquals(2, ferries.size());
      assertTrue(file(ferries.get(0)).endsWith("-new.md"), ferries.toString());
      assertTrue(
          ferries.get(0).get("score").asDouble() > ferries.get(1).get("score").asDouble(),
          ferries.toString());
    } finally {
      tuned.stop();
    }
  }

  @Test
  void mcpAppliesSynonymsAndRecencyToEverySearch() throws Exception {
    Path file = work.resolve("mcp-synonyms.txt");
    Files.writeString(file, "car, automobile\n", StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters server =
        ServerParameters.builder(java)
            .args(
                "-jar",
                CliProcess.jar().toString(),
                "mcp",
                "--index",
                index,
                "--synonyms",
                file.toString(),
                "--recency",
                "30")
            .build();
    StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
    try (McpSyncClient client =
        McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
      client.initialize();
      JsonNode cars = mcpHits(client, "cars");
      assertEquals(1, cars.size(), cars.toString());
      assertEquals("cars.md", file(cars.get(0)));
      JsonNode ferries = mcpHits(client, "harbour ferry");
      assertEquals(2, ferries.size());
      assertTrue(file(ferries.get(0)).endsWith("-new.md"), ferries.toString());
      assertTrue(
          ferries.get(0).get("score").asDouble() > ferries.get(1).get("score").asDouble(),
          ferries.toString());
    }
  }

  private static JsonNode mcpHits(McpSyncClient client, String query) throws Exception {
    CallToolResult result =
        client.callTool(
            CallToolRequest.builder("search").arguments(Map.of("query", query)).build());
    String text = ((TextContent) result.content().get(0)).text();
    assertTrue(result.isError() == null || !result.isError(), text);
    return JSON.readTree(text).get("hits");
  }
}
