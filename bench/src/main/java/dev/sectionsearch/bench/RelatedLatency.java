package dev.sectionsearch.bench;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Latency of {@link SectionIndex#related} on an index folder: sections drawn at random (seed 42)
 * from the first 5,000 the index lists, newest first.
 *
 * <pre>
 * java -cp bench/target/sectionsearch-bench.jar dev.sectionsearch.bench.RelatedLatency INDEX_DIR
 * </pre>
 *
 * Prints p50, p90, p99 and the maximum of up to 1,000 calls (limit 10, one thread) after 300 of
 * warm-up, and how many sections had no related section.
 */
public final class RelatedLatency {
  private static final int LIMIT = 10;
  private static final int WARM_UP = 300;
  private static final int MEASURED = 1_000;

  private RelatedLatency() {}

  /** Measures the index folder given as the only argument. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: RelatedLatency INDEX_DIR");
      System.exit(2);
    }
    try (SectionIndex index = EmbeddedIndex.builder().folder(Path.of(args[0])).readOnly().build()) {
      List<SearchHit> sections = new ArrayList<>();
      String after = null;
      while (sections.size() < 5_000) {
        SearchRequest request = SearchRequest.browse().withLimit(1_000).withMaxPassages(0);
        if (after != null) {
          request = request.withAfter(after);
        }
        SearchResults page = index.search(request);
        sections.addAll(page.hits());
        if (page.nextCursor().isEmpty()) {
          break;
        }
        after = page.nextCursor().get();
      }
      Collections.shuffle(sections, new Random(42));
      int warmUp = Math.min(WARM_UP, sections.size() / 2);
      int n = Math.min(MEASURED, sections.size() - warmUp);
      for (int i = 0; i < warmUp; i++) {
        index.related(sections.get(i).docId(), sections.get(i).ordinal(), LIMIT);
      }
      long[] nanos = new long[n];
      int none = 0;
      for (int i = 0; i < n; i++) {
        SearchHit section = sections.get(warmUp + i);
        long start = System.nanoTime();
        SearchResults related = index.related(section.docId(), section.ordinal(), LIMIT);
        nanos[i] = System.nanoTime() - start;
        if (related.hits().isEmpty()) {
          none++;
        }
      }
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "%d sections: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %d without related"
              + " sections%n",
          n,
          nanos[n / 2] / 1e6,
          nanos[n * 9 / 10] / 1e6,
          nanos[n * 99 / 100] / 1e6,
          nanos[n - 1] / 1e6,
          none);
    }
  }
}
