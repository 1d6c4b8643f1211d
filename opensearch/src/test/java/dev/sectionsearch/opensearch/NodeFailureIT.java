package dev.sectionsearch.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node of the local three-node cluster is killed with SIGKILL while documents are being added: no
 * document whose {@code add} returned is lost, searches keep answering (from the replicas promoted
 * in the dead node's place), and an {@code add} the cluster could not take fails naming its
 * document, so that the caller can add it again. The node is started again afterwards. Run twice:
 * words only, and with vectors (a small deterministic model), where the searches during the failure
 * are hybrid and afterwards every acknowledged section is found by meaning.
 *
 * <p>Needs the cluster of {@code opensearch/local-cluster.sh start 3}, whose nodes it kills and
 * starts; skipped with a message against any other cluster.
 */
class NodeFailureIT {
  private static final Path SCRIPT = Path.of("local-cluster.sh");
  private static final int DOCUMENTS = 400;

  @ParameterizedTest(name = "vectors: {0}")
  @ValueSource(booleans = {false, true})
  void killingANodeDuringBulkIndexingLosesNoAcknowledgedDocumentAndSearchesGoOn(boolean vectors)
      throws Exception {
    String urls = TestCluster.url();
    Path state =
        Path.of(
            System.getenv()
                .getOrDefault("SECTIONSEARCH_OPENSEARCH_STATE", "/tmp/sectionsearch-opensearch"));
    assumeTrue(
        Files.isRegularFile(state.resolve("nodes"))
            && Files.readString(state.resolve("nodes")).strip().equals("3"),
        "needs the three-node cluster of `opensearch/local-cluster.sh start 3`");
    String victim = victim(urls);
    String name = TestCluster.freshIndexName("faults");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Map<String, String> refused = new ConcurrentHashMap<>();
    AtomicInteger searchesAfterKill = new AtomicInteger();
    AtomicInteger foundAfterKill = new AtomicInteger();
    List<String> searchFailures = new ArrayList<>();
    OpenSearchSectionIndex.Builder builder =
        OpenSearchSectionIndex.builder()
            .urls(urls)
            .index(name)
            .shards(3)
            .replicas(1)
            .indexingThreads(4);
    if (vectors) {
      builder.embedder(new BirdWords());
    }
    try (OpenSearchSectionIndex index = builder.build()) {
      waitForGreen(urls, name);
      AtomicBoolean killed = new AtomicBoolean();
      AtomicBoolean indexing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(5);
      try {
        Future<?> searcher =
            pool.submit(
                () -> {
                  while (indexing.get()) {
                    try {
                      SearchResults results =
                          index.search(
                              vectors
                                  ? SearchRequest.of("falcon kestrel")
                                      .withLimit(5)
                                      .withMode(SearchMode.HYBRID)
                                  : SearchRequest.of("falcon kestrel").withLimit(5));
                      if (killed.get()) {
                        searchesAfterKill.incrementAndGet();
                        if (!results.hits().isEmpty()) {
                          foundAfterKill.incrementAndGet();
                        }
                      }
                    } catch (RuntimeException e) {
                      synchronized (searchFailures) {
                        searchFailures.add(e.getMessage());
                      }
                    }
                  }
                });
        List<Future<?>> adds = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
          String id = "doc-" + i;
          Document document =
              Document.builder(id)
                  .title("Bird " + i)
                  .section("Notes", "A falcon and a kestrel, observation number " + i + ".")
                  .section("More", "Second section of note " + i + " about owls.")
                  .build();
          adds.add(
              pool.submit(
                  () -> {
                    try {
                      index.add(document);
                      if (acknowledged.add(id) && acknowledged.size() == DOCUMENTS / 4) {
                        kill(victim);
                        killed.set(true);
                      }
                    } catch (RuntimeException e) {
                      refused.put(id, String.valueOf(e.getMessage()));
                    }
                  }));
        }
        for (Future<?> add : adds) {
          add.get(5, TimeUnit.MINUTES);
        }
        indexing.set(false);
        searcher.get(1, TimeUnit.MINUTES);
      } finally {
        pool.shutdownNow();
      }
      assertTrue(killed.get(), "the node was killed during indexing");
      refused.forEach(
          (id, message) ->
              assertTrue(message.contains(id), "the failure names " + id + ": " + message));
      for (String id : refused.keySet()) {
        index.add(
            Document.builder(id)
                .title("Bird again")
                .section("Notes", "Added again after the failure.")
                .build());
      }
      index.refresh();
      for (String id : acknowledged) {
        assertTrue(index.get(id).isPresent(), "acknowledged document " + id + " is there");
      }
      assertEquals(DOCUMENTS, index.stats().documents());
      if (vectors) {
        // every section's vectors survived: each is found by meaning (an exact search, since
        // fewer sections than asked for pass its filter), two a document, one a document added
        // again
        SearchResults byMeaning =
            index.search(
                SearchRequest.of("kestrel owl")
                    .withMode(SearchMode.SEMANTIC)
                    .withLimit(SearchRequest.MAX_LIMIT / 10));
        assertEquals(
            2L * DOCUMENTS - refused.size(), byMeaning.hits().size(), "sections by meaning");
        assertEquals(List.of(), byMeaning.notes());
      }
      assertTrue(searchesAfterKill.get() > 0, "searches answered after the kill");
      assertTrue(foundAfterKill.get() > 0, "searches found sections after the kill");
      assertEquals(List.of(), searchFailures, "every search answered");
      System.out.printf(
          "NodeFailureIT (%s): killed %s after %d acknowledged adds; %d adds in all acknowledged, %d"
              + " refused (added again), %d searches answered after the kill (%d with hits), none failed%n",
          vectors ? "with vectors" : "words only",
          victim,
          DOCUMENTS / 4,
          acknowledged.size(),
          refused.size(),
          searchesAfterKill.get(),
          foundAfterKill.get());
      index.deleteIndex();
    } finally {
      restart(victim);
    }
  }

  /**
   * A small deterministic model: each letter word adds to one of 16 dimensions chosen by its hash,
   * so that every text has a vector and texts sharing words are near.
   */
  private static final class BirdWords implements Embedder {
    @Override
    public String modelId() {
      return "test/bird-words";
    }

    @Override
    public int dimensions() {
      return 16;
    }

    @Override
    public float[][] embed(List<String> texts) {
      float[][] vectors = new float[texts.size()][];
      for (int t = 0; t < vectors.length; t++) {
        float[] vector = new float[dimensions()];
        vector[0] = 0.05f;
        for (String word : texts.get(t).toLowerCase(Locale.ROOT).split("[^a-z]+", -1)) {
          if (!word.isEmpty()) {
            vector[1 + Math.floorMod(word.hashCode(), dimensions() - 1)] += 1;
          }
        }
        vectors[t] = vector;
      }
      return vectors;
    }
  }

  /** A data node that is not the elected cluster manager, so that no election slows the test. */
  private static String victim(String urls) {
    try (Cluster cluster = new Cluster(List.of(urls.split(",")))) {
      String manager =
          cluster
              .require("GET", "/_cat/cluster_manager", Map.of("format", "json"), null)
              .path(0)
              .path("node")
              .asText();
      return manager.equals("node-2") ? "1" : "2";
    }
  }

  private static void waitForGreen(String urls, String index) {
    try (Cluster cluster = new Cluster(List.of(urls.split(",")))) {
      cluster.require(
          "GET",
          "/_cluster/health/" + index,
          Map.of("wait_for_status", "green", "timeout", "60s"),
          null);
    }
  }

  private static void kill(String node) {
    script("kill-node", node);
  }

  private static void restart(String node) throws IOException, InterruptedException {
    if (!Files.exists(
        Path.of(
            System.getenv()
                .getOrDefault("SECTIONSEARCH_OPENSEARCH_STATE", "/tmp/sectionsearch-opensearch"),
            "node-" + node,
            "opensearch.pid"))) {
      script("start-node", node);
    }
  }

  private static void script(String command, String node) {
    try {
      Process process =
          new ProcessBuilder("bash", SCRIPT.toString(), command, node).inheritIO().start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("local-cluster.sh " + command + " " + node + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run local-cluster.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
