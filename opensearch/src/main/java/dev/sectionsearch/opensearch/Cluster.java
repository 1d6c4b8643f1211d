package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.sectionsearch.SectionSearchException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.TransportException;
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
  private final boolean authenticated;

  /** A cluster with the credentials its URLs hold, if any. */
  Cluster(List<String> urls) {
    this(urls, null, null);
  }

  /**
   * @param urls the nodes; a URL's {@code user:password@} is taken as the credentials and never
   *     shown
   * @param user the user name for HTTP basic authentication, or null for the one in the URLs (or
   *     none)
   * @param password its password, or null
   */
  Cluster(List<String> urls, String user, String password) {
    List<String> shown = new ArrayList<>();
    List<HttpHost> hosts = new ArrayList<>();
    String[] credentials = {user, password};
    for (String url : urls) {
      URI uri = uri(url);
      hosts.add(
          new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort() < 0 ? 9200 : uri.getPort()));
      shown.add(
          uri.getScheme()
              + "://"
              + uri.getHost()
              + ":"
              + (uri.getPort() < 0 ? 9200 : uri.getPort()));
      String info = uri.getRawUserInfo();
      if (info != null && credentials[0] == null) {
        int colon = info.indexOf(':');
        credentials[0] = decode(colon < 0 ? info : info.substring(0, colon));
        credentials[1] = colon < 0 ? "" : decode(info.substring(colon + 1));
      }
    }
    this.urls = String.join(",", shown);
    ApacheHttpClient5TransportBuilder builder =
        ApacheHttpClient5TransportBuilder.builder(hosts.toArray(HttpHost[]::new))
            .setMapper(new JacksonJsonpMapper(JSON));
    this.authenticated = credentials[0] != null;
    if (authenticated) {
      // sent with every request rather than after a challenge: OpenSearch's security plugin
      // expects it so, and a request is not sent twice
      String token =
          Base64.getEncoder()
              .encodeToString(
                  (credentials[0] + ":" + (credentials[1] == null ? "" : credentials[1]))
                      .getBytes(StandardCharsets.UTF_8));
      builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + token)});
    }
    this.transport = builder.build();
    // the generic client alone, not through OpenSearchClient, whose typed API of every endpoint
    // (8.7 MB of classes) the CLI jar leaves out
    this.client = new OpenSearchGenericClient(transport);
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * A URL with any {@code user:password@} replaced by {@code ***@}: what messages may show of a URL
   * that could not be read.
   */
  static String redacted(String url) {
    return url.replaceAll("(?<=//)[^/@]*@", "***@");
  }

  // the URI's own exception quotes the URL with its password: it is dropped, not chained
  @SuppressWarnings("UnusedException")
  private static URI uri(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an OpenSearch URL: " + redacted(url));
    }
    if (uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          "not an OpenSearch URL (expected http://host:port or https://host:port): "
              + redacted(url));
    }
    return uri;
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
      if (error.isTextual()) {
        return "HTTP " + status + ": " + error.asText();
      }
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
      int status = response.getStatus();
      byte[] bytes =
          response.getBody().isPresent() ? response.getBody().get().bodyAsBytes() : new byte[0];
      JsonNode json;
      try {
        json = parse(bytes);
      } catch (IOException notJson) {
        // a proxy's or the security plugin's plain-text answer: kept as the reason
        json =
            JSON.createObjectNode().put("error", new String(bytes, StandardCharsets.UTF_8).strip());
      }
      return new Reply(status, json);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private SectionSearchException unauthorized() {
    return new SectionSearchException(
        "OpenSearch at "
            + urls
            + (authenticated
                ? " refused the user name and password (HTTP 401)"
                : " needs a user name and password (HTTP 401): give them in the URL"
                    + " (https://USER:PASSWORD@host:port) or, with the CLI, in"
                    + " SECTIONSEARCH_OPENSEARCH_USER and SECTIONSEARCH_OPENSEARCH_PASSWORD"));
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
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      // the transport turns a 401 into an exception rather than a response
      if (cause instanceof TransportException && "Unauthorized access".equals(cause.getMessage())) {
        return unauthorized();
      }
    }
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
