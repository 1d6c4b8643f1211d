package dev.sectionsearch.bench;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.trec.TrecRun;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the relevance test collections through the library's public API, each by both paths
 * (documents built in code, and files indexed from a folder), writes a TREC run per collection and
 * path, and prints each measure beside plain BM25 run here and the published BM25 figure.
 *
 * <pre>
 * java -jar bench/target/sectionsearch-bench.jar [EVAL_DIR] [--quick] [--out DIR]
 *     [--title-boost X] [--heading-boost X] [--proximity-boost X] [--bm25 K1 B]
 *     [--sweep | --try TITLE,HEADING,PROXIMITY,K1,B ... | --long-queries | --typos
 *     | --semantic [--reuse] [--export-judging FILE] [--ranking-only] [--collection NAME]
 *         [--model minilm|bge-small|e5-small]]
 * </pre>
 *
 * <p>{@code --sweep} indexes each collection once per path and measures a fixed list of settings on
 * those indexes ({@code --try}, repeated, measures the settings it names instead); {@code
 * --long-queries} measures long SciFact queries (see {@link LongQueries}); {@code --semantic}
 * measures the lexical, semantic and hybrid modes with the bundled embedder (see {@link
 * SemanticEval}); with {@code --ranking-only} it measures the documents built in code only, without
 * the latency and passage reports, and {@code --collection scifact|cacm} measures one collection: a
 * run of a few minutes rather than most of an hour; {@code --model} measures another embedding
 * model than the bundled one (see {@link BenchModel}). {@code --typos} measures typo tolerance (see
 * {@link TypoEval}).
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
    boolean sweep = false;
    boolean longQueries = false;
    boolean typos = false;
    boolean semantic = false;
    boolean reuse = false;
    boolean rankingOnly = false;
    String onlyCollection = null;
    String model = "minilm";
    Path exportJudging = null;
    Settings settings = Settings.defaults();
    List<Settings> tried = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--sweep" -> sweep = true;
        case "--try" -> tried.add(Settings.parse(args[++i]));
        case "--long-queries" -> longQueries = true;
        case "--typos" -> typos = true;
        case "--semantic" -> semantic = true;
        case "--reuse" -> reuse = true;
        case "--ranking-only" -> rankingOnly = true;
        case "--collection" -> onlyCollection = args[++i].toLowerCase(Locale.ROOT);
        case "--model" -> model = args[++i];
        case "--export-judging" -> exportJudging = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--title-boost" -> settings = settings.withTitleBoost(Float.parseFloat(args[++i]));
        case "--heading-boost" -> settings = settings.withHeadingBoost(Float.parseFloat(args[++i]));
        case "--proximity-boost" ->
            settings = settings.withProximityBoost(Float.parseFloat(args[++i]));
        case "--bm25" ->
            settings = settings.withBm25(Float.parseFloat(args[++i]), Float.parseFloat(args[++i]));
        default -> eval = Path.of(args[i]);
      }
    }
    Files.createDirectories(out);
    PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (typos) {
      TypoEval.report(console, eval, out);
      return;
    }
    if (longQueries) {
      LongQueries.report(console, new SciFact(eval.resolve("scifact"), Integer.MAX_VALUE), out);
      return;
    }
    List<TestCollection> collections = new ArrayList<>();
    collections.add(new SciFact(eval.resolve("scifact"), quick ? 50 : Integer.MAX_VALUE));
    if (!quick) {
      collections.add(new Cacm(eval.resolve("cacm"), out));
    }
    if (onlyCollection != null) {
      String only = onlyCollection;
      collections.removeIf(c -> !c.name().toLowerCase(Locale.ROOT).equals(only));
    }
    if (semantic) {
      SemanticEval.report(
          console, collections, out, reuse, exportJudging, rankingOnly, BenchModel.named(model));
      return;
    }
    if (sweep || !tried.isEmpty()) {
      Sweep.report(console, collections, tried.isEmpty() ? Sweep.candidates() : tried, out);
      return;
    }
    console.println("Settings: " + settings);
    List<String[]> rows = new ArrayList<>();
    for (TestCollection collection : collections) {
      Map<IndexingPath, Result> results = new EnumMap<>(IndexingPath.class);
      for (IndexingPath path : IndexingPath.values()) {
        Result result = run(collection, path, settings, out);
        results.put(path, result);
        console.printf(
            Locale.ROOT,
            "%s, %s: %d queries, indexed in %.1f s, searched in %.1f s%n",
            collection.name(),
            path.label(),
            result.queries,
            result.indexSeconds,
            result.searchSeconds);
      }
      Map<String, Double> flat = flatBm25(collection, out);
      for (String measure : TrecEval.MEASURES) {
        double files = results.get(IndexingPath.FILES).measures.get(measure);
        Double published = collection.published().get(measure);
        rows.add(
            new String[] {
              collection.name(),
              measure,
              format(results.get(IndexingPath.CODE).measures.get(measure)),
              format(files),
              format(flat.get(measure)),
              String.format(Locale.ROOT, "%+.4f", files - flat.get(measure)),
              published == null ? "" : format(published)
            });
      }
    }
    printTable(
        console,
        new String[] {
          "collection",
          "metric",
          "built in code",
          "files",
          "plain BM25 here",
          "files - plain",
          "published BM25"
        },
        rows);
    printPassageQuality(console, eval, out, quick);
  }

  private static void printPassageQuality(PrintStream console, Path eval, Path out, boolean quick)
      throws IOException {
    SciFact sciFact = new SciFact(eval.resolve("scifact"), quick ? 50 : Integer.MAX_VALUE);
    PassageQuality.Comparison comparison =
        PassageQuality.measure(sciFact, indexFolder(sciFact, IndexingPath.CODE, out));
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
  record Result(
      int queries, double indexSeconds, double searchSeconds, Map<String, Double> measures) {}

  /** Indexes a collection by one path into a fresh folder under {@code out} and measures it. */
  static Result run(TestCollection collection, IndexingPath path, Settings settings, Path out)
      throws IOException {
    Path folder = indexFolder(collection, path, out);
    double indexSeconds = index(collection, path, folder, out);
    Result searched = search(collection, path, folder, settings, out);
    return new Result(searched.queries, indexSeconds, searched.searchSeconds, searched.measures);
  }

  /** The folder a collection's index by one path is kept in. */
  static Path indexFolder(TestCollection collection, IndexingPath path, Path out) {
    return out.resolve(
        "index-"
            + collection.name().toLowerCase(Locale.ROOT)
            + "-"
            + path.name().toLowerCase(Locale.ROOT));
  }

  /** Builds a collection's index by one path, replacing the folder; returns the seconds taken. */
  static double index(TestCollection collection, IndexingPath path, Path folder, Path work)
      throws IOException {
    return index(collection, path, folder, work, null);
  }

  /** Like {@link #index(TestCollection, IndexingPath, Path, Path)}, with vectors when given one. */
  static double index(
      TestCollection collection, IndexingPath path, Path folder, Path work, Embedder embedder)
      throws IOException {
    Folders.deleteTree(folder);
    long start = System.nanoTime();
    EmbeddedIndex.Builder builder = EmbeddedIndex.builder().folder(folder);
    if (embedder != null) {
      builder.embedder(embedder);
    }
    try (SectionIndex index = builder.build()) {
      path.index(collection, index, work);
      index.commit();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Runs a collection's queries on an index built by one path, searched with the settings. */
  static Result search(
      TestCollection collection, IndexingPath path, Path folder, Settings settings, Path out)
      throws IOException {
    Map<String, String> queries = collection.queries();
    try (SectionIndex index = settings.builder().folder(folder).readOnly().build()) {
      // where each document is one section (both collections, both paths), collapsing changes
      // nothing but costs reading four times the hits
      boolean collapse = index.stats().sections() > index.stats().documents();
      long start = System.nanoTime();
      Map<String, List<String>> run = new LinkedHashMap<>();
      for (Map.Entry<String, String> query : queries.entrySet()) {
        run.put(query.getKey(), search(index, path, query.getValue(), collapse));
      }
      double searchSeconds = (System.nanoTime() - start) / 1e9;
      writeRun(out, collection.name() + "-" + path.name(), run);
      return new Result(queries.size(), 0, searchSeconds, TrecEval.mean(run, collection.qrels()));
    }
  }

  /** Plain BM25's measures on a collection (see {@link FlatBm25}); writes its run. */
  static Map<String, Double> flatBm25(TestCollection collection, Path out) throws IOException {
    Map<String, List<String>> run = FlatBm25.run(collection, DEPTH);
    writeRun(out, collection.name() + "-flat-bm25", run);
    return TrecEval.mean(run, collection.qrels());
  }

  private static void writeRun(Path out, String name, Map<String, List<String>> run)
      throws IOException {
    Path runFile = out.resolve(name.toLowerCase(Locale.ROOT) + ".run");
    try (Writer writer = Files.newBufferedWriter(runFile, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, List<String>> ranking : run.entrySet()) {
        TrecRun.write(writer, ranking.getKey(), ranking.getValue(), "sectionsearch");
      }
    }
  }

  /**
   * The collection's ids of the best {@value #DEPTH} documents, one per document where {@code
   * collapse} says a document may have several sections.
   */
  static List<String> search(
      SectionIndex index, IndexingPath path, String query, boolean collapse) {
    SearchRequest request =
        SearchRequest.of(query).withLimit(DEPTH).withCollapse(collapse).withMaxPassages(0);
    SearchResults results;
    try {
      results = index.search(request);
    } catch (QueryException e) {
      // a query the syntax refuses (e.g. only exclusions) retrieves nothing
      return List.of();
    }
    List<String> ranking = new ArrayList<>(results.hits().size());
    for (SearchHit hit : results.hits()) {
      ranking.add(path.collectionId(hit.docId()));
    }
    return ranking;
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  /** Prints rows as a Markdown table under the header, each column as wide as its widest cell. */
  static void printTable(PrintStream out, String[] header, List<String[]> rows) {
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
      line.append(' ')
          .append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]))
          .append(" |");
    }
    out.println(line);
  }
}
