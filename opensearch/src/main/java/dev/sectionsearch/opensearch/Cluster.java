package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.sectionsearch.SectionSearchException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The HTTP conversation with the cluster, through the official client's transport: it spreads
 * requests over the nodes given and, when one does not answer, retries the request on the next
 * (marking the node dead for a while), which is what keeps searches answering when a node dies.
 * Requests and responses are JSON trees: the query language is written out as OpenSearch documents
 * it, which keeps the translation readable next to the embedded Lucene query.
 *
 * <p>Thread-safe: the transport pools connections for any number of threads.
 */
final class Cluster implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String urls;
  private final OpenSearchTransport transport;
  private final OpenSearchGenericClient client;

  Cluster(List<String> urls) {
    this.urls = String.join(",", urls);
    List<HttpHost> hosts = new ArrayList<>();
    for (String url : urls) {
      hosts.add(host(url));
    }
    this.transport =
        ApacheHttpClient5TransportBuilder.builder(hosts.toArray(HttpHost[]::new))
            .setMapper(new JacksonJsonpMapper(JSON))
            .build();
    this.client = new OpenSearchClient(transport).generic();
  }

  private static HttpHost host(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an OpenSearch URL: " + url, e);
    }
    if (uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          "not an OpenSearch URL (expected http://host:port): " + url);
    }
    int port = uri.getPort() < 0 ? 9200 : uri.getPort();
    return new HttpHost(uri.getScheme(), uri.getHost(), port);
  }

  /** The cluster's URLs, comma-separated, for messages. */
  String urls() {
    return urls;
  }

  /** A request answered with a status; {@code body} is a JSON tree, NDJSON text or null. */
  record Reply(int status, JsonNode json) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The error OpenSearch gave, in a line. */
    String reason() {
      JsonNode error = json.path("error");
      JsonNode root = error.path("root_cause").path(0);
      String reason = root.path("reason").asText(error.path("reason").asText(""));
      String type = root.path("type").asText(error.path("type").asText(""));
      return reason.isEmpty() ? "HTTP " + status : type + ": " + reason;
    }
  }

  Reply call(String method, String path, Map<String, String> params, Object body) {
    Body content = null;
    if (body instanceof JsonNode json) {
      content = Body.from(bytes(json), "application/json");
    } else if (body instanceof String ndjson) {
      content = Body.from(ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
    }
    try (Response response =
        client.execute(Requests.create(method, path, List.of(), params, content))) {
      JsonNode json =
          response.getBody().isPresent()
              ? parse(response.getBody().get().bodyAsBytes())
              : NullNode.getInstance();
      return new Reply(response.getStatus(), json);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Like {@link #call} for a request that must succeed. */
  JsonNode require(String method, String path, Map<String, String> params, Object body) {
    Reply reply = call(method, path, params, body);
    if (!reply.ok()) {
      throw new SectionSearchException(
          "OpenSearch at " + urls + " refused " + method + " " + path + ": " + reply.reason());
    }
    return reply.json();
  }

  SectionSearchException unreachable(IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new SectionSearchException("OpenSearch at " + urls + " is unreachable: " + reason, e);
  }

  private static byte[] bytes(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }

  private static JsonNode parse(byte[] body) throws IOException {
    return body.length == 0 ? NullNode.getInstance() : JSON.readTree(body);
  }

  @Override
  public void close() {
    try {
      transport.close();
    } catch (IOException e) {
      throw new SectionSearchException("closing the connection to " + urls + " failed", e);
    }
  }
}
