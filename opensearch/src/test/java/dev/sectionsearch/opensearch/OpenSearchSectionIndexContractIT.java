package dev.sectionsearch.opensearch;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionIndexContract;
import dev.sectionsearch.embedding.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The OpenSearch backend against the shared contract, on the cluster named by {@code
 * SECTIONSEARCH_OPENSEARCH_URL}: three shards and one replica, so that ranking across shards (with
 * global statistics) is what the contract compares with the embedded index.
 */
class OpenSearchSectionIndexContractIT extends SectionIndexContract {
  private static final List<String> CREATED = new ArrayList<>();

  @Override
  protected boolean suggests() {
    return false;
  }

  @Override
  protected SectionIndex newIndex() {
    return builder().build();
  }

  @Override
  protected SectionIndex newIndex(Embedder embedder) {
    return builder().embedder(embedder).build();
  }

  private static OpenSearchSectionIndex.Builder builder() {
    String name = TestCluster.freshIndexName("contract");
    synchronized (CREATED) {
      CREATED.add(name);
    }
    return OpenSearchSectionIndex.builder()
        .urls(TestCluster.url())
        .index(name)
        .shards(3)
        .replicas(1);
  }

  @AfterAll
  static void deleteIndexes() {
    // each test closed its index; the indexes themselves go with a connection of their own
    synchronized (CREATED) {
      if (!CREATED.isEmpty()) {
        try (Cluster cluster = new Cluster(List.of(TestCluster.url().split(",")))) {
          for (String name : CREATED) {
            cluster.call("DELETE", "/" + name, Map.of(), null);
          }
        }
      }
      CREATED.clear();
    }
  }
}
