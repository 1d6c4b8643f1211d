package dev.sectionsearch.bench;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Measures typo tolerance on the test collections: each query with one generated typo in every word
 * of 5 letters or more (seeded), searched with typo tolerance on and off, against the correctly
 * spelt query; the correctly spelt queries with it on and off (their rankings must not change); and
 * the latency of both.
 *
 * <pre>
 * java -jar bench/target/sectionsearch-bench.jar [EVAL_DIR] --typos [--out DIR]
 * </pre>
 */
final class TypoEval {
  /** The seed of the generated typos: the same typos every run. */
  static final long SEED = 30;

  private static final int TOP = 10;

  private TypoEval() {}

  static void report(PrintStream console, Path eval, Path out) throws IOException {
    List<TestCollection> collections =
        List.of(
            new SciFact(eval.resolve("scifact"), Integer.MAX_VALUE),
            new Cacm(eval.resolve("cacm"), out));
    List<String[]> rows = new ArrayList<>();
    List<String[]> latency = new ArrayList<>();
    for (TestCollection collection : collections) {
      Path folder = Evaluate.indexFolder(collection, IndexingPath.CODE, out);
      Evaluate.index(collection, IndexingPath.CODE, folder, out);
      try (SectionIndex index = Settings.defaults().builder().folder(folder).readOnly().build()) {
        measure(collection, index, rows, latency);
      }
    }
    console.println("Typo tolerance, seed " + SEED + " (one typo in each word of 5+ letters)");
    console.println();
    Evaluate.printTable(
        console,
        new String[] {
          "collection",
          "queries",
          "nDCG@10 spelt, off",
          "spelt, on",
          "rankings changed",
          "nDCG@10 typos, off",
          "typos, on",
          "top-10 found, off",
          "top-10 found, on",
          "did you mean = query",
          "words restored"
        },
        rows);
    console.println();
    Evaluate.printTable(
        console,
        new String[] {
          "collection",
          "spelt off p50/p99 ms",
          "spelt on p50/p99 ms",
          "typos off p50/p99 ms",
          "typos on p50/p99 ms"
        },
        latency);
  }

  private static void measure(
      TestCollection collection, SectionIndex index, List<String[]> rows, List<String[]> latency)
      throws IOException {
    Map<String, String> queries = collection.queries();
    Map<String, String> misspelt = misspell(queries, new Random(SEED));
    Map<String, List<String>> speltOff = new LinkedHashMap<>();
    Map<String, List<String>> speltOn = new LinkedHashMap<>();
    Map<String, List<String>> typosOff = new LinkedHashMap<>();
    Map<String, List<String>> typosOn = new LinkedHashMap<>();
    int changed = 0;
    int meant = 0;
    int corrected = 0;
    int words = 0;
    int wordsMeant = 0;
    for (Map.Entry<String, String> query : queries.entrySet()) {
      String id = query.getKey();
      speltOff.put(id, ranking(search(index, query.getValue(), false, Evaluate.DEPTH)));
      SearchResults on = search(index, query.getValue(), true, Evaluate.DEPTH);
      speltOn.put(id, ranking(on));
      if (!scores(on).equals(scores(search(index, query.getValue(), false, Evaluate.DEPTH)))) {
        changed++;
        if (Boolean.getBoolean("typos.verbose")) {
          System.err.println(
              "changed: " + query.getValue() + " -> " + on.didYouMean().orElse("(none)"));
        }
      }
      typosOff.put(id, ranking(search(index, misspelt.get(id), false, Evaluate.DEPTH)));
      SearchResults typos = search(index, misspelt.get(id), true, Evaluate.DEPTH);
      typosOn.put(id, ranking(typos));
      if (!misspelt.get(id).equals(query.getValue())) {
        String[] meantWords = query.getValue().split(" ", -1);
        String[] typedWords = misspelt.get(id).split(" ", -1);
        String[] fixedWords = typos.didYouMean().orElse(misspelt.get(id)).split(" ", -1);
        for (int w = 0; w < meantWords.length; w++) {
          if (!meantWords[w].equals(typedWords[w])) {
            words++;
            if (fixedWords.length == meantWords.length
                && fixedWords[w].equalsIgnoreCase(meantWords[w])) {
              wordsMeant++;
            }
          }
        }
        corrected++;
        if (typos
            .didYouMean()
            .filter(text -> text.equalsIgnoreCase(query.getValue()))
            .isPresent()) {
          meant++;
        }
      }
    }
    Qrels qrels = collection.qrels();
    rows.add(
        new String[] {
          collection.name(),
          String.valueOf(queries.size()),
          Evaluate.format(TrecEval.mean(speltOff, qrels).get("ndcg_cut_10")),
          Evaluate.format(TrecEval.mean(speltOn, qrels).get("ndcg_cut_10")),
          String.valueOf(changed),
          Evaluate.format(TrecEval.mean(typosOff, qrels).get("ndcg_cut_10")),
          Evaluate.format(TrecEval.mean(typosOn, qrels).get("ndcg_cut_10")),
          percent(overlap(typosOff, speltOff)),
          percent(overlap(typosOn, speltOff)),
          meant + " of " + corrected,
          wordsMeant + " of " + words
        });
    if (Boolean.getBoolean("typos.noLatency")) {
      return;
    }
    latency.add(
        new String[] {
          collection.name(),
          latency(index, queries, false),
          latency(index, queries, true),
          latency(index, misspelt, false),
          latency(index, misspelt, true)
        });
  }

  /**
   * Each query with one typo in each word of 5 letters or more: a letter deleted, inserted,
   * replaced, or two neighbours swapped, at random. Shorter words, and words with anything but
   * letters, are kept: typo tolerance leaves them as typed.
   */
  static Map<String, String> misspell(Map<String, String> queries, Random random) {
    Map<String, String> misspelt = new LinkedHashMap<>();
    for (Map.Entry<String, String> query : queries.entrySet()) {
      String[] words = query.getValue().split(" ", -1);
      for (int i = 0; i < words.length; i++) {
        words[i] = misspellWord(words[i], random);
      }
      misspelt.put(query.getKey(), String.join(" ", words));
    }
    return misspelt;
  }

  private static String misspellWord(String word, Random random) {
    int end = word.length();
    while (end > 0 && !Character.isLetter(word.charAt(end - 1))) {
      end--;
    }
    String letters = word.substring(0, end);
    if (letters.length() < 5 || !letters.chars().allMatch(Character::isLetter)) {
      return word;
    }
    while (true) {
      StringBuilder typo = new StringBuilder(letters);
      int at = random.nextInt(letters.length());
      char letter = (char) ('a' + random.nextInt(26));
      switch (random.nextInt(4)) {
        case 0 -> typo.deleteCharAt(at);
        case 1 -> typo.insert(at, letter);
        case 2 -> typo.setCharAt(at, letter);
        default -> {
          if (at + 1 < letters.length()) {
            typo.setCharAt(at, letters.charAt(at + 1));
            typo.setCharAt(at + 1, letters.charAt(at));
          }
        }
      }
      if (!typo.toString().equalsIgnoreCase(letters)) {
        return typo + word.substring(end);
      }
    }
  }

  private static SearchResults search(SectionIndex index, String query, boolean typos, int limit) {
    try {
      return index.search(
          SearchRequest.of(query).withLimit(limit).withMaxPassages(0).withTypoTolerance(typos));
    } catch (QueryException e) {
      return SearchResults.builder(query).build();
    }
  }

  private static List<String> ranking(SearchResults results) {
    return results.hits().stream()
        .map(SearchHit::docId)
        .map(IndexingPath.CODE::collectionId)
        .toList();
  }

  private static List<String> scores(SearchResults results) {
    return results.hits().stream().map(hit -> hit.docId() + ":" + hit.score()).toList();
  }

  /**
   * The mean share of each query's top 10 in the reference run that the run also has in its top 10.
   */
  private static double overlap(
      Map<String, List<String>> run, Map<String, List<String>> reference) {
    double sum = 0;
    int counted = 0;
    for (Map.Entry<String, List<String>> query : reference.entrySet()) {
      List<String> wanted = top(query.getValue());
      if (wanted.isEmpty()) {
        continue;
      }
      Set<String> found = new HashSet<>(top(run.get(query.getKey())));
      sum += wanted.stream().filter(found::contains).count() / (double) wanted.size();
      counted++;
    }
    return counted == 0 ? 0 : sum / counted;
  }

  private static List<String> top(List<String> ranking) {
    return ranking.subList(0, Math.min(TOP, ranking.size()));
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** p50 and p99 of a page of 10 hits with passages, as a person searches, after a warm-up pass. */
  private static String latency(SectionIndex index, Map<String, String> queries, boolean typos) {
    for (String query : queries.values()) {
      page(index, query, typos);
    }
    long[] nanos = new long[queries.size() * 3];
    int i = 0;
    for (int round = 0; round < 3; round++) {
      for (String query : queries.values()) {
        long start = System.nanoTime();
        page(index, query, typos);
        nanos[i++] = System.nanoTime() - start;
      }
    }
    Arrays.sort(nanos);
    return String.format(
        Locale.ROOT,
        "%.2f / %.2f",
        nanos[nanos.length / 2] / 1e6,
        nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * 0.99) - 1)] / 1e6);
  }

  private static void page(SectionIndex index, String query, boolean typos) {
    try {
      index.search(SearchRequest.of(query).withTypoTolerance(typos));
    } catch (QueryException e) {
      // a query of only exclusions is refused alike both ways
    }
  }
}
