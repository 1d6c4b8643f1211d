package dev.sectionsearch.bench.speed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times a list of queries against one system: each query's latency with one thread, and the
 * throughput of several threads each running the whole list (in its own rotation of it).
 */
final class SearchRun {
  /** What one timing measured. */
  record Measures(
      int queries,
      double p50Millis,
      double p90Millis,
      double p99Millis,
      double meanMillis,
      double queriesPerSecond,
      double meanHits,
      double meanPassageChars) {}

  private SearchRun() {}

  /**
   * Runs the queries, untimed, at least once and for at least {@code seconds}, so caches and the
   * JIT's compiled code are warm for every system alike: a one-pass warm-up left Java's search code
   * still being compiled during the timed run.
   */
  static void warmUp(Engine.Searcher searcher, List<Engine.Query> queries, double seconds)
      throws Exception {
    long until = System.nanoTime() + (long) (seconds * 1e9);
    do {
      for (Engine.Query query : queries) {
        searcher.search(query);
      }
    } while (System.nanoTime() < until);
  }

  static Measures time(Engine.Searcher searcher, List<Engine.Query> queries, int threads)
      throws Exception {
    int n = queries.size();
    long[][] latencies = new long[threads][n];
    long[][] hits = new long[threads][2];
    List<Thread> workers = new ArrayList<>();
    Exception[] failure = new Exception[threads];
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Runnable work =
          () -> {
            try {
              for (int i = 0; i < n; i++) {
                Engine.Query query = queries.get((i + thread * n / threads) % n);
                long before = System.nanoTime();
                Engine.Answer answer = searcher.search(query);
                latencies[thread][i] = System.nanoTime() - before;
                hits[thread][0] += answer.hits();
                hits[thread][1] += answer.passageChars();
              }
            } catch (Exception e) {
              failure[thread] = e;
            }
          };
      if (threads == 1) {
        work.run();
      } else {
        Thread worker = new Thread(work, "searcher-" + t);
        worker.start();
        workers.add(worker);
      }
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (Exception e : failure) {
      if (e != null) {
        throw e;
      }
    }
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    long totalHits = Arrays.stream(hits).mapToLong(h -> h[0]).sum();
    long totalChars = Arrays.stream(hits).mapToLong(h -> h[1]).sum();
    return new Measures(
        n,
        percentile(all, 50) / 1e6,
        percentile(all, 90) / 1e6,
        percentile(all, 99) / 1e6,
        Arrays.stream(all).average().orElse(0) / 1e6,
        all.length / seconds,
        (double) totalHits / all.length,
        totalHits == 0 ? 0 : (double) totalChars / totalHits);
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
