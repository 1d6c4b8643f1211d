package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.Folders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Indexes the same extracted sections with this library, raw Lucene and SQLite FTS5 at several
 * corpus sizes, times the same queries against each, and prints the comparison with the targets;
 * raw figures go to CSV files in the output folder.
 *
 * <p>Usage: {@code java -cp sectionsearch-bench.jar dev.sectionsearch.bench.speed.SpeedComparison
 * [--corpus DIR] [--fetch-script FILE] [--out DIR] [--scales 1,2,4] [--queries 500] [--threads N]
 * [--heap 512m] [--memory-gb 1] [--seed N] [--warm-up-seconds 10] [--runs 3]}
 *
 * <p>Each indexing run and each search timing is repeated {@code --runs} times and the median kept:
 * on a shared two-core machine single runs of the same work differ by 10% and more.
 */
public final class SpeedComparison {
  private static final List<Engine> ENGINES =
      List.of(new LibraryEngine(), new LuceneEngine(), new Fts5Engine());

  /** The settings of one comparison. */
  record Options(
      Path corpus,
      Path fetchScript,
      Path out,
      List<Integer> scales,
      int queries,
      int threads,
      String heap,
      double memoryGb,
      long seed,
      double warmUpSeconds,
      int runs) {

    // an option with a value steps over it (i++ in the body as well as in the header)
    @SuppressWarnings("IncrementInForLoopAndHeader")
    static Options parse(String... args) {
      Path corpus = Corpus.defaultFolder();
      Path fetchScript = Corpus.DEFAULT_FETCH_SCRIPT;
      Path out = Path.of("bench/target/speed");
      List<Integer> scales = List.of(1, 2, 4);
      int queries = 500;
      int threads = Runtime.getRuntime().availableProcessors();
      String heap = "512m";
      double memoryGb = 1;
      long seed = QuerySample.DEFAULT_SEED;
      double warmUpSeconds = 10;
      int runs = 3;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--corpus" -> corpus = Path.of(value);
          case "--fetch-script" -> fetchScript = Path.of(value);
          case "--out" -> out = Path.of(value);
          case "--scales" ->
              scales = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
          case "--queries" -> queries = Integer.parseInt(value);
          case "--threads" -> threads = Integer.parseInt(value);
          case "--heap" -> heap = value;
          case "--memory-gb" -> memoryGb = Double.parseDouble(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--warm-up-seconds" -> warmUpSeconds = Double.parseDouble(value);
          case "--runs" -> runs = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option: " + args[i]);
        }
        i++;
      }
      return new Options(
          corpus,
          fetchScript,
          out,
          scales,
          queries,
          threads,
          heap,
          memoryGb,
          seed,
          warmUpSeconds,
          runs);
    }
  }

  /** One indexing run's figures. */
  record IndexingRow(
      String system,
      String run,
      int scale,
      int threads,
      IndexRun.Measures measures,
      long textBytes) {
    double megabytesPerSecond() {
      return textBytes / 1e6 / measures.seconds();
    }

    double sectionsPerSecond() {
      return measures.sections() / measures.seconds();
    }

    double microsPerSection() {
      return measures.seconds() * 1e6 / measures.sections();
    }
  }

  /** One search timing's figures. */
  record SearchRow(String system, int scale, int threads, SearchRun.Measures measures) {}

  /** Everything one comparison measured. */
  record Report(
      Corpus.Extraction extraction, List<IndexingRow> indexing, List<SearchRow> searching) {}

  private SpeedComparison() {}

  /** Entry point; see the class comment for arguments. */
  public static void main(String[] args) throws Exception {
    PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Options options = Options.parse(args);
    Report report = run(options, console);
    console.println();
    console.print(SpeedTables.render(report, options));
  }

  static Engine engine(String name) {
    if (name.equals(LibraryEngine.SEMANTIC)) {
      return LibraryEngine.semantic(); // not compared here: HybridLatency's
    }
    return ENGINES.stream()
        .filter(engine -> engine.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no system named " + name));
  }

  static Report run(Options options, PrintStream console) throws Exception {
    Files.createDirectories(options.out());
    Path sectionFile = options.out().resolve("sections.bin");
    Corpus.Extraction extraction =
        extract(options.corpus(), options.fetchScript(), sectionFile, console);
    List<Engine.Query> queries =
        drawQueries(sectionFile, options.queries(), options.seed(), options.out(), console);

    List<IndexingRow> indexing = new ArrayList<>();
    List<SearchRow> searching = new ArrayList<>();
    Path indexes = options.out().resolve("indexes");
    for (int scale : options.scales()) {
      long textBytes = extraction.textBytes() * scale;
      for (Engine engine : ENGINES) {
        List<Integer> threadCounts =
            engine.indexesConcurrently() && options.threads() > 1
                ? List.of(1, options.threads())
                : List.of(1);
        Path folder = null;
        for (int threads : threadCounts) {
          Folders.deleteTree(folder);
          folder = indexes.resolve(engine.name() + "-" + scale + "x-" + threads + "t");
          List<IndexRun.Measures> runs = new ArrayList<>();
          for (int run = 0; run < options.runs(); run++) {
            Folders.deleteTree(folder);
            runs.add(indexInChild(engine, folder, sectionFile, scale, threads, options.heap()));
          }
          IndexRun.Measures measures = median(runs, IndexRun.Measures::seconds);
          IndexingRow row =
              new IndexingRow(engine.name(), "index", scale, threads, measures, textBytes);
          indexing.add(row);
          console.printf(
              Locale.ROOT,
              "index  %-13s %dx %d thread(s): %6.1f s, %6.2f MB/s, %8.0f sections/s,"
                  + " live heap %4.0f MB, index %6.1f MB%n",
              engine.name(),
              scale,
              threads,
              measures.seconds(),
              row.megabytesPerSecond(),
              row.sectionsPerSecond(),
              measures.maxLiveHeap() / 1e6,
              measures.indexBytes() / 1e6);
        }
        try (Engine.Searcher searcher = engine.searcher(folder)) {
          SearchRun.warmUp(searcher, queries, options.warmUpSeconds());
          for (int threads : distinct(1, options.threads())) {
            List<SearchRun.Measures> runs = new ArrayList<>();
            for (int run = 0; run < options.runs(); run++) {
              runs.add(SearchRun.time(searcher, queries, threads));
            }
            SearchRun.Measures measures = median(runs, SearchRun.Measures::p50Millis);
            searching.add(new SearchRow(engine.name(), scale, threads, measures));
            console.printf(
                Locale.ROOT,
                "search %-13s %dx %d thread(s): p50 %7.2f ms, p90 %7.2f ms, p99 %7.2f ms,"
                    + " %8.1f queries/s, %.1f hits, %.0f passage chars a hit%n",
                engine.name(),
                scale,
                threads,
                measures.p50Millis(),
                measures.p90Millis(),
                measures.p99Millis(),
                measures.queriesPerSecond(),
                measures.meanHits(),
                measures.meanPassageChars());
          }
        }
        Folders.deleteTree(folder);
      }
    }
    if (options.memoryGb() > 0) {
      Engine library = ENGINES.get(0);
      int repeats = (int) Math.ceil(options.memoryGb() * 1e9 / extraction.textBytes());
      Path folder = indexes.resolve(library.name() + "-memory");
      Folders.deleteTree(folder);
      IndexRun.Measures measures =
          indexInChild(library, folder, sectionFile, repeats, options.threads(), options.heap());
      IndexingRow row =
          new IndexingRow(
              library.name(),
              "memory",
              repeats,
              options.threads(),
              measures,
              extraction.textBytes() * repeats);
      indexing.add(row);
      console.printf(
          Locale.ROOT,
          "memory %-13s %dx (%.2f GB of text) with -Xmx%s: %.1f s, %.2f MB/s, live heap %.0f MB,"
              + " index %.1f MB%n",
          library.name(),
          repeats,
          row.textBytes() / 1e9,
          options.heap(),
          measures.seconds(),
          row.megabytesPerSecond(),
          measures.maxLiveHeap() / 1e6,
          measures.indexBytes() / 1e6);
      Folders.deleteTree(folder);
    }
    Report report = new Report(extraction, indexing, searching);
    SpeedTables.writeCsv(report, options.out());
    return report;
  }

  /**
   * Makes sure the corpus is there (fetching it when absent), splits it into sections in {@code
   * sectionFile} and prints what it read.
   */
  static Corpus.Extraction extract(
      Path corpus, Path fetchScript, Path sectionFile, PrintStream console)
      throws IOException, InterruptedException {
    Corpus.ensurePresent(corpus, fetchScript);
    Corpus.Extraction extraction = Corpus.extract(corpus, sectionFile);
    console.printf(
        Locale.ROOT,
        "corpus: %d pages (%d skipped), %.1f MB of HTML -> %d sections, %.1f MB of text;"
            + " sectioned in %.1f s (%.1f MB/s of HTML, one thread)%n",
        extraction.pages(),
        extraction.skipped(),
        extraction.htmlBytes() / 1e6,
        extraction.sections(),
        extraction.textBytes() / 1e6,
        extraction.seconds(),
        extraction.htmlBytes() / 1e6 / extraction.seconds());
    return extraction;
  }

  /** Draws the query sample from the section file, writes it to queries.tsv in {@code out}. */
  static List<Engine.Query> drawQueries(
      Path sectionFile, int count, long seed, Path out, PrintStream console) throws IOException {
    List<Engine.Query> queries = QuerySample.draw(sectionFile, count, seed);
    Path file = out.resolve("queries.tsv");
    QuerySample.write(queries, file);
    console.printf(Locale.ROOT, "queries: %d, written to %s%n", queries.size(), file);
    return queries;
  }

  /** The run in the middle when ordered by the given figure (the later of two middles). */
  static <T> T median(List<T> runs, ToDoubleFunction<T> figure) {
    List<T> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(figure));
    return sorted.get(sorted.size() / 2);
  }

  private static List<Integer> distinct(int first, int second) {
    return first == second ? List.of(first) : List.of(first, second);
  }

  /** Runs one indexing run in a new JVM with the given heap limit and reads its measures. */
  private static IndexRun.Measures indexInChild(
      Engine engine, Path folder, Path sectionFile, int scale, int threads, String heap)
      throws IOException, InterruptedException {
    return indexInChild(
        engine, folder, sectionFile, scale, threads, heap, IndexRun.WARM_UP_DOCUMENTS);
  }

  /**
   * Runs one indexing run in a new JVM with the given heap limit, after indexing (and throwing
   * away) {@code warmUpDocuments} documents, and reads its measures.
   */
  static IndexRun.Measures indexInChild(
      Engine engine,
      Path folder,
      Path sectionFile,
      int scale,
      int threads,
      String heap,
      int warmUpDocuments)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                IndexRun.class.getName(),
                engine.name(),
                folder.toString(),
                sectionFile.toString(),
                Integer.toString(scale),
                Integer.toString(threads),
                Integer.toString(warmUpDocuments))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Optional<String> result = Optional.empty();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(IndexRun.RESULT)) {
          result = Optional.of(line);
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result.isEmpty()) {
      throw new IllegalStateException(
          "indexing with "
              + engine.name()
              + " at "
              + scale
              + "x, "
              + threads
              + " thread(s), -Xmx"
              + heap
              + " failed (exit "
              + exit
              + ")");
    }
    return IndexRun.Measures.parse(result.get());
  }

  static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }
}
