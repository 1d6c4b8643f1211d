package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI jar's {@code mcp} fed malformed protocol input on its standard input, byte for byte
 * as a broken or hostile client would send it: each bad line is answered, later requests still are,
 * and the process ends when its input does.
 */
class McpReliabilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private String index;

  @BeforeEach
  void indexTheSeeds() throws Exception {
    index = work.resolve("index").toString();
    CliProcess.Result indexed =
        CliProcess.run("index", "--index", index, CliProcess.seeds().toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
  }

  /** The mcp command as a process, spoken to a line at a time. */
  static final class RawMcp implements AutoCloseable {
    final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> err = new LinkedBlockingQueue<>();
    private int nextId = 100;

    RawMcp(List<String> jvmOptions, String index) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", CliProcess.jar().toString(), "mcp", "--index", index));
      process = new ProcessBuilder(command).start();
      in = process.getOutputStream();
      Lines.follow(process.getInputStream(), out);
      Thread errors =
          new Thread(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                  for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    err.add(line);
                  }
                } catch (IOException e) {
                  // the process ended
                }
              });
      errors.setDaemon(true);
      errors.start();
    }

    void send(byte[] line) throws IOException {
      in.write(line);
      in.write('\n');
      in.flush();
    }

    void send(String line) throws IOException {
      send(line.getBytes(StandardCharsets.UTF_8));
    }

    /** The next line the server wrote, as JSON; fails after 60 s of silence. */
    JsonNode reply() throws Exception {
      String line = out.poll(60, TimeUnit.SECONDS);
      assertNotNull(line, "the server answered within 60 s; stderr: " + err());
      return JSON.readTree(line);
    }

    void initialize() throws Exception {
      send(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
              + "\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
      assertEquals(1, reply().get("id").asInt());
      send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** Lists the tools and checks that this very request was answered. */
    void listsTools() throws Exception {
      int id = nextId++;
      send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}");
      JsonNode reply = reply();
      assertEquals(id, reply.path("id").asInt(), reply.toString());
      List<String> names = new java.util.ArrayList<>();
      reply.path("result").path("tools").forEach(tool -> names.add(tool.path("name").asText()));
      assertEquals(List.of("search", "read_section", "related"), names, reply.toString());
    }

    /** Closes standard input and returns the exit code; fails if the process does not end. */
    int closeInput() throws Exception {
      in.close();
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the server ended after its input closed");
      return process.exitValue();
    }

    String err() {
      return String.join("\n", err);
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  /** Starts a daemon thread that queues each line of the stream. */
  private static final class Lines {
    static void follow(java.io.InputStream stream, BlockingQueue<String> lines) {
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // the process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
    }
  }

  @Test
  void eachMalformedLineIsAnsweredAndLaterRequestsStillAre() throws Exception {
    List<byte[]> malformed =
        List.of(
            "null".getBytes(StandardCharsets.UTF_8),
            "42".getBytes(StandardCharsets.UTF_8),
            "{}".getBytes(StandardCharsets.UTF_8),
            "[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}]"
                .getBytes(StandardCharsets.UTF_8),
            "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"}"
                .getBytes(StandardCharsets.UTF_8),
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/li".getBytes(StandardCharsets.UTF_8),
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\",\"params\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3, '{', '"'});
    try (RawMcp mcp = new RawMcp(List.of(), index)) {
      mcp.initialize();
      mcp.listsTools();
      mcp.send("");
      mcp.send("\r");
      for (byte[] line : malformed) {
        mcp.send(line);
        JsonNode error = mcp.reply();
        String shown = new String(line, StandardCharsets.UTF_8);
        int code = error.path("error").path("code").asInt();
        assertTrue(code == -32700 || code == -32600, shown + " -> " + error);
        assertTrue(error.has("id"), shown + " -> " + error);
        assertTrue(
            error.get("id").isNull() || error.get("id").asInt() == 9, shown + " -> " + error);
        mcp.listsTools();
      }
      assertEquals(0, mcp.closeInput(), mcp.err());
      assertTrue(mcp.err().contains("Parse error"), mcp.err());
    }
  }

  /** One malformed line, without a line end, from the generator's seed. */
  private static byte[] malformedLine(java.util.Random random) {
    List<String> fragments =
        List.of(
            "{",
            "}",
            "[",
            "]",
            "\"jsonrpc\":\"2.0\"",
            "\"id\":",
            "\"method\":",
            "\"tools/list\"",
            "\"params\":",
            "null",
            "true",
            "-1e999",
            "1.5",
            "\"\\ud800\"",
            ",",
            ":",
            "\"x\"",
            "{}",
            "[]");
    switch (random.nextInt(4)) {
      case 0:
        byte[] bytes = new byte[1 + random.nextInt(200)];
        random.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
          if (bytes[i] == '\n') {
            bytes[i] = ' ';
          }
        }
        return bytes;
      case 1:
        StringBuilder soup = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
          soup.append(fragments.get(random.nextInt(fragments.size())));
        }
        return soup.toString().getBytes(StandardCharsets.UTF_8);
      case 2:
        // a valid request with one field of the wrong type
        List<String> ids = List.of("{}", "[1]", "true", "1.5", "null");
        return ("{\"jsonrpc\":\"2.0\",\"id\":"
                + ids.get(random.nextInt(ids.size()))
                + ",\"method\":\"tools/list\"}")
            .getBytes(StandardCharsets.UTF_8);
      default:
        String valid = "{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"tools/list\"}";
        return valid
            .substring(0, 1 + random.nextInt(valid.length() - 2))
            .getBytes(StandardCharsets.UTF_8);
    }
  }

  @Test
  void randomMalformedLinesNeverSilenceTheServer() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    java.util.Random random = new java.util.Random(seed);
    try (RawMcp mcp = new RawMcp(List.of(), index)) {
      mcp.initialize();
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 40; i++) {
          mcp.send(malformedLine(random));
        }
        int id = 1000 + round;
        mcp.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}");
        for (JsonNode reply = mcp.reply(); reply.path("id").asInt() != id; reply = mcp.reply()) {
          assertTrue(
              reply.has("error") || reply.path("id").asInt() == 77,
              "seed " + seed + " (-Dtests.seed=" + seed + "): " + reply);
        }
      }
      assertEquals(0, mcp.closeInput(), "seed " + seed + ": " + mcp.err());
    }
  }

  @Test
  void theServerEndsWhenItsInputClosesAfterAnUnreadableLine() throws Exception {
    try (RawMcp mcp = new RawMcp(List.of(), index)) {
      mcp.initialize();
      mcp.send("{\"jsonrpc\":\"2.0\",\"id\":2,");
      mcp.reply();
      assertEquals(0, mcp.closeInput(), mcp.err());
    }
  }

  @Test
  void aRequestSentJustBeforeTheInputClosesIsStillAnswered() throws Exception {
    try (RawMcp mcp = new RawMcp(List.of(), index)) {
      mcp.initialize();
      mcp.send(
          "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"search\",\"arguments\":{\"query\":\"drones\"}}}");
      assertEquals(0, mcp.closeInput(), mcp.err());
      JsonNode answer = mcp.reply();
      assertEquals(5, answer.path("id").asInt(), answer.toString());
      assertTrue(answer.path("result").path("content").size() > 0, answer.toString());
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(path)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(file);
      }
    }
  }

  @Test
  void anIndexDeletedAndReCreatedAtTheSamePathIsSearched() throws Exception {
    Path docs = java.nio.file.Files.createDirectories(work.resolve("docs"));
    java.nio.file.Files.writeString(
        docs.resolve("kestrel.md"), "# Kestrels\n\nA kestrel hovers over the verge.\n");
    String search =
        "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"search\",\"arguments\":{\"query\":\"%s\"}}}";
    try (RawMcp mcp = new RawMcp(List.of(), index)) {
      mcp.initialize();
      mcp.send(String.format(search, 20, "drones"));
      assertTrue(mcp.reply().toString().contains("totalHits"));
      deleteRecursively(Path.of(index));
      CliProcess.Result indexed = CliProcess.run("index", "--index", index, docs.toString());
      assertEquals(0, indexed.exitCode(), indexed.err());
      Thread.sleep(1500); // past the refresh interval
      mcp.send(String.format(search, 21, "kestrel"));
      JsonNode found = JSON.readTree(mcp.reply().at("/result/content/0/text").asText());
      assertEquals(1, found.get("totalHits").asInt(), found.toString());
      mcp.send(String.format(search, 22, "drones"));
      JsonNode gone = JSON.readTree(mcp.reply().at("/result/content/0/text").asText());
      assertEquals(0, gone.get("totalHits").asInt(), gone.toString());
    }
  }

  private static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":"
        + arguments
        + "}}";
  }

  /** The JSON text of a tool call's answer. */
  private static JsonNode toolResult(JsonNode reply) throws Exception {
    assertTrue(!reply.path("result").path("isError").asBoolean(), reply.toString());
    return JSON.readTree(reply.at("/result/content/0/text").asText());
  }

  @Test
  void aLongSectionIsReadInPartsThatAddUpToIt() throws Exception {
    Path docs = java.nio.file.Files.createDirectories(work.resolve("docs"));
    String body = "A zebra crosses the plain at dawn. ".repeat(3000).strip();
    java.nio.file.Files.writeString(docs.resolve("zebra.md"), "# Zebras\n\n" + body + "\n");
    assertEquals(0, CliProcess.run("index", "--index", index, docs.toString()).exitCode());
    try (RawMcp mcp = new RawMcp(List.of(), index)) {
      mcp.initialize();
      mcp.send(call(30, "search", "{\"query\":\"zebra\",\"limit\":1}"));
      JsonNode hit = toolResult(mcp.reply()).get("hits").get(0);
      String where =
          "\"doc_id\":"
              + JSON.writeValueAsString(hit.get("docId").asText())
              + ",\"ordinal\":"
              + hit.get("ordinal").asInt();
      StringBuilder read = new StringBuilder();
      mcp.send(call(31, "read_section", "{" + where + "}"));
      JsonNode part = toolResult(mcp.reply());
      assertEquals(McpCommand.READ_CHARS, part.get("text").asText().length());
      assertEquals(body.length(), part.get("textLength").asInt());
      read.append(part.get("text").asText());
      for (int id = 32; !part.get("nextOffset").isNull(); id++) {
        int offset = part.get("nextOffset").asInt();
        mcp.send(
            call(
                id,
                "read_section",
                "{" + where + ",\"offset\":" + offset + ",\"max_chars\":30000}"));
        part = toolResult(mcp.reply());
        assertEquals(offset, part.get("offset").asInt());
        read.append(part.get("text").asText());
      }
      assertEquals(body, read.toString());
      mcp.send(call(40, "read_section", "{" + where + ",\"max_chars\":0}"));
      assertTrue(mcp.reply().path("result").path("isError").asBoolean());
    }
  }

  @Test
  void searchTakesTheCursorItReturnsForTheNextPage() throws Exception {
    try (RawMcp mcp = new RawMcp(List.of(), index)) {
      mcp.initialize();
      mcp.send(call(50, "search", "{\"query\":\"Russia\",\"limit\":1}"));
      JsonNode first = toolResult(mcp.reply());
      String next = first.get("next").asText();
      mcp.send(
          call(
              51,
              "search",
              "{\"query\":\"Russia\",\"limit\":1,\"after\":"
                  + JSON.writeValueAsString(next)
                  + "}"));
      JsonNode second = toolResult(mcp.reply());
      assertEquals(1, second.get("hits").size(), second.toString());
      assertTrue(
          !first.at("/hits/0/ordinal").equals(second.at("/hits/0/ordinal"))
              || !first.at("/hits/0/docId").equals(second.at("/hits/0/docId")),
          first + " then " + second);
      mcp.send(call(52, "search", "{\"query\":\"drones\",\"after\":\"not a cursor\"}"));
      assertTrue(mcp.reply().path("result").path("isError").asBoolean());
    }
  }

  @Test
  void aTwentyMegabyteLineIsRefusedInASmallHeap() throws Exception {
    try (RawMcp mcp = new RawMcp(List.of("-Xmx128m"), index)) {
      mcp.initialize();
      byte[] huge =
          ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"search\","
                  + "\"arguments\":{\"query\":\""
                  + "word ".repeat(4_000_000)
                  + "\"}}}")
              .getBytes(StandardCharsets.UTF_8);
      mcp.send(huge);
      JsonNode error = mcp.reply();
      assertEquals(-32600, error.path("error").path("code").asInt(), error.toString());
      assertTrue(error.path("error").path("message").asText().contains("bytes"), error.toString());
      mcp.listsTools();
      assertEquals(0, mcp.closeInput(), mcp.err());
      assertTrue(!mcp.err().contains("OutOfMemoryError"), mcp.err());
    }
  }
}
