package dev.sectionsearch.internal.passage;

import dev.sectionsearch.passage.Passage;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Passages chosen by meaning: the sentences of a section whose vectors are nearest the query's. For
 * a hit that a semantic search found although it holds few or none of the query's words, where a
 * passage built around word matches would show only the section's opening.
 *
 * <p>The section is cut into runs of whole sentences of about {@value PassageBuilder#TARGET_CHARS}
 * characters, the way word passages are; the first {@value #MAX_CANDIDATES} runs are embedded (one
 * call for all the hits of a page) and the nearest become the passages, in reading order. The
 * bounds are what keeps this affordable: a run of 160 characters costs the bundled model 5 to 9 ms
 * on this project's 2-core machine (batching the runs into one model call measured no faster), and
 * a page of ten abstracts that each needed all their runs took 100 to 800 ms, so a page embeds at
 * most {@value #MAX_PAGE_RUNS} runs.
 *
 * <p>Part of the library's internals, public only across its packages. Thread-safe.
 */
public final class SemanticPassages {
  /** The most sentence runs of one section compared with the query. */
  static final int MAX_CANDIDATES = 6;

  /** The most sentence runs embedded for one page of hits. */
  public static final int MAX_PAGE_RUNS = 6;

  private SemanticPassages() {}

  /** One section's candidate runs of sentences, as ranges of its text. */
  public static List<int[]> candidates(String text) {
    List<int[]> runs = new ArrayList<>();
    BreakIterator sentences = new SentenceBreakIterator();
    sentences.setText(text);
    int start = skipSpace(text, 0, text.length());
    int end = start;
    for (int next = sentences.following(start);
        next != BreakIterator.DONE && runs.size() < MAX_CANDIDATES;
        next = sentences.following(next)) {
      end = next;
      if (end - start >= PassageBuilder.TARGET_CHARS / 2) {
        addRun(runs, text, start, end);
        start = skipSpace(text, end, text.length());
        end = start;
      }
      if (next >= text.length()) {
        break;
      }
    }
    if (end > start && runs.size() < MAX_CANDIDATES) {
      addRun(runs, text, start, end);
    }
    return runs;
  }

  private static void addRun(List<int[]> runs, String text, int start, int end) {
    int to = trimSpace(text, start, Math.min(end, start + PassageBuilder.MAX_CHARS));
    if (to < end) {
      // a run longer than a passage may be is cut at the last space before the limit
      int space = text.lastIndexOf(' ', to);
      to = space > start ? trimSpace(text, start, space) : to;
    }
    if (to > start) {
      runs.add(new int[] {start, to});
    }
  }

  /**
   * The best passages of each section, nearest the query first chosen, then put in reading order.
   *
   * @param query the query's unit vector
   * @param texts each section's text
   * @param embed embeds texts into unit vectors, in order
   * @param maxPassages the most passages per section
   */
  public static List<List<Passage>> passages(
      float[] query, List<String> texts, Function<List<String>, float[][]> embed, int maxPassages) {
    List<List<int[]>> runs = new ArrayList<>(texts.size());
    List<String> all = new ArrayList<>();
    for (String text : texts) {
      List<int[]> candidates = candidates(text);
      runs.add(candidates);
      for (int[] run : candidates) {
        all.add(text.substring(run[0], run[1]));
      }
    }
    float[][] vectors = all.isEmpty() ? new float[0][] : embed.apply(all);
    List<List<Passage>> result = new ArrayList<>(texts.size());
    int next = 0;
    for (int i = 0; i < texts.size(); i++) {
      List<int[]> candidates = runs.get(i);
      List<Scored> scored = new ArrayList<>(candidates.size());
      for (int[] run : candidates) {
        scored.add(new Scored(run, dot(query, vectors[next++])));
      }
      scored.sort(Comparator.comparingDouble(Scored::score).reversed());
      List<Scored> kept = new ArrayList<>(scored.subList(0, Math.min(maxPassages, scored.size())));
      kept.sort(Comparator.comparingInt(s -> s.run()[0]));
      List<Passage> passages = new ArrayList<>(kept.size());
      for (Scored s : kept) {
        int from = s.run()[0];
        int to = s.run()[1];
        passages.add(
            new Passage(texts.get(i).substring(from, to), List.of(), from, to, from, to, true));
      }
      result.add(passages);
    }
    return result;
  }

  private record Scored(int[] run, float score) {}

  private static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static int skipSpace(String text, int from, int to) {
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    return from;
  }

  private static int trimSpace(String text, int from, int to) {
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    return to;
  }
}
