package dev.sectionsearch.bench;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.trec.TrecRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the relevance test collections through the library's public API with its default
 * configuration, writes a TREC run per collection, and prints each measure beside the published
 * BM25 baseline.
 *
 * <pre>
 * java -jar bench/target/sectionsearch-bench.jar [EVAL_DIR] [--quick] [--out DIR]
 *     [--title-boost X] [--heading-boost X] [--proximity-boost X] [--bm25 K1 B]
 * </pre>
 */
public final class Evaluate {
  /** Documents retrieved per query, as trec_eval's measures expect. */
  static final int DEPTH = 1000;

  private Evaluate() {}

  /** Entry point; see the class comment for arguments. */
  public static void main(String[] args) throws IOException {
    Path eval = Path.of("../shared/eval");
    Path out = Path.of("bench/target/eval");
    boolean quick = false;
    // the library's defaults unless an option asks to measure another setting
    SectionIndex.Builder settings = SectionIndex.builder();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--title-boost" -> settings.titleBoost(Float.parseFloat(args[++i]));
        case "--heading-boost" -> settings.headingBoost(Float.parseFloat(args[++i]));
        case "--proximity-boost" -> settings.proximityBoost(Float.parseFloat(args[++i]));
        case "--bm25" -> settings.bm25(Float.parseFloat(args[++i]), Float.parseFloat(args[++i]));
        default -> eval = Path.of(args[i]);
      }
    }
    Files.createDirectories(out);
    List<TestCollection> collections = new ArrayList<>();
    collections.add(new SciFact(eval.resolve("scifact"), quick ? 50 : Integer.MAX_VALUE));
    if (!quick) {
      collections.add(new Cacm(eval.resolve("cacm"), out));
    }
    PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    for (TestCollection collection : collections) {
      Result result = run(collection, settings, out);
      console.printf(
          Locale.ROOT, "%s: %d queries, indexed in %.1f s, searched in %.1f s%n",
          collection.name(), result.queries, result.indexSeconds, result.searchSeconds);
      for (Map.Entry<String, Double> measure : result.measures.entrySet()) {
        Double baseline = collection.baseline().get(measure.getKey());
        rows.add(
            new String[] {
              collection.name(),
              measure.getKey(),
              format(measure.getValue()),
              baseline == null ? "" : format(baseline),
              baseline == null ? "" : String.format(Locale.ROOT, "%+.4f", measure.getValue() - baseline)
            });
      }
    }
    printTable(console, rows);
    printPassageQuality(console, eval, out, quick);
  }

  private static void printPassageQuality(PrintStream console, Path eval, Path out, boolean quick)
      throws IOException {
    Path folder = Files.createTempDirectory(out, "passages-index");
    PassageQuality.Comparison comparison;
    try {
      comparison =
          PassageQuality.measure(
              new SciFact(eval.resolve("scifact"), quick ? 50 : Integer.MAX_VALUE), folder);
    } finally {
      Folders.deleteTree(folder);
    }
    console.println();
    console.println("Passages of each SciFact query's top hit (first passage):");
    printRow(console, "this library", comparison.library());
    printRow(console, "UnifiedHighlighter defaults", comparison.unifiedHighlighterDefaults());
  }

  private static void printRow(PrintStream console, String name, PassageQuality.Measure measure) {
    console.printf(
        Locale.ROOT,
        "  %-28s %5.1f%% hold a highlighted query term; %.2f distinct query words highlighted;"
            + " mean length %.0f characters (%d hits)%n",
        name,
        100 * measure.highlightedShare(),
        measure.meanDistinctTerms(),
        measure.meanChars(),
        measure.hits());
  }

  /** What one collection's evaluation measured. */
  record Result(int queries, double indexSeconds, double searchSeconds, Map<String, Double> measures) {}

  static Result run(TestCollection collection, SectionIndex.Builder settings, Path out)
      throws IOException {
    try (SectionIndex index = settings.build()) {
      long start = System.nanoTime();
      collection.index(index);
      index.commit();
      double indexSeconds = (System.nanoTime() - start) / 1e9;
      Map<String, String> queries = collection.queries();
      start = System.nanoTime();
      Map<String, List<String>> run = new LinkedHashMap<>();
      Path runFile = out.resolve(collection.name().toLowerCase(Locale.ROOT) + ".run");
      try (Writer writer = Files.newBufferedWriter(runFile, StandardCharsets.UTF_8)) {
        for (Map.Entry<String, String> query : queries.entrySet()) {
          List<String> ranking = search(index, collection, query.getValue());
          run.put(query.getKey(), ranking);
          TrecRun.write(writer, query.getKey(), ranking, "sectionsearch");
        }
      }
      double searchSeconds = (System.nanoTime() - start) / 1e9;
      return new Result(
          queries.size(), indexSeconds, searchSeconds, TrecEval.mean(run, collection.qrels()));
    }
  }

  /** The collection's ids of the best {@value #DEPTH} documents, one per document. */
  private static List<String> search(SectionIndex index, TestCollection collection, String query) {
    SearchRequest request =
        SearchRequest.of(query).withLimit(DEPTH).withCollapse(true).withMaxPassages(0);
    SearchResults results;
    try {
      results = index.search(request);
    } catch (QueryException e) {
      // a query the syntax refuses (e.g. only stop words and exclusions) retrieves nothing
      return List.of();
    }
    List<String> ranking = new ArrayList<>(results.hits().size());
    for (SearchHit hit : results.hits()) {
      ranking.add(collection.collectionId(hit.docId()));
    }
    return ranking;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static void printTable(PrintStream out, List<String[]> rows) {
    String[] header = {"collection", "metric", "this library", "BM25 baseline", "difference"};
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = header[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    printRow(out, header, widths);
    String[] rule = new String[header.length];
    for (int i = 0; i < rule.length; i++) {
      rule[i] = "-".repeat(widths[i]);
    }
    printRow(out, rule, widths);
    rows.forEach(row -> printRow(out, row, widths));
  }

  private static void printRow(PrintStream out, String[] row, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < row.length; i++) {
      line.append(' ').append(String.format("%-" + widths[i] + "s", row[i])).append(" |");
    }
    out.println(line);
  }
}
