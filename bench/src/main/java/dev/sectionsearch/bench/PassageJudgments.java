package dev.sectionsearch.bench;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.index.ChunkVectors;
import dev.sectionsearch.internal.passage.SemanticPassages;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Whether the passage shown answers the query, judged: SciFact's claims against the passages of
 * their relevant abstracts, graded by a reader who sees the claim and two passages of the same
 * abstract in random order, without knowing which method chose which.
 *
 * <ul>
 *   <li>2: the passage states the finding the claim is about, so a reader can check the claim
 *       against it (it supports or contradicts it);
 *   <li>1: the passage is on the claim's subject but does not state that finding;
 *   <li>0: the passage is not about the claim.
 * </ul>
 *
 * <p>Two pools of hits, both among the relevant hits of each query's hybrid top 10:
 *
 * <ul>
 *   <li><b>shown</b>: the hits the library gave a semantic passage, against the passage the same
 *       section gets by words (its lexical search passage, or its opening when a lexical search
 *       does not find it): is the replacement better than what it replaced?
 *   <li><b>sampled</b>: a seeded sample of the other relevant hits, lexical passage against the
 *       semantic passage the section would get: which method picks the answer more often, where
 *       both could be used?
 * </ul>
 *
 * <p>The grades are kept in {@code judgments/scifact-passages.tsv} by query, document and passage
 * range, so the measure is repeatable; a passage the grades do not cover (after a change to how
 * passages are cut) is counted as unjudged, and {@code --export-judging FILE} writes the pairs for
 * judging again, blinded, with their key in {@code FILE.key}.
 */
final class PassageJudgments {
  private static final String GRADES = "judgments/scifact-passages.tsv";

  /** Hits sampled from those the library keeps word passages for. */
  private static final int SAMPLED = 40;

  private PassageJudgments() {}

  /**
   * A relevant hit's two passages, by words and by meaning.
   *
   * @param pool "shown" when the library showed the passage by meaning, else "other"
   * @param lexicalFound whether the passage by words is a lexical search's (else the opening)
   */
  record Pair(
      String pool,
      String queryId,
      String claim,
      String docId,
      String section,
      Passage words,
      Passage meaning,
      boolean lexicalFound) {}

  /** The relevant hits of each query's hybrid top 10, with their two passages. */
  record Pool(List<Pair> pairs, int hybridHits, int semanticHits) {}

  /** Every relevant hybrid top-10 hit of the collection, from its semantic index. */
  static Pool pool(SectionIndex index, Embedder embedder, TestCollection collection)
      throws IOException {
    Qrels qrels = collection.qrels();
    List<Pair> pairs = new ArrayList<>();
    int hybridHits = 0;
    int semanticHits = 0;
    for (Map.Entry<String, String> query : collection.queries().entrySet()) {
      Map<String, Integer> judged = qrels.of(query.getKey());
      List<SearchHit> hybrid =
          index.search(SearchRequest.of(query.getValue()).withMaxPassages(1)).hits();
      Map<String, Passage> lexical = new HashMap<>();
      for (SearchHit hit :
          index
              .search(
                  SearchRequest.of(query.getValue())
                      .withMode(SearchMode.LEXICAL)
                      .withLimit(Evaluate.DEPTH)
                      .withMaxPassages(1))
              .hits()) {
        if (judged.getOrDefault(hit.docId(), 0) > 0 && !hit.passages().isEmpty()) {
          lexical.put(hit.docId(), hit.passages().get(0));
        }
      }
      float[] queryVector = ChunkVectors.unitVector(embedder.embed(List.of(query.getValue()))[0]);
      for (SearchHit hit : hybrid) {
        hybridHits++;
        boolean shown = !hit.passages().isEmpty() && hit.passages().get(0).semantic();
        semanticHits += shown ? 1 : 0;
        if (judged.getOrDefault(hit.docId(), 0) <= 0 || hit.passages().isEmpty()) {
          continue;
        }
        String section = index.section(hit.docId(), hit.ordinal()).orElseThrow().text();
        Passage words = lexical.get(hit.docId());
        pairs.add(
            new Pair(
                shown ? "shown" : "other",
                query.getKey(),
                query.getValue(),
                hit.docId(),
                section,
                words == null ? opening(section) : words,
                shown ? hit.passages().get(0) : semanticPassage(embedder, queryVector, section),
                words != null));
      }
    }
    return new Pool(pairs, hybridHits, semanticHits);
  }

  /** The pairs to judge: every shown one, and a seeded sample of the others. */
  static List<Pair> judged(List<Pair> pairs) {
    List<Pair> judged = new ArrayList<>();
    List<Pair> others = new ArrayList<>();
    for (Pair pair : pairs) {
      if (pair.pool().equals("shown")) {
        judged.add(pair);
      } else if (pair.lexicalFound()) {
        others.add(pair);
      }
    }
    Collections.shuffle(others, new Random(20261202L));
    for (Pair pair : others.subList(0, Math.min(SAMPLED, others.size()))) {
      judged.add(
          new Pair(
              "sampled",
              pair.queryId(),
              pair.claim(),
              pair.docId(),
              pair.section(),
              pair.words(),
              pair.meaning(),
              true));
    }
    return judged;
  }

  /** A section's opening, as a word passage shows a section none of whose words match. */
  private static Passage opening(String section) {
    int[] first = SemanticPassages.chunks(section, 320).get(0);
    return new Passage(
        section.substring(first[0], first[1]),
        List.of(),
        first[0],
        first[1],
        first[0],
        first[1],
        false);
  }

  /** The semantic passage the index shows for a section: its chunk nearest the query. */
  static Passage semanticPassage(Embedder embedder, float[] query, String section) {
    List<int[]> chunks = SemanticPassages.chunks(section, SemanticPassages.chunkChars(""));
    List<String> texts = new ArrayList<>(chunks.size());
    for (int[] chunk : chunks) {
      texts.add(SemanticPassages.embeddedText("", section, chunk));
    }
    float[][] vectors = embedder.embed(texts);
    float[] scores = new float[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      float[] unit = ChunkVectors.unitVector(vectors[i]);
      for (int d = 0; d < unit.length; d++) {
        scores[i] += unit[d] * query[d];
      }
    }
    return SemanticPassages.passages(section, chunks, scores, 1).get(0);
  }

  /** Prints each pool's grades of the passages by words and by meaning. */
  static void report(PrintStream console, List<Pair> pairs) {
    Map<String, Integer> grades = grades();
    console.println();
    console.println(
        "Judged passages (SciFact, relevant hybrid top-10 hits; 2 = states the claim's finding,"
            + " 1 = on its subject, 0 = not about it; grades in"
            + " bench/src/main/resources/dev/sectionsearch/bench/"
            + GRADES
            + "):");
    List<String[]> rows = new ArrayList<>();
    for (String pool : List.of("shown", "sampled")) {
      int pairsInPool = 0;
      int judged = 0;
      int same = 0;
      double wordsSum = 0;
      double meaningSum = 0;
      int wordsAnswer = 0;
      int meaningAnswer = 0;
      int meaningBetter = 0;
      int wordsBetter = 0;
      for (Pair pair : pairs) {
        if (!pair.pool().equals(pool)) {
          continue;
        }
        pairsInPool++;
        Integer words = grades.get(key(pair.queryId(), pair.docId(), pair.words()));
        Integer meaning = grades.get(key(pair.queryId(), pair.docId(), pair.meaning()));
        if (words == null || meaning == null) {
          continue;
        }
        judged++;
        same += sameRange(pair.words(), pair.meaning()) ? 1 : 0;
        wordsSum += words;
        meaningSum += meaning;
        wordsAnswer += words == 2 ? 1 : 0;
        meaningAnswer += meaning == 2 ? 1 : 0;
        meaningBetter += meaning > words ? 1 : 0;
        wordsBetter += words > meaning ? 1 : 0;
      }
      rows.add(
          new String[] {
            pool,
            Integer.toString(pairsInPool),
            judged + (same > 0 ? " (" + same + " the same passage)" : ""),
            format(wordsSum, judged) + " / " + percent(wordsAnswer, judged),
            format(meaningSum, judged) + " / " + percent(meaningAnswer, judged),
            meaningBetter + " / " + (judged - meaningBetter - wordsBetter) + " / " + wordsBetter
          });
    }
    Evaluate.printTable(
        console,
        new String[] {
          "pool",
          "hits",
          "judged",
          "by words: mean grade / states the finding",
          "by meaning: mean grade / states the finding",
          "meaning better / tie / words better"
        },
        rows);
  }

  /**
   * Writes the pairs no grade covers yet for judging, blinded: each with its claim and its two
   * passages as A and B in random order; the key (which is which, and the ranges) goes to {@code
   * file + ".key"}.
   */
  static void exportForJudging(List<Pair> pairs, Path file) throws IOException {
    Map<String, Integer> grades = grades();
    Random random = new Random(7L);
    StringBuilder blind = new StringBuilder();
    StringBuilder key = new StringBuilder();
    int n = 0;
    for (Pair pair : pairs) {
      boolean wordsJudged = grades.containsKey(key(pair.queryId(), pair.docId(), pair.words()));
      boolean meaningJudged = grades.containsKey(key(pair.queryId(), pair.docId(), pair.meaning()));
      if (wordsJudged && meaningJudged) {
        continue;
      }
      n++;
      boolean wordsFirst = random.nextBoolean();
      Passage a = wordsFirst ? pair.words() : pair.meaning();
      Passage b = wordsFirst ? pair.meaning() : pair.words();
      blind.append(String.format(Locale.ROOT, "## %d%nclaim: %s%n", n, pair.claim()));
      blind.append("A: ").append(flat(a.text())).append('\n');
      blind.append("B: ").append(flat(b.text())).append("\n\n");
      for (String side : List.of("A", "B")) {
        Passage passage = side.equals("A") ? a : b;
        key.append(n)
            .append('\t')
            .append(side)
            .append('\t')
            .append(pair.queryId())
            .append('\t')
            .append(pair.docId())
            .append('\t')
            .append(passage.start())
            .append('\t')
            .append(passage.end())
            .append('\t')
            .append(flat(passage.text()).substring(0, Math.min(60, flat(passage.text()).length())))
            .append('\n');
      }
    }
    Files.writeString(file, blind.toString());
    Files.writeString(Path.of(file + ".key"), key.toString());
    System.out.printf(Locale.ROOT, "%d pairs to judge written to %s%n", n, file);
  }

  private static boolean sameRange(Passage a, Passage b) {
    return a.start() == b.start() && a.end() == b.end();
  }

  private static String key(String queryId, String docId, Passage passage) {
    return queryId + "\t" + docId + "\t" + passage.start() + "\t" + passage.end();
  }

  /** The grades by query, document and range: {@code query doc start end grade [text]}. */
  static Map<String, Integer> grades() {
    Map<String, Integer> grades = new HashMap<>();
    try (InputStream in = PassageJudgments.class.getResourceAsStream(GRADES)) {
      if (in == null) {
        return grades;
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        grades.put(
            fields[0] + "\t" + fields[1] + "\t" + fields[2] + "\t" + fields[3],
            Integer.valueOf(fields[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return grades;
  }

  private static String flat(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  private static String format(double sum, int count) {
    return count == 0 ? "-" : String.format(Locale.ROOT, "%.2f", sum / count);
  }

  private static String percent(int part, int count) {
    return count == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / count);
  }
}
