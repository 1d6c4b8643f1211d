package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI jar serving an index over MCP, driven by the official SDK's client. */
class McpEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private static CallToolRequest call(String tool, Map<String, Object> arguments) {
    return CallToolRequest.builder(tool).arguments(arguments).build();
  }

  private static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  @Test
  void anAssistantListsTheToolsSearchesAndReadsASection() throws Exception {
    String index = work.resolve("index").toString();
    CliProcess.Result indexed =
        CliProcess.run("index", "--index", index, CliProcess.seeds().toString());
    assertEquals(0, indexed.exitCode(), indexed.err());

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters server =
        ServerParameters.builder(java)
            .args("-jar", CliProcess.jar().toString(), "mcp", "--index", index)
            .build();
    StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
    try (McpSyncClient client =
        McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
      client.initialize();
      List<String> tools = client.listTools().tools().stream().map(Tool::name).sorted().toList();
      assertEquals(List.of("read_section", "related", "search"), tools);

      CallToolResult found =
          client.callTool(call("search", Map.of("query", "Russia Ukraine drones", "limit", 3)));
      assertTrue(found.isError() == null || !found.isError(), text(found));
      JsonNode results = JSON.readTree(text(found));
      JsonNode hit = results.get("hits").get(0);
      String heading = hit.get("heading").asText();
      assertTrue(heading.contains("Support for Russia in Ukraine"), heading);
      JsonNode passage = hit.get("passages").get(0);
      String source = Files.readString(Path.of(hit.get("source").asText()));
      String cited =
          source.substring(passage.get("sourceStart").asInt(), passage.get("sourceEnd").asInt());
      assertTrue(cited.contains(passage.get("text").asText().split("\\s+", -1)[0]), cited);

      JsonNode misspelt =
          JSON.readTree(text(client.callTool(call("search", Map.of("query", "Rusia Ukrane")))));
      assertEquals("Russia Ukraine", misspelt.get("didYouMean").asText());
      JsonNode asTyped =
          JSON.readTree(
              text(
                  client.callTool(
                      call("search", Map.of("query", "Rusia Ukrane", "typos", false)))));
      assertEquals(0, asTyped.get("totalHits").asLong());
      CallToolResult badTypos =
          client.callTool(call("search", Map.of("query", "Rusia", "typos", "no")));
      assertTrue(badTypos.isError(), text(badTypos));
      assertTrue(text(badTypos).contains("typos"), text(badTypos));

      CallToolResult read =
          client.callTool(
              call(
                  "read_section",
                  Map.of(
                      "doc_id", hit.get("docId").asText(), "ordinal", hit.get("ordinal").asInt())));
      JsonNode section = JSON.readTree(text(read));
      assertTrue(section.get("text").asText().contains(passage.get("text").asText()), text(read));
      assertEquals(hit.get("headingPath"), section.get("headingPath"));

      CallToolResult relatedCall =
          client.callTool(
              call(
                  "related",
                  Map.of(
                      "doc_id",
                      hit.get("docId").asText(),
                      "ordinal",
                      hit.get("ordinal").asInt(),
                      "limit",
                      5)));
      assertTrue(relatedCall.isError() == null || !relatedCall.isError(), text(relatedCall));
      JsonNode related = JSON.readTree(text(relatedCall));
      assertTrue(related.get("hits").size() > 0, text(relatedCall));
      assertTrue(related.get("hits").size() <= 5, text(relatedCall));
      for (JsonNode other : related.get("hits")) {
        assertTrue(
            !other.get("docId").equals(hit.get("docId"))
                || !other.get("ordinal").equals(hit.get("ordinal")),
            "the section itself is not related to itself: " + text(relatedCall));
      }
      CallToolResult unknown =
          client.callTool(call("related", Map.of("doc_id", "no such doc", "ordinal", 0)));
      assertTrue(unknown.isError(), text(unknown));
      assertEquals("document no such doc has no section 0", text(unknown));

      CallToolResult missing =
          client.callTool(call("read_section", Map.of("doc_id", "no such doc", "ordinal", 0)));
      assertTrue(missing.isError(), text(missing));
      assertTrue(text(missing).contains("no such doc"), text(missing));
    }
  }
}
