package dev.sectionsearch.bench.speed;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.opensearch.OpenSearchSectionIndex;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.semantic.MiniLmEmbedder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Search latency of one index made with {@code index --semantic}, on a cluster or in a folder, in
 * lexical and hybrid mode: ten hits with two passages, the queries of a BEIR {@code
 * queries.test.tsv} on one thread, a warm-up pass then one timed pass; prints p50 and p99.
 *
 * <pre>
 * java -cp bench/target/sectionsearch-bench.jar dev.sectionsearch.bench.speed.ClusterSearchLatency
 *     ../shared/eval/scifact/queries.test.tsv scifact http://127.0.0.1:19400   # or a folder</pre>
 */
public final class ClusterSearchLatency {
  private ClusterSearchLatency() {}

  public static void main(String[] args) throws Exception {
    List<String> queries = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        queries.add(line.substring(tab + 1));
      }
    }
    String index = args[1];
    boolean cluster = args.length > 2;
    try (SectionIndex searched =
        cluster
            ? OpenSearchSectionIndex.builder()
                .urls(args[2])
                .index(index)
                .readOnly()
                .embedder(MiniLmEmbedder.create())
                .build()
            : EmbeddedIndex.builder()
                .folder(Path.of(index))
                .readOnly()
                .embedder(MiniLmEmbedder.create())
                .build()) {
      for (SearchMode mode : List.of(SearchMode.LEXICAL, SearchMode.HYBRID)) {
        long[] nanos = new long[queries.size()];
        for (int pass = 0; pass < 2; pass++) {
          for (int i = 0; i < queries.size(); i++) {
            SearchRequest request =
                SearchRequest.of(queries.get(i)).withMode(mode).withMaxPassages(2);
            long start = System.nanoTime();
            searched.search(request);
            nanos[i] = System.nanoTime() - start;
          }
        }
        Arrays.sort(nanos);
        System.out.printf(
            Locale.ROOT,
            "%s %s: p50 %.1f ms, p99 %.1f ms over %d queries%n",
            cluster ? "cluster" : "embedded",
            mode.name().toLowerCase(Locale.ROOT),
            nanos[nanos.length / 2] / 1e6,
            nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
            nanos.length);
      }
    }
  }
}
