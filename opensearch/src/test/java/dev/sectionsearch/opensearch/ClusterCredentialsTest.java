package dev.sectionsearch.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sectionsearch.SectionSearchException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials for a secured cluster: sent as HTTP basic authentication on every request, never
 * shown in a message. A fake node records the Authorization header and answers 401 as OpenSearch's
 * security plugin does.
 */
class ClusterCredentialsTest {
  private HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private String hostPort;

  @BeforeEach
  void startFakeNode() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String header = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.add(header == null ? "(none)" : header);
          byte[] body = "Unauthorized".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"OpenSearch\"");
          exchange.sendResponseHeaders(401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    hostPort = "127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopFakeNode() {
    server.stop(0);
  }

  private static String basic(String userAndPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void credentialsInTheUrlAreSentAndNeverShown() {
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () ->
                OpenSearchSectionIndex.builder()
                    .urls("http://alice:s3cr%40t+x@" + hostPort)
                    .index("x")
                    .build());
    assertEquals(basic("alice:s3cr@t+x"), authorizations.get(0));
    assertTrue(e.getMessage().contains("refused the user name and password"), e.getMessage());
    assertTrue(e.getMessage().contains("http://" + hostPort), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr"), e.getMessage());
    assertFalse(e.getMessage().contains("alice:"), e.getMessage());
  }

  @Test
  void credentialsFromTheBuilderAreSentOnEveryRequest() {
    assertThrows(
        SectionSearchException.class,
        () ->
            OpenSearchSectionIndex.builder()
                .urls("http://" + hostPort)
                .credentials("bob", "hunter2")
                .index("x")
                .build());
    assertFalse(authorizations.isEmpty());
    authorizations.forEach(header -> assertEquals(basic("bob:hunter2"), header));
  }

  @Test
  void aClusterThatWantsCredentialsSaysHowToGiveThem() {
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () -> OpenSearchSectionIndex.builder().urls("http://" + hostPort).index("x").build());
    assertEquals("(none)", authorizations.get(0));
    assertTrue(e.getMessage().contains("needs a user name and password"), e.getMessage());
  }

  @Test
  void aPasswordIsNeverEchoedByAnUnreachableOrUnreadableUrl() {
    SectionSearchException down =
        assertThrows(
            SectionSearchException.class,
            () ->
                OpenSearchSectionIndex.builder()
                    .urls("http://carol:hunter2@127.0.0.1:1")
                    .index("x")
                    .build());
    assertTrue(down.getMessage().startsWith("OpenSearch at http://127.0.0.1:1"), down.getMessage());
    assertFalse(down.getMessage().contains("hunter2"), down.getMessage());
    for (String url : List.of("ftp://carol:hunter2@host:21", "http://carol:hunter2@[bad")) {
      IllegalArgumentException bad =
          assertThrows(
              IllegalArgumentException.class,
              () -> OpenSearchSectionIndex.builder().urls(url).index("x").build());
      assertFalse(bad.getMessage().contains("hunter2"), bad.getMessage());
      assertTrue(bad.getMessage().contains("***@"), bad.getMessage());
    }
  }
}
