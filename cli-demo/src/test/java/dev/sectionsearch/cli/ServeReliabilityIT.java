package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI jar's {@code serve} against hostile and odd HTTP clients, spoken to byte for byte
 * over sockets (Java's HTTP client will not send a forged {@code Host}).
 */
class ServeReliabilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private String index;
  private ServedIndex served;
  private int port;

  @BeforeEach
  void serveTheSeeds() throws Exception {
    index = work.resolve("index").toString();
    CliProcess.Result indexed =
        CliProcess.run("index", "--index", index, CliProcess.seeds().toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
    served = ServedIndex.start(index);
    port = URI.create(served.url()).getPort();
  }

  @AfterEach
  void stop() throws Exception {
    served.stop();
  }

  /** A response as raw text: status line, headers, blank line, body. */
  record Response(int status, String head, String body) {}

  /** Sends one request with these headers (Connection: close added) and reads the response. */
  private Response request(String method, String target, String host) throws IOException {
    try (Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      String request =
          method
              + " "
              + target
              + " HTTP/1.1\r\n"
              + (host == null ? "" : "Host: " + host + "\r\n")
              + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String raw = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
      int blank = raw.indexOf("\r\n\r\n");
      assertTrue(blank > 0, "a response: " + raw);
      int status = Integer.parseInt(raw.substring(9, 12));
      return new Response(status, raw.substring(0, blank), raw.substring(blank + 4));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  @Test
  void aHostHeaderNamingAnotherSiteIsRefused() throws Exception {
    for (String target : List.of("/api/search?q=drones", "/api/section?doc=x&ordinal=0", "/")) {
      Response rebound = request("GET", target, "attacker.example:" + port);
      assertEquals(421, rebound.status(), target + ": " + rebound);
      assertTrue(rebound.head().contains("application/json"), rebound.head());
      assertTrue(
          JSON.readTree(rebound.body()).get("error").asText().contains("attacker.example"),
          rebound.body());
      assertEquals(421, request("GET", target, "localhost:" + (port + 1)).status(), target);
      assertEquals(421, request("GET", target, "127.0.0.1.attacker.example:" + port).status());
    }
    for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
      assertEquals(200, request("GET", "/api/search?q=drones", host).status(), host);
    }
    assertEquals(200, request("GET", "/", "LOCALHOST:" + port).status());
  }

  @Test
  void halfSentRequestsDoNotStarveARealOne() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      // ten times the threads that answer, each connection holding half a request
      for (int i = 0; i < 10 * ServeCommand.THREADS; i++) {
        Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        slow.add(socket);
      }
      Thread.sleep(500);
      long start = System.nanoTime();
      Response answered = request("GET", "/api/search?q=drones", "127.0.0.1:" + port);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(200, answered.status(), answered.toString());
      assertTrue(millis < 3000, "answered in " + millis + " ms");
      // the server gave up on the slow clients: each connection was closed
      slow.get(0).setSoTimeout(3 * ServeCommand.REQUEST_SECONDS * 1000);
      assertTrue(closedByServer(slow.get(0)), "a half request is dropped");
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  private static boolean closedByServer(Socket socket) {
    try {
      return socket.getInputStream().read() == -1;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  /** A hostile or broken request from the generator's seed; may be cut off anywhere. */
  private String hostileRequest(java.util.Random random) {
    List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "OPTIONS", "G ET", "");
    List<String> targets =
        List.of(
            "/api/search?q=drones",
            "/api/search?q=%",
            "/api/search?facet=",
            "/api/section?doc=",
            "/",
            "/../../etc/passwd",
            "*",
            "/api/search?q=" + "x".repeat(random.nextInt(5000)));
    List<String> hosts =
        List.of(
            "localhost:" + port,
            "attacker.example:" + port,
            "127.0.0.1:" + port + "0",
            "[::1",
            "",
            "localhost:-1",
            "\u00e9xample:" + port);
    String request =
        methods.get(random.nextInt(methods.size()))
            + " "
            + targets.get(random.nextInt(targets.size()))
            + " HTTP/1.1\r\nHost: "
            + hosts.get(random.nextInt(hosts.size()))
            + "\r\n"
            + (random.nextBoolean() ? "Content-Length: " + random.nextInt(10) + "\r\n" : "")
            + "\r\n";
    return random.nextInt(4) == 0
        ? request.substring(0, random.nextInt(request.length()))
        : request;
  }

  @Test
  void randomHostileRequestsLeaveTheServerAnswering() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    java.util.Random random = new java.util.Random(seed);
    for (int round = 0; round < 4; round++) {
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 30; i++) {
          Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port);
          socket
              .getOutputStream()
              .write(hostileRequest(random).getBytes(StandardCharsets.ISO_8859_1));
          socket.getOutputStream().flush();
          sockets.add(socket);
        }
        long start = System.nanoTime();
        Response answered = request("GET", "/api/search?q=drones", "localhost:" + port);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, answered.status(), "seed " + seed + ": " + answered);
        assertTrue(
            millis < 3000, "seed " + seed + " (-Dtests.seed): answered in " + millis + " ms");
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
    }
  }

  @Test
  void headAnswersLikeGetWithoutABody() throws Exception {
    Response get = request("GET", "/", "127.0.0.1:" + port);
    Response head = request("HEAD", "/", "127.0.0.1:" + port);
    assertEquals(200, head.status(), head.toString());
    assertEquals("", head.body());
    assertTrue(head.head().contains("text/html"), head.head());
    assertTrue(
        head.head()
            .toLowerCase(java.util.Locale.ROOT)
            .contains("content-length: " + get.body().getBytes(StandardCharsets.UTF_8).length),
        head.head());
    assertEquals(200, request("HEAD", "/api/search?q=drones", "127.0.0.1:" + port).status());
  }

  @Test
  void anEmptyFacetIsRefusedWithAReason() throws Exception {
    Response response = request("GET", "/api/search?q=drones&facet=", "127.0.0.1:" + port);
    assertEquals(400, response.status(), response.toString());
    assertTrue(
        JSON.readTree(response.body()).get("error").asText().contains("facet"), response.body());
  }

  @Test
  void anIndexDeletedAndReCreatedAtTheSamePathIsServed() throws Exception {
    assertEquals(200, request("GET", "/api/search?q=drones", "127.0.0.1:" + port).status());
    Path docs = java.nio.file.Files.createDirectories(work.resolve("docs"));
    java.nio.file.Files.writeString(
        docs.resolve("kestrel.md"), "# Kestrels\n\nA kestrel hovers over the verge.\n");
    McpReliabilityIT.deleteRecursively(Path.of(index));
    CliProcess.Result indexed = CliProcess.run("index", "--index", index, docs.toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
    Thread.sleep(1500); // past the refresh interval
    Response found = request("GET", "/api/search?q=kestrel", "127.0.0.1:" + port);
    assertEquals(200, found.status(), found.toString());
    assertEquals(1, JSON.readTree(found.body()).get("totalHits").asInt(), found.body());
    Response gone = request("GET", "/api/search?q=drones", "127.0.0.1:" + port);
    assertEquals(200, gone.status(), gone.toString());
    assertEquals(0, JSON.readTree(gone.body()).get("totalHits").asInt(), gone.body());
  }

  @Test
  void aPortInUseIsNamedInTheError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String busy = String.valueOf(taken.getLocalPort());
      CliProcess.Result result = CliProcess.run("serve", "--index", index, "--port", busy);
      assertEquals(1, result.exitCode(), result.err());
      assertTrue(result.err().contains("port " + busy), result.err());
    }
  }
}
