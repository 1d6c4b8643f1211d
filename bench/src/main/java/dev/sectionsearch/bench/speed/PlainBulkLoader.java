package dev.sectionsearch.bench.speed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The yardstick for {@code index --opensearch}: a bulk loader as the OpenSearch documentation
 * writes one (title and text analysed by the {@code english} analyzer, 500 documents a {@code
 * _bulk} request, one thread, one refresh at the end), loading a BEIR {@code corpus.jsonl}.
 *
 * <pre>java -cp bench/target/sectionsearch-bench.jar dev.sectionsearch.bench.speed.PlainBulkLoader
 *     http://127.0.0.1:19500 ../shared/eval/scifact/corpus.jsonl plain-scifact</pre>
 */
public final class PlainBulkLoader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private PlainBulkLoader() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path corpus = Path.of(args[1]);
    String index = args[2];
    long start = System.nanoTime();
    send("DELETE", url + "/" + index, null, "application/json");
    send(
        "PUT",
        url + "/" + index,
        "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},\"mappings\":"
            + "{\"properties\":{\"title\":{\"type\":\"text\",\"analyzer\":\"english\"},"
            + "\"text\":{\"type\":\"text\",\"analyzer\":\"english\"}}}}",
        "application/json");
    List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8);
    StringBuilder bulk = new StringBuilder();
    int inBulk = 0;
    for (String line : lines) {
      JsonNode doc = JSON.readTree(line);
      ObjectNode action = JSON.createObjectNode();
      action.putObject("index").put("_index", index).put("_id", doc.path("_id").asText());
      ObjectNode source = JSON.createObjectNode();
      source.put("title", doc.path("title").asText()).put("text", doc.path("text").asText());
      bulk.append(action).append('\n').append(source).append('\n');
      if (++inBulk == 500) {
        send("POST", url + "/_bulk", bulk.toString(), "application/x-ndjson");
        bulk.setLength(0);
        inBulk = 0;
      }
    }
    if (inBulk > 0) {
      send("POST", url + "/_bulk", bulk.toString(), "application/x-ndjson");
    }
    send("POST", url + "/" + index + "/_refresh", null, "application/json");
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%d documents in %.1f s (%.0f docs/s)%n",
        lines.size(),
        seconds,
        lines.size() / seconds);
  }

  private static void send(String method, String url, String body, String type) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .method(method, publisher)
                .header("Content-Type", type)
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if ((response.statusCode() >= 300 && !method.equals("DELETE"))
        || response.body().contains("\"errors\":true")) {
      throw new IllegalStateException(method + " " + url + ": " + response.body());
    }
  }
}
