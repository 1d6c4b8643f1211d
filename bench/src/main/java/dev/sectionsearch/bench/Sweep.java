package dev.sectionsearch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures a list of ranking settings on every collection through both paths: each collection is
 * indexed once per path, then searched with each setting (boosts and BM25's parameters act at
 * search time only). The first row is plain BM25 run here, the baseline.
 */
final class Sweep {
  /** The measures a sweep reports per collection and path. */
  private static final List<String> MEASURES = List.of("ndcg_cut_10", "recall_100", "map");

  private Sweep() {}

  /** The settings tried: plain BM25 through the library, each weight alone, then together. */
  static List<Settings> candidates() {
    Settings plain = new Settings(0f, 0f, 0f, 0.9f, 0.4f);
    Settings titleAndProximity = new Settings(0.25f, 0f, 0.2f, 0.9f, 0.4f);
    return List.of(
        plain,
        plain.withTitleBoost(0.25f),
        plain.withTitleBoost(0.5f),
        plain.withTitleBoost(1.2f),
        plain.withProximityBoost(0.1f),
        plain.withProximityBoost(0.2f),
        plain.withProximityBoost(0.3f),
        titleAndProximity.withProximityBoost(0.1f),
        titleAndProximity,
        titleAndProximity.withProximityBoost(0.3f),
        titleAndProximity.withTitleBoost(0.5f),
        new Settings(0.5f, 0.5f, 0.3f, 0.9f, 0.4f),
        plain.withBm25(1.2f, 0.75f),
        titleAndProximity.withBm25(1.2f, 0.75f));
  }

  static void report(
      PrintStream console, List<TestCollection> collections, List<Settings> tried, Path out)
      throws IOException {
    List<String> header = new ArrayList<>(List.of("settings"));
    for (TestCollection collection : collections) {
      for (IndexingPath path : IndexingPath.values()) {
        for (String measure : MEASURES) {
          header.add(
              collection.name() + " " + path.name().toLowerCase(Locale.ROOT) + " " + measure);
        }
      }
    }
    List<String[]> rows = new ArrayList<>();
    List<String> flat = new ArrayList<>(List.of("flat BM25 (raw Lucene)"));
    for (TestCollection collection : collections) {
      Map<String, Double> measures = Evaluate.flatBm25(collection, out);
      // the same flat figures under each indexing path's columns
      for (int path = 0; path < IndexingPath.values().length; path++) {
        MEASURES.forEach(measure -> flat.add(Evaluate.format(measures.get(measure))));
      }
      for (IndexingPath path : IndexingPath.values()) {
        Evaluate.index(collection, path, Evaluate.indexFolder(collection, path, out), out);
      }
    }
    rows.add(flat.toArray(String[]::new));
    console.println(String.join(" | ", flat));
    for (Settings settings : tried) {
      List<String> row = new ArrayList<>(List.of(settings.toString()));
      for (TestCollection collection : collections) {
        for (IndexingPath path : IndexingPath.values()) {
          Evaluate.Result result =
              Evaluate.search(
                  collection, path, Evaluate.indexFolder(collection, path, out), settings, out);
          MEASURES.forEach(measure -> row.add(Evaluate.format(result.measures().get(measure))));
        }
      }
      // each row as it is measured: a sweep takes a while
      console.println(String.join(" | ", row));
      rows.add(row.toArray(String[]::new));
    }
    console.println();
    Evaluate.printTable(console, header.toArray(String[]::new), rows);
  }
}
