package dev.sectionsearch.opensearch;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster the integration tests run against: {@code SECTIONSEARCH_OPENSEARCH_URL} (or the
 * system property {@code sectionsearch.opensearch.url}), as {@code opensearch/local-cluster.sh
 * start} prints it. Without it the tests fail on CI (env {@code CI} set), where a missing cluster
 * is a broken build, and are skipped with this message elsewhere.
 */
final class TestCluster {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private TestCluster() {}

  static String url() {
    String url = System.getProperty("sectionsearch.opensearch.url");
    if (url == null || url.isBlank()) {
      url = System.getenv("SECTIONSEARCH_OPENSEARCH_URL");
    }
    if (url == null || url.isBlank()) {
      String message =
          "no OpenSearch cluster: start one with `bash opensearch/local-cluster.sh start` and set"
              + " SECTIONSEARCH_OPENSEARCH_URL to the URLs it prints";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    return url;
  }

  /** A name no other test in this run uses, so tests never see each other's sections. */
  static String freshIndexName(String prefix) {
    return String.format(
        Locale.ROOT, "%s-%d-%d", prefix, ProcessHandle.current().pid(), NEXT.incrementAndGet());
  }
}
