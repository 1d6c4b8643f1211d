package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI jar with {@code --opensearch}, against the cluster named by {@code
 * SECTIONSEARCH_OPENSEARCH_URL}: the same commands and the same output as on a folder. Fails on CI
 * without a cluster; skipped elsewhere.
 */
class CliOpenSearchIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private String url;
  private String name;
  private String folder;

  @BeforeEach
  void indexSeedsBothWays() throws Exception {
    url = System.getenv("SECTIONSEARCH_OPENSEARCH_URL");
    if (url == null || url.isBlank()) {
      String message = "no OpenSearch cluster: set SECTIONSEARCH_OPENSEARCH_URL";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    name = "cli-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    folder = work.resolve("index").toString();
    String seeds = CliProcess.seeds().toString();
    Result clustered = CliProcess.run("index", "--opensearch", url, "--index", name, seeds);
    assertEquals(0, clustered.exitCode(), clustered.err());
    Result local = CliProcess.run("index", "--index", folder, seeds);
    assertEquals(local.out(), clustered.out());
  }

  @AfterEach
  void deleteIndex() throws Exception {
    if (name != null) {
      new ProcessBuilder("curl", "-s", "-XDELETE", url.split(",", -1)[0] + "/" + name)
          .start()
          .waitFor();
    }
  }

  private Result both(List<String> folderArgs, List<String> clusterArgs) throws Exception {
    Result local = CliProcess.run(folderArgs.toArray(String[]::new));
    Result clustered = CliProcess.run(clusterArgs.toArray(String[]::new));
    assertEquals(local.exitCode(), clustered.exitCode(), clustered.err());
    return clustered;
  }

  private List<String> args(boolean cluster, String command, String... rest) {
    List<String> args = new ArrayList<>(List.of(command));
    if (cluster) {
      args.addAll(List.of("--opensearch", url, "--index", name));
    } else {
      args.addAll(List.of("--index", folder));
    }
    args.addAll(List.of(rest));
    return args;
  }

  @Test
  void searchPrintsTheSameHitsAndJsonAsOnAFolder() throws Exception {
    for (String[] query :
        new String[][] {
          {"Russia", "Ukraine", "drones"}, {"--json", "nuclear", "reactor"}, {"--json", "Israel"}
        }) {
      Result local = CliProcess.run(args(false, "search", query).toArray(String[]::new));
      Result clustered = CliProcess.run(args(true, "search", query).toArray(String[]::new));
      assertEquals(0, clustered.exitCode(), clustered.err());
      if (query[0].equals("--json")) {
        JsonNode expected = JSON.readTree(local.out());
        JsonNode actual = JSON.readTree(clustered.out());
        assertEquals(expected.path("hits").size(), actual.path("hits").size());
        for (int i = 0; i < expected.path("hits").size(); i++) {
          JsonNode e = expected.path("hits").path(i);
          JsonNode a = actual.path("hits").path(i);
          assertEquals(e.path("docId"), a.path("docId"));
          assertEquals(e.path("ordinal"), a.path("ordinal"));
          assertEquals(e.path("passages"), a.path("passages"), "passages and citations");
        }
      } else {
        // cursors name each backend's own view of the index; everything else is the same
        assertEquals(withoutCursor(local.out()), withoutCursor(clustered.out()));
      }
    }
  }

  @Test
  void relatedPrintsTheSameHitsAsOnAFolder() throws Exception {
    Result found = CliProcess.run(args(false, "search", "--json", "drones").toArray(String[]::new));
    JsonNode hit = JSON.readTree(found.out()).path("hits").path(0);
    String docId = hit.path("docId").asText();
    String ordinal = hit.path("ordinal").asText();
    Result local =
        CliProcess.run(args(false, "related", "--json", docId, ordinal).toArray(String[]::new));
    Result clustered =
        CliProcess.run(args(true, "related", "--json", docId, ordinal).toArray(String[]::new));
    assertEquals(0, clustered.exitCode(), clustered.err());
    JsonNode expected = JSON.readTree(local.out());
    JsonNode actual = JSON.readTree(clustered.out());
    assertEquals(expected.path("query"), actual.path("query"));
    assertTrue(actual.path("hits").size() > 0, clustered.out());
    assertEquals(expected.path("hits").size(), actual.path("hits").size(), clustered.out());
    for (int i = 0; i < expected.path("hits").size(); i++) {
      JsonNode e = expected.path("hits").path(i);
      JsonNode a = actual.path("hits").path(i);
      assertEquals(e.path("docId"), a.path("docId"));
      assertEquals(e.path("ordinal"), a.path("ordinal"));
      assertEquals(e.path("passages"), a.path("passages"), "passages and citations");
      assertFalse(
          a.path("docId").asText().equals(docId) && a.path("ordinal").asText().equals(ordinal));
    }
    Result unknown = CliProcess.run(args(true, "related", docId, "9999").toArray(String[]::new));
    assertEquals(Main.USAGE, unknown.exitCode(), unknown.out());
    assertTrue(unknown.err().contains("has no section 9999"), unknown.err());
  }

  private static String withoutCursor(String out) {
    return out.replaceAll("(?m)^More: --after \\S+$", "More: --after CURSOR");
  }

  /** A TREC run from the cluster: the same documents in the same order as from the folder. */
  @Test
  void batchSearchWritesTheSameRunAsOnAFolder() throws Exception {
    Path queries = work.resolve("queries.tsv");
    Files.writeString(
        queries,
        "q1\tRussia Ukraine drones\nq2\tnuclear reactor\nq3\tIsrael\n",
        StandardCharsets.UTF_8);
    Path localRun = work.resolve("local.txt");
    Path clusterRun = work.resolve("cluster.txt");
    Result local =
        CliProcess.run(
            args(false, "search", "--queries", queries.toString(), "--run", localRun.toString())
                .toArray(String[]::new));
    assertEquals(0, local.exitCode(), local.err());
    Result clustered =
        CliProcess.run(
            args(true, "search", "--queries", queries.toString(), "--run", clusterRun.toString())
                .toArray(String[]::new));
    assertEquals(0, clustered.exitCode(), clustered.err());
    assertEquals("Ran 3 queries into " + clusterRun + ".", clustered.out().strip());
    List<String> expected = rankings(localRun);
    assertFalse(expected.isEmpty());
    assertEquals(expected, rankings(clusterRun));
  }

  /** Each line of a run without its score: the scores agree to 1e-5, not to the last digit. */
  private static List<String> rankings(Path run) throws Exception {
    return Files.readAllLines(run, StandardCharsets.UTF_8).stream()
        .map(line -> line.replaceAll(" \\S+ (\\S+)$", " $1"))
        .toList();
  }

  @Test
  void serveAnswersFromTheCluster() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", CliProcess.jar().toString()));
    command.addAll(args(true, "serve", "--port", "0"));
    Process server =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(line != null && line.contains("http://127.0.0.1:"), "server said: " + line);
      String base =
          line.substring(line.indexOf("http://"), line.indexOf("/ ", line.indexOf("http://")));
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/api/search?q=Russia+Ukraine&limit=3"))
                      .timeout(Duration.ofSeconds(60))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      JsonNode served = JSON.readTree(response.body());
      JsonNode searched =
          JSON.readTree(
              CliProcess.run(
                      args(false, "search", "--json", "--limit", "3", "Russia", "Ukraine")
                          .toArray(String[]::new))
                  .out());
      assertEquals(3, searched.path("hits").size(), searched.toString());
      assertEquals(3, served.path("hits").size(), response.body());
      for (int i = 0; i < 3; i++) {
        assertEquals(
            searched.path("hits").path(i).path("docId"), served.path("hits").path(i).path("docId"));
        assertEquals(
            searched.path("hits").path(i).path("passages"),
            served.path("hits").path(i).path("passages"));
      }
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void mcpSearchesAndReadsSectionsOnTheCluster() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> serverArgs = new ArrayList<>(List.of("-jar", CliProcess.jar().toString()));
    serverArgs.addAll(args(true, "mcp"));
    StdioClientTransport transport =
        new StdioClientTransport(
            ServerParameters.builder(java).args(serverArgs).build(), McpJsonDefaults.getMapper());
    try (McpSyncClient client =
        McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
      client.initialize();
      CallToolResult found =
          client.callTool(
              CallToolRequest.builder("search")
                  .arguments(Map.of("query", "Russia Ukraine drones", "limit", 3))
                  .build());
      String text = ((TextContent) found.content().get(0)).text();
      assertTrue(found.isError() == null || !found.isError(), text);
      JsonNode hit = JSON.readTree(text).path("hits").path(0);
      assertTrue(hit.path("heading").asText().contains("Support for Russia in Ukraine"), text);
      CallToolResult read =
          client.callTool(
              CallToolRequest.builder("read_section")
                  .arguments(
                      Map.of(
                          "doc_id",
                          hit.path("docId").asText(),
                          "ordinal",
                          hit.path("ordinal").asInt()))
                  .build());
      String section = ((TextContent) read.content().get(0)).text();
      assertTrue(
          JSON.readTree(section)
              .path("text")
              .asText()
              .contains(hit.path("passages").path(0).path("text").asText()),
          section);
    }
  }

  @Test
  void statsAndDeleteWorkOnTheCluster() throws Exception {
    Result stats = CliProcess.run(args(true, "stats", "--json").toArray(String[]::new));
    assertEquals(0, stats.exitCode(), stats.err());
    JsonNode counts = JSON.readTree(stats.out());
    assertEquals(1, counts.path("documents").asInt());
    assertEquals(13, counts.path("sections").asInt());
    String docId =
        JSON.readTree(
                CliProcess.run(args(true, "search", "--json", "drones").toArray(String[]::new))
                    .out())
            .path("hits")
            .path(0)
            .path("docId")
            .asText();
    Result deleted = both(args(false, "delete", docId), args(true, "delete", docId));
    assertEquals("Deleted " + docId, deleted.out().strip());
    Result after = CliProcess.run(args(true, "stats", "--json").toArray(String[]::new));
    assertEquals(0, JSON.readTree(after.out()).path("documents").asInt());
  }

  @Test
  void aMissingIndexOrAClusterThatIsDownIsOneLineNamingIt() throws Exception {
    Result missing =
        CliProcess.run("search", "--opensearch", url, "--index", name + "-absent", "drones");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains(name + "-absent"), missing.err());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    Result down = CliProcess.run("stats", "--opensearch", "http://127.0.0.1:1", "--index", name);
    assertEquals(1, down.exitCode());
    assertTrue(
        down.err().startsWith("sectionsearch: OpenSearch at http://127.0.0.1:1"), down.err());
    assertEquals(1, down.err().strip().lines().count(), down.err());
    assertFalse(down.err().contains("\tat "), down.err());
  }

  /**
   * {@code index --semantic} on the cluster, then hybrid and semantic searches: the same hits and
   * passages as a folder indexed with {@code --semantic}, with the real model; the cluster's index
   * without vectors refuses a semantic search naming what it needs.
   */
  @Test
  void semanticIndexingAndSearchGiveTheFolderResults() throws Exception {
    Result lexical =
        CliProcess.run(args(true, "search", "--mode", "semantic", "drones").toArray(String[]::new));
    assertEquals(1, lexical.exitCode(), lexical.err());
    assertTrue(lexical.err().contains("an index made with index --semantic"), lexical.err());

    String seeds = CliProcess.seeds().toString();
    String semanticName = name + "-semantic";
    String semanticFolder = work.resolve("semantic").toString();
    try {
      Result clustered =
          CliProcess.run(
              "index", "--opensearch", url, "--index", semanticName, "--semantic", seeds);
      assertEquals(0, clustered.exitCode(), clustered.err());
      Result local = CliProcess.run("index", "--index", semanticFolder, "--semantic", seeds);
      assertEquals(local.out(), clustered.out());
      for (String mode : List.of("semantic", "hybrid")) {
        for (String query : List.of("attacks by unmanned aircraft", "Israel")) {
          Result expected =
              CliProcess.run("search", "--index", semanticFolder, "--mode", mode, "--json", query);
          Result actual =
              CliProcess.run(
                  "search",
                  "--opensearch",
                  url,
                  "--index",
                  semanticName,
                  "--mode",
                  mode,
                  "--json",
                  query);
          assertEquals(0, actual.exitCode(), actual.err());
          JsonNode e = JSON.readTree(expected.out()).path("hits");
          JsonNode a = JSON.readTree(actual.out()).path("hits");
          assertTrue(e.size() > 0, mode + " " + query);
          assertEquals(e.size(), a.size(), mode + " " + query);
          for (int i = 0; i < e.size(); i++) {
            assertEquals(e.path(i).path("docId"), a.path(i).path("docId"), mode + " " + query);
            assertEquals(e.path(i).path("ordinal"), a.path(i).path("ordinal"));
            assertEquals(e.path(i).path("passages"), a.path(i).path("passages"));
          }
        }
      }
      // adding without the model to an index with vectors is refused in the command line's terms
      Result plain = CliProcess.run("index", "--opensearch", url, "--index", semanticName, seeds);
      assertEquals(1, plain.exitCode(), plain.err());
      assertTrue(plain.err().contains("index it with --semantic"), plain.err());
    } finally {
      new ProcessBuilder("curl", "-s", "-XDELETE", url.split(",", -1)[0] + "/" + semanticName)
          .start()
          .waitFor();
    }
  }
}
