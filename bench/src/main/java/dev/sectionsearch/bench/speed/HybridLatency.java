package dev.sectionsearch.bench.speed;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.bench.Folders;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.semantic.MiniLmEmbedder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Semantic and hybrid search latency on the speed comparison's corpus at 1x: the same extracted
 * sections and the same query sample as {@link SpeedComparison}, indexed through the public API
 * with the bundled MiniLM embedder (and, for the ratio, without it), then each query timed on one
 * thread in lexical, hybrid and semantic mode.
 *
 * <p>Usage: {@code java -cp sectionsearch-bench.jar dev.sectionsearch.bench.speed.HybridLatency
 * [--corpus DIR] [--fetch-script FILE] [--out DIR] [--queries 500] [--seed N] [--warm-up-seconds 5]
 * [--threads N] [--heap 1g] [--reuse]}
 *
 * <p>Indexing runs in a new JVM per index (as in {@link SpeedComparison}), with all cores by
 * default, so this process holds only what searching needs and its resident memory is that of a
 * searching application. {@code --reuse} keeps the indexes and the section file of an earlier run
 * in the output folder, to time searches again after a change; a reused index keeps the layout it
 * was written with.
 */
public final class HybridLatency {
  /**
   * Documents indexed and thrown away before the timed run with vectors: enough to load the model
   * and compile the indexing code; the model's time per section dwarfs the rest of the warm-up.
   */
  static final int SEMANTIC_WARM_UP_DOCUMENTS = 50;

  /** The settings of one run. */
  record Options(
      Path corpus,
      Path fetchScript,
      Path out,
      int queries,
      long seed,
      double warmUpSeconds,
      int threads,
      String heap,
      boolean reuse) {

    static Options parse(String... args) {
      Path corpus = Corpus.defaultFolder();
      Path fetchScript = Corpus.DEFAULT_FETCH_SCRIPT;
      Path out = Path.of("bench/target/hybrid-latency");
      int queries = 500;
      long seed = QuerySample.DEFAULT_SEED;
      double warmUpSeconds = 5;
      int threads = Runtime.getRuntime().availableProcessors();
      String heap = "1g";
      boolean reuse = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--reuse")) {
          reuse = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("no value for " + args[i]);
        }
        String value = args[++i];
        switch (args[i - 1]) {
          case "--corpus" -> corpus = Path.of(value);
          case "--fetch-script" -> fetchScript = Path.of(value);
          case "--out" -> out = Path.of(value);
          case "--queries" -> queries = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--warm-up-seconds" -> warmUpSeconds = Double.parseDouble(value);
          case "--threads" -> threads = Integer.parseInt(value);
          case "--heap" -> heap = value;
          default -> throw new IllegalArgumentException("unknown option: " + args[i - 1]);
        }
      }
      return new Options(
          corpus, fetchScript, out, queries, seed, warmUpSeconds, threads, heap, reuse);
    }
  }

  /**
   * One kind of search timed over the sample: its figures, the hits it returned and how many of
   * them got a semantic passage.
   */
  record Timing(String search, SearchRun.Measures measures, long hits, long semanticHits) {}

  /**
   * Everything one run measured. The indexing measures are null when the indexes were reused;
   * resident memory is -1 where {@code /proc/self/status} is not there to read.
   */
  record Report(
      long sections,
      IndexRun.Measures withVectors,
      IndexRun.Measures withoutVectors,
      long indexBytesWithVectors,
      long indexBytesWithoutVectors,
      List<Timing> timings,
      long residentBytes,
      long peakResidentBytes) {}

  private HybridLatency() {}

  /** Entry point; see the class comment for arguments. */
  public static void main(String[] args) throws Exception {
    PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    run(Options.parse(args), console);
  }

  static Report run(Options options, PrintStream console) throws Exception {
    Files.createDirectories(options.out());
    Path sectionFile = options.out().resolve("sections.bin");
    Path indexes = options.out().resolve("indexes");
    Engine semantic = LibraryEngine.semantic();
    Engine lexical = new LibraryEngine();
    Path withVectors = indexes.resolve(semantic.name());
    Path withoutVectors = indexes.resolve(lexical.name());
    boolean reuse =
        options.reuse()
            && Files.isRegularFile(sectionFile)
            && Files.isDirectory(withVectors)
            && Files.isDirectory(withoutVectors);
    if (reuse) {
      console.printf(
          Locale.ROOT,
          "reusing the sections in %s and the indexes in %s (their layout is the one they were"
              + " written with)%n",
          sectionFile,
          indexes);
    } else {
      SpeedComparison.extract(options.corpus(), options.fetchScript(), sectionFile, console);
    }
    List<Engine.Query> queries =
        SpeedComparison.drawQueries(
            sectionFile, options.queries(), options.seed(), options.out(), console);

    IndexRun.Measures vectorsMeasures = null;
    IndexRun.Measures lexicalMeasures = null;
    if (!reuse) {
      Folders.deleteTree(withVectors);
      Folders.deleteTree(withoutVectors);
      lexicalMeasures =
          SpeedComparison.indexInChild(
              lexical,
              withoutVectors,
              sectionFile,
              1,
              options.threads(),
              options.heap(),
              IndexRun.WARM_UP_DOCUMENTS);
      vectorsMeasures =
          SpeedComparison.indexInChild(
              semantic,
              withVectors,
              sectionFile,
              1,
              options.threads(),
              options.heap(),
              SEMANTIC_WARM_UP_DOCUMENTS);
      console.printf(
          Locale.ROOT,
          "index with vectors (MiniLM), %d thread(s): %d sections in %.1f s, %.1f sections/s%n",
          options.threads(),
          vectorsMeasures.sections(),
          vectorsMeasures.seconds(),
          vectorsMeasures.sections() / vectorsMeasures.seconds());
      console.printf(
          Locale.ROOT,
          "index without vectors, %d thread(s): %d sections in %.1f s, %.1f sections/s;"
              + " with vectors takes %.1fx as long%n",
          options.threads(),
          lexicalMeasures.sections(),
          lexicalMeasures.seconds(),
          lexicalMeasures.sections() / lexicalMeasures.seconds(),
          vectorsMeasures.seconds() / lexicalMeasures.seconds());
    }
    long bytesWithVectors = Folders.sizeOf(withVectors);
    long bytesWithoutVectors = Folders.sizeOf(withoutVectors);

    List<Timing> timings = new ArrayList<>();
    long sections;
    try (SectionIndex vectors =
            EmbeddedIndex.builder()
                .folder(withVectors)
                .readOnly()
                .embedder(MiniLmEmbedder.create())
                .build();
        SectionIndex words = EmbeddedIndex.builder().folder(withoutVectors).readOnly().build()) {
      sections = vectors.stats().sections();
      console.printf(
          Locale.ROOT,
          "searching %d sections, one thread, %d queries, after %.0f s of warm-up each%n",
          sections,
          queries.size(),
          options.warmUpSeconds());
      int passages = SearchRequest.DEFAULT_MAX_PASSAGES;
      // the speed comparison's request (LibraryEngine's): the defaults, ten hits with passages
      timings.add(
          time(
              "lexical, " + passages + " passages, index without vectors",
              words,
              query -> SearchRequest.of(query),
              queries,
              options,
              console));
      timings.add(
          time(
              "lexical, " + passages + " passages",
              vectors,
              query -> SearchRequest.of(query).withMode(SearchMode.LEXICAL),
              queries,
              options,
              console));
      timings.add(
          time(
              "hybrid, no passages",
              vectors,
              query -> SearchRequest.of(query).withMode(SearchMode.HYBRID).withMaxPassages(0),
              queries,
              options,
              console));
      timings.add(
          time(
              "hybrid, " + passages + " passages",
              vectors,
              query -> SearchRequest.of(query).withMode(SearchMode.HYBRID),
              queries,
              options,
              console));
      timings.add(
          time(
              "semantic, " + passages + " passages",
              vectors,
              query -> SearchRequest.of(query).withMode(SearchMode.SEMANTIC),
              queries,
              options,
              console));
    }
    long[] resident = residentMemory();
    console.printf(
        Locale.ROOT,
        "process: resident %.0f MB now, %.0f MB at most (model, both indexes open, searching);"
            + " index on disk %.1f MB with vectors, %.1f MB without (%.0f bytes a section more)%n",
        resident[0] / 1e6,
        resident[1] / 1e6,
        bytesWithVectors / 1e6,
        bytesWithoutVectors / 1e6,
        (bytesWithVectors - bytesWithoutVectors) / (double) Math.max(1, sections));
    return new Report(
        sections,
        vectorsMeasures,
        lexicalMeasures,
        bytesWithVectors,
        bytesWithoutVectors,
        timings,
        resident[0],
        resident[1]);
  }

  /** Warms one kind of search up, then times it over the sample on one thread. */
  private static Timing time(
      String name,
      SectionIndex index,
      Function<String, SearchRequest> request,
      List<Engine.Query> queries,
      Options options,
      PrintStream console)
      throws Exception {
    long[] counts = new long[2]; // hits, hits with a semantic passage; one thread
    Engine.Searcher searcher =
        new Engine.Searcher() {
          @Override
          public Engine.Answer search(Engine.Query query) {
            SearchResults results = index.search(request.apply(query.luceneSyntax()));
            int chars = 0;
            for (SearchHit hit : results.hits()) {
              counts[0]++;
              if (hit.passages().stream().anyMatch(Passage::semantic)) {
                counts[1]++;
              }
              chars += hit.passages().stream().mapToInt(passage -> passage.text().length()).sum();
            }
            return new Engine.Answer(results.hits().size(), chars);
          }

          @Override
          public void close() {
            // the index is the caller's
          }
        };
    SearchRun.warmUp(searcher, queries, options.warmUpSeconds());
    counts[0] = 0;
    counts[1] = 0;
    SearchRun.Measures measures = SearchRun.time(searcher, queries, 1);
    console.printf(
        Locale.ROOT,
        "search %-45s p50 %6.2f ms, p99 %6.2f ms, mean %6.2f ms; %.1f hits a query,"
            + " %d of %d hits with a semantic passage%n",
        name + ":",
        measures.p50Millis(),
        measures.p99Millis(),
        measures.meanMillis(),
        measures.meanHits(),
        counts[1],
        counts[0]);
    return new Timing(name, measures, counts[0], counts[1]);
  }

  /** This process's resident memory now and at its peak, in bytes; -1 where unknown. */
  static long[] residentMemory() {
    long[] resident = {-1, -1};
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return resident;
    }
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          resident[0] = kilobytes(line) * 1024;
        } else if (line.startsWith("VmHWM:")) {
          resident[1] = kilobytes(line) * 1024;
        }
      }
    } catch (IOException e) {
      // not Linux after all: unknown
    }
    return resident;
  }

  private static long kilobytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
