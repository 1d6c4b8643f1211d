package dev.sectionsearch.bench;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Semantic and hybrid search on the test collections ({@code Evaluate --semantic}): indexes each
 * collection with the bundled embedder by both paths, measures the three modes through the public
 * API, compares the two ways of fusing rankings (reciprocal rank fusion, which the library uses,
 * and a min-max normalised sum of scores at several weights), times indexing and hybrid searches,
 * and compares lexical and semantic passages on the same hits.
 */
final class SemanticEval {
  private SemanticEval() {}

  /** Evaluates every collection and prints the tables. */
  static void report(
      PrintStream console,
      List<TestCollection> collections,
      Path out,
      boolean reuse,
      Path exportJudging,
      boolean rankingOnly,
      BenchModel model)
      throws IOException {
    Embedder embedder = model.documents();
    console.printf(
        Locale.ROOT, "Model: %s (%s), load average %s%n", model.name(), embedder.modelId(), load());
    List<String[]> rows = new ArrayList<>();
    List<String[]> fusionRows = new ArrayList<>();
    for (TestCollection collection : collections) {
      for (IndexingPath path :
          rankingOnly ? new IndexingPath[] {IndexingPath.CODE} : IndexingPath.values()) {
        Path lexicalFolder = Path.of(Evaluate.indexFolder(collection, path, out) + "-lexical");
        double lexicalSeconds =
            reuse && Files.isDirectory(lexicalFolder)
                ? Double.NaN
                : Evaluate.index(collection, path, lexicalFolder, out, null);
        Path folder = semanticFolder(collection, path, out, model);
        // --reuse measures searches again on the indexes of an earlier run (no indexing times)
        double seconds =
            reuse && Files.isDirectory(folder)
                ? Double.NaN
                : Evaluate.index(collection, path, folder, out, embedder);
        long sections;
        try (SectionIndex index = EmbeddedIndex.builder().folder(folder).readOnly().build()) {
          sections = index.stats().sections();
        }
        console.printf(
            Locale.ROOT,
            "%s, %s: %d sections indexed in %.1f s with vectors (%.1f sections/s), %.1f s"
                + " without (%.1fx); load average now %s%n",
            collection.name(),
            path.label(),
            sections,
            seconds,
            sections / seconds,
            lexicalSeconds,
            seconds / lexicalSeconds,
            load());
        Map<SearchMode, Ranked> runs = new LinkedHashMap<>();
        Map<String, List<String>> top10;
        try (SectionIndex index =
            EmbeddedIndex.builder().folder(folder).readOnly().embedder(model.queries()).build()) {
          for (SearchMode mode : SearchMode.values()) {
            runs.put(mode, run(index, path, collection.queries(), mode, Evaluate.DEPTH));
          }
          // as an application asks: ten hits, so a hundred candidates of each kind (nDCG@10 only)
          top10 = run(index, path, collection.queries(), SearchMode.HYBRID, 10).ids;
          if (path == IndexingPath.CODE && !rankingOnly) {
            latency(console, collection, index);
          }
        }
        for (SearchMode mode : SearchMode.values()) {
          Map<String, Double> measures = TrecEval.mean(runs.get(mode).ids, collection.qrels());
          rows.add(
              row(collection.name(), path.label(), mode.name().toLowerCase(Locale.ROOT), measures));
        }
        rows.add(
            row(
                collection.name(),
                path.label(),
                "hybrid, 10 hits (100 candidates each)",
                TrecEval.mean(top10, collection.qrels())));
        if (path == IndexingPath.CODE) {
          Ranked lexical = runs.get(SearchMode.LEXICAL);
          Ranked semantic = runs.get(SearchMode.SEMANTIC);
          fusionRows.add(
              row(
                  collection.name(),
                  path.label(),
                  "RRF k=60 (offline)",
                  TrecEval.mean(rrf(lexical, semantic), collection.qrels())));
          for (double weight : new double[] {0.3, 0.5, 0.7}) {
            fusionRows.add(
                row(
                    collection.name(),
                    path.label(),
                    String.format(
                        Locale.ROOT, "min-max %.1f lexical + %.1f semantic", weight, 1 - weight),
                    TrecEval.mean(normalised(lexical, semantic, weight), collection.qrels())));
          }
        }
      }
    }
    String[] header = {"collection", "path", "mode", "nDCG@10", "R@100", "R@1000", "MAP"};
    console.println();
    Evaluate.printTable(console, header, rows);
    console.println();
    console.println("Fusion of the lexical and semantic runs (top 1000 of each):");
    Evaluate.printTable(console, header, fusionRows);
    if (!rankingOnly) {
      passages(console, collections.get(0), out, exportJudging, model);
    }
  }

  /**
   * The folder of a collection's index with vectors: the bundled model's as before, another model's
   * with its name after.
   */
  private static Path semanticFolder(
      TestCollection collection, IndexingPath path, Path out, BenchModel model) {
    String suffix = model.name().equals("minilm") ? "" : "-" + model.name();
    return Path.of(Evaluate.indexFolder(collection, path, out) + "-semantic" + suffix);
  }

  /** The machine's load averages (1, 5 and 15 minutes), or "unknown". */
  private static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ", -1);
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String[] row(
      String collection, String path, String mode, Map<String, Double> measures) {
    return new String[] {
      collection,
      path,
      mode,
      Evaluate.format(measures.get("ndcg_cut_10")),
      Evaluate.format(measures.get("recall_100")),
      Evaluate.format(measures.get("recall_1000")),
      Evaluate.format(measures.get("map"))
    };
  }

  /** A run with each hit's score, for fusing offline. */
  private record Ranked(Map<String, List<String>> ids, Map<String, List<Float>> scores) {}

  private static Ranked run(
      SectionIndex index,
      IndexingPath path,
      Map<String, String> queries,
      SearchMode mode,
      int limit) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    Map<String, List<Float>> scores = new LinkedHashMap<>();
    for (Map.Entry<String, String> query : queries.entrySet()) {
      List<String> ranking = new ArrayList<>();
      List<Float> scored = new ArrayList<>();
      try {
        SearchResults results =
            index.search(
                SearchRequest.of(query.getValue())
                    .withLimit(limit)
                    .withMaxPassages(0)
                    .withMode(mode));
        for (SearchHit hit : results.hits()) {
          ranking.add(path.collectionId(hit.docId()));
          scored.add(hit.score());
        }
      } catch (QueryException e) {
        // nothing retrieved
      }
      ids.put(query.getKey(), ranking);
      scores.put(query.getKey(), scored);
    }
    return new Ranked(ids, scores);
  }

  private static Map<String, List<String>> rrf(Ranked a, Ranked b) {
    Map<String, List<String>> fused = new LinkedHashMap<>();
    for (String query : a.ids.keySet()) {
      Map<String, Double> score = new HashMap<>();
      for (Ranked run : List.of(a, b)) {
        List<String> ids = run.ids.get(query);
        for (int rank = 0; rank < ids.size(); rank++) {
          score.merge(ids.get(rank), 1.0 / (60 + rank + 1), Double::sum);
        }
      }
      fused.put(query, ranked(score));
    }
    return fused;
  }

  private static Map<String, List<String>> normalised(Ranked a, Ranked b, double weight) {
    Map<String, List<String>> fused = new LinkedHashMap<>();
    for (String query : a.ids.keySet()) {
      Map<String, Double> score = new HashMap<>();
      addNormalised(score, a.ids.get(query), a.scores.get(query), weight);
      addNormalised(score, b.ids.get(query), b.scores.get(query), 1 - weight);
      fused.put(query, ranked(score));
    }
    return fused;
  }

  private static void addNormalised(
      Map<String, Double> score, List<String> ids, List<Float> scores, double weight) {
    if (ids.isEmpty()) {
      return;
    }
    double min = scores.stream().mapToDouble(Float::doubleValue).min().orElse(0);
    double max = scores.stream().mapToDouble(Float::doubleValue).max().orElse(1);
    double range = max > min ? max - min : 1;
    for (int i = 0; i < ids.size(); i++) {
      score.merge(ids.get(i), weight * (scores.get(i) - min) / range, Double::sum);
    }
  }

  private static List<String> ranked(Map<String, Double> score) {
    return score.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(Evaluate.DEPTH)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Hybrid searches as an application makes them: ten hits with passages. */
  private static void latency(PrintStream console, TestCollection collection, SectionIndex index)
      throws IOException {
    List<String> queries = new ArrayList<>(collection.queries().values());
    for (String query : queries) {
      index.search(SearchRequest.of(query)); // warm-up
    }
    for (SearchMode mode : SearchMode.values()) {
      for (int passages : new int[] {SearchRequest.DEFAULT_MAX_PASSAGES, 0}) {
        List<Long> nanos = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
          for (String query : queries) {
            long start = System.nanoTime();
            index.search(SearchRequest.of(query).withMode(mode).withMaxPassages(passages));
            nanos.add(System.nanoTime() - start);
          }
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        console.printf(
            Locale.ROOT,
            "%s: %s search, 10 hits, %d passages each, over %d sections: p50 %.1f ms, p99 %.1f ms"
                + " (%d searches)%n",
            collection.name(),
            mode.name().toLowerCase(Locale.ROOT),
            passages,
            index.stats().sections(),
            sorted[sorted.length / 2] / 1e6,
            sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
            sorted.length);
      }
    }
  }

  /**
   * Lexical and semantic passages of the same hits: each SciFact query's relevant hits among the
   * hybrid top 10 that got a semantic passage, against the lexical passage of the same section
   * (from a lexical search of the same query). Two proxies judge them, each biased toward one kind:
   * the share of the query's distinct stemmed words the passage holds (favours lexical passages),
   * and whether the passage holds the sentence of the section with the most query words.
   */
  private static void passages(
      PrintStream console,
      TestCollection collection,
      Path out,
      Path exportJudging,
      BenchModel model)
      throws IOException {
    Path folder = semanticFolder(collection, IndexingPath.CODE, out, model);
    Embedder embedder = model.queries();
    PassageJudgments.Pool pool;
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder).readOnly().embedder(embedder).build()) {
      pool = PassageJudgments.pool(index, embedder, collection);
    }
    Analyzer analyzer = new EnglishAnalyzer();
    int compared = 0;
    double lexicalCoverage = 0;
    double semanticCoverage = 0;
    int lexicalBest = 0;
    int semanticBest = 0;
    for (PassageJudgments.Pair pair : pool.pairs()) {
      if (!pair.lexicalFound()) {
        continue;
      }
      Set<String> queryTerms = new HashSet<>(terms(analyzer, pair.claim()));
      int[] best = bestSentence(analyzer, pair.section(), queryTerms);
      compared++;
      lexicalCoverage += coverage(analyzer, pair.words().text(), queryTerms);
      semanticCoverage += coverage(analyzer, pair.meaning().text(), queryTerms);
      lexicalBest += overlaps(pair.words(), best) ? 1 : 0;
      semanticBest += overlaps(pair.meaning(), best) ? 1 : 0;
    }
    console.println();
    console.printf(
        Locale.ROOT,
        "Passages: %d of %d hybrid top-10 hits got a semantic passage. On the %d relevant hybrid"
            + " top-10 hits that a lexical search also finds, each hit's lexical and semantic"
            + " passage:%n",
        pool.semanticHits(),
        pool.hybridHits(),
        compared);
    console.printf(
        Locale.ROOT,
        "  lexical passage:  %.1f%% of the query's words, holds the section's best-matching"
            + " sentence in %.1f%%%n",
        100 * lexicalCoverage / Math.max(1, compared),
        100.0 * lexicalBest / Math.max(1, compared));
    console.printf(
        Locale.ROOT,
        "  semantic passage: %.1f%% of the query's words, holds the section's best-matching"
            + " sentence in %.1f%%%n",
        100 * semanticCoverage / Math.max(1, compared),
        100.0 * semanticBest / Math.max(1, compared));
    List<PassageJudgments.Pair> judged = PassageJudgments.judged(pool.pairs());
    PassageJudgments.report(console, judged);
    if (exportJudging != null) {
      PassageJudgments.exportForJudging(judged, exportJudging);
    }
  }

  private static boolean overlaps(Passage passage, int[] range) {
    return passage.start() < range[1] && range[0] < passage.end();
  }

  /** The sentence (split at ". ") holding the most distinct query words, as a range. */
  private static int[] bestSentence(Analyzer analyzer, String text, Set<String> queryTerms) {
    int[] best = {0, text.length()};
    double bestCoverage = -1;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf(". ", start);
      end = end < 0 ? text.length() : end + 1;
      double coverage = coverage(analyzer, text.substring(start, end), queryTerms);
      if (coverage > bestCoverage) {
        bestCoverage = coverage;
        best = new int[] {start, end};
      }
      start = end + 1;
    }
    return best;
  }

  private static double coverage(Analyzer analyzer, String text, Set<String> queryTerms) {
    if (queryTerms.isEmpty()) {
      return 0;
    }
    Set<String> found = new HashSet<>(terms(analyzer, text));
    found.retainAll(queryTerms);
    return found.size() / (double) queryTerms.size();
  }

  private static List<String> terms(Analyzer analyzer, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("body", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return terms;
  }
}
