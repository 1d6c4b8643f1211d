package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the OpenSearch backend against the embedded index on BEIR SciFact: nDCG@10 of both, the
 * share of queries whose top 10 is the same, bulk indexing throughput, and search latency with
 * passages. One run, printed as Markdown; not a test.
 *
 * <pre>
 * java -cp ... dev.sectionsearch.opensearch.ScaleOutBench URLS EVAL_FOLDER SHARDS REPLICAS THREADS
 * </pre>
 */
public final class ScaleOutBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScaleOutBench() {}

  record Text(String id, String title, String body) {}

  public static void main(String[] args) throws Exception {
    String urls = args[0];
    Path eval = Path.of(args[1], "scifact");
    int shards = Integer.parseInt(args[2]);
    int replicas = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    List<Text> corpus = new ArrayList<>();
    for (String line : Files.readAllLines(eval.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonNode doc = JSON.readTree(line);
        corpus.add(
            new Text(
                doc.get("_id").asText(),
                doc.path("title").asText(""),
                doc.path("text").asText("")));
      }
    }
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    for (String line : Files.readAllLines(eval.resolve("qrels.test.txt"))) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length >= 4 && !f[0].equals("query-id")) {
        qrels
            .computeIfAbsent(f[0], q -> new LinkedHashMap<>())
            .merge(f[2], Integer.parseInt(f[3]), Math::max);
      }
    }
    Map<String, String> queries = new LinkedHashMap<>();
    for (String line : Files.readAllLines(eval.resolve("queries.test.tsv"))) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        String id = line.substring(0, tab);
        if (qrels.getOrDefault(id, Map.of()).values().stream().anyMatch(g -> g > 0)) {
          queries.put(id, line.substring(tab + 1));
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "SciFact: %d documents, %d judged queries%n", corpus.size(), queries.size());

    try (SectionIndex embedded = SectionIndex.inMemory()) {
      double embeddedSeconds = load(embedded, corpus, threads);
      String name = "scifact-bench";
      try (OpenSearchSectionIndex cluster =
          OpenSearchSectionIndex.builder()
              .urls(urls)
              .index(name)
              .shards(shards)
              .replicas(replicas)
              .indexingThreads(threads)
              .build()) {
        cluster.deleteIndex();
      }
      try (OpenSearchSectionIndex cluster =
          OpenSearchSectionIndex.builder()
              .urls(urls)
              .index(name)
              .shards(shards)
              .replicas(replicas)
              .indexingThreads(threads)
              .build()) {
        double clusterSeconds = load(cluster, corpus, threads);
        System.out.printf(
            Locale.ROOT,
            "indexing: embedded %.1f s (%.0f docs/s), OpenSearch %.1f s (%.0f docs/s), %d threads%n",
            embeddedSeconds,
            corpus.size() / embeddedSeconds,
            clusterSeconds,
            corpus.size() / clusterSeconds,
            threads);
        double ndcgEmbedded = 0;
        double ndcgCluster = 0;
        int sameTop10 = 0;
        float worstScoreDiff = 0;
        for (Map.Entry<String, String> query : queries.entrySet()) {
          List<SearchHit> e = top(embedded, query.getValue(), 10, 0);
          List<SearchHit> c = top(cluster, query.getValue(), 10, 0);
          List<String> eIds = ids(e);
          List<String> cIds = ids(c);
          Map<String, Integer> judged = qrels.get(query.getKey());
          ndcgEmbedded += ndcg(eIds, judged, 10);
          ndcgCluster += ndcg(cIds, judged, 10);
          if (eIds.equals(cIds)) {
            sameTop10++;
            for (int i = 0; i < e.size(); i++) {
              worstScoreDiff =
                  Math.max(worstScoreDiff, Math.abs(e.get(i).score() - c.get(i).score()));
            }
          }
        }
        int n = queries.size();
        System.out.printf(
            Locale.ROOT,
            "nDCG@10: embedded %.4f, OpenSearch %.4f (difference %.4f); same top 10: %d of %d"
                + " (%.1f%%); largest score difference in those: %.2e%n",
            ndcgEmbedded / n,
            ndcgCluster / n,
            Math.abs(ndcgEmbedded - ndcgCluster) / n,
            sameTop10,
            n,
            100.0 * sameTop10 / n,
            worstScoreDiff);
        // latency with passages: a warm-up pass, then one timed pass each
        List<String> texts = new ArrayList<>(queries.values());
        for (String text : texts) {
          top(embedded, text, 10, 2);
          top(cluster, text, 10, 2);
        }
        System.out.println(
            "search with passages (10 hits, 2 passages), one thread: "
                + "embedded "
                + latencies(embedded, texts)
                + "; OpenSearch "
                + latencies(cluster, texts));
        System.out.println("OpenSearch stats: " + cluster.stats());
      }
    }
  }

  private static double load(SectionIndex index, List<Text> corpus, int threads) throws Exception {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Text text : corpus) {
        Document.Builder builder = Document.builder(text.id());
        if (!text.title().isBlank()) {
          builder.title(text.title());
        }
        Document document = builder.section("", text.body()).build();
        done.add(pool.submit(() -> index.add(document)));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    index.commit();
    return (System.nanoTime() - start) / 1e9;
  }

  private static List<SearchHit> top(SectionIndex index, String query, int n, int passages) {
    try {
      return index.search(SearchRequest.of(query).withLimit(n).withMaxPassages(passages)).hits();
    } catch (QueryException e) {
      return List.of();
    }
  }

  private static String latencies(SectionIndex index, List<String> texts) {
    long[] nanos = new long[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      long start = System.nanoTime();
      top(index, texts.get(i), 10, 2);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return String.format(
        Locale.ROOT,
        "p50 %.1f ms, p99 %.1f ms",
        nanos[nanos.length / 2] / 1e6,
        nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * 0.99) - 1)] / 1e6);
  }

  private static List<String> ids(List<SearchHit> hits) {
    List<String> ids = new ArrayList<>();
    hits.forEach(hit -> ids.add(hit.docId()));
    return ids;
  }

  /** nDCG@k as the bench module's TrecEval computes it (graded gain, log2 discount). */
  private static double ndcg(List<String> ranking, Map<String, Integer> judged, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      dcg += Math.max(0, judged.getOrDefault(ranking.get(i), 0)) / log2(i + 2);
    }
    List<Integer> ideal = new ArrayList<>(judged.values());
    ideal.sort(Comparator.reverseOrder());
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += Math.max(0, ideal.get(i)) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
