package dev.sectionsearch.bench;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.SectionIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Latency of {@link SectionIndex#suggest} on an index folder, as a search box asks for it: the
 * prefixes are every beginning (1 to 12 characters) of the index's own suggestions for each letter,
 * so short and long prefixes, of headings and of words, are all asked.
 *
 * <pre>
 * java -cp bench/target/sectionsearch-bench.jar dev.sectionsearch.bench.SuggestLatency INDEX_DIR
 * </pre>
 *
 * Prints the time of the first suggestion (which reads the segments' stored text), then p50, p90
 * and p99 of 20,000 suggestions (limit 8, one thread) after 20,000 of warm-up.
 */
public final class SuggestLatency {
  private static final int LIMIT = 8;
  private static final int WARM_UP = 20_000;
  private static final int MEASURED = 20_000;

  private SuggestLatency() {}

  /** Measures the index folder given as the only argument. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: SuggestLatency INDEX_DIR");
      System.exit(2);
    }
    try (SectionIndex index = EmbeddedIndex.builder().folder(Path.of(args[0])).readOnly().build()) {
      long start = System.nanoTime();
      index.suggest("a", LIMIT);
      double firstMs = (System.nanoTime() - start) / 1e6;
      List<String> prefixes = new ArrayList<>();
      for (char letter = 'a'; letter <= 'z'; letter++) {
        for (String suggestion : index.suggest(String.valueOf(letter), 100)) {
          for (int length = 1; length <= Math.min(12, suggestion.length()); length++) {
            prefixes.add(suggestion.substring(0, length));
          }
        }
      }
      Random random = new Random(30);
      for (int i = 0; i < WARM_UP; i++) {
        index.suggest(prefixes.get(random.nextInt(prefixes.size())), LIMIT);
      }
      long[] nanos = new long[MEASURED];
      long found = 0;
      for (int i = 0; i < MEASURED; i++) {
        String prefix = prefixes.get(random.nextInt(prefixes.size()));
        long before = System.nanoTime();
        found += index.suggest(prefix, LIMIT).size();
        nanos[i] = System.nanoTime() - before;
      }
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "index %s: %d sections, %d distinct prefixes; first suggestion %.1f ms;"
              + " p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms; %.1f suggestions each%n",
          args[0],
          index.stats().sections(),
          prefixes.stream().distinct().count(),
          firstMs,
          nanos[MEASURED / 2] / 1e6,
          nanos[MEASURED * 9 / 10] / 1e6,
          nanos[MEASURED * 99 / 100] / 1e6,
          nanos[MEASURED - 1] / 1e6,
          (double) found / MEASURED);
    }
  }
}
