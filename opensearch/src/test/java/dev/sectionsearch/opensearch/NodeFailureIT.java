package dev.sectionsearch.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A node of the local three-node cluster is killed with SIGKILL while documents are being added: no
 * document whose {@code add} returned is lost, searches keep answering (from the replicas promoted
 * in the dead node's place), and an {@code add} the cluster could not take fails naming its
 * document, so that the caller can add it again. The node is started again afterwards.
 *
 * <p>Needs the cluster of {@code opensearch/local-cluster.sh start 3}, whose nodes it kills and
 * starts; skipped with a message against any other cluster.
 */
class NodeFailureIT {
  private static final Path SCRIPT = Path.of("local-cluster.sh");
  private static final int DOCUMENTS = 400;

  @Test
  void killingANodeDuringBulkIndexingLosesNoAcknowledgedDocumentAndSearchesGoOn() throws Exception {
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
    List<String> searchFailures = new ArrayList<>();
    try (OpenSearchSectionIndex index =
        OpenSearchSectionIndex.builder()
            .urls(urls)
            .index(name)
            .shards(3)
            .replicas(1)
            .indexingThreads(4)
            .build()) {
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
                      index.search(SearchRequest.of("falcon kestrel").withLimit(5));
                      if (killed.get()) {
                        searchesAfterKill.incrementAndGet();
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
      assertTrue(searchesAfterKill.get() > 0, "searches answered after the kill");
      assertEquals(List.of(), searchFailures, "every search answered");
      System.out.printf(
          "NodeFailureIT: killed %s after %d acknowledged adds; %d adds in all acknowledged, %d"
              + " refused (added again), %d searches answered after the kill, none failed%n",
          victim, DOCUMENTS / 4, acknowledged.size(), refused.size(), searchesAfterKill.get());
      index.deleteIndex();
    } finally {
      restart(victim);
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
