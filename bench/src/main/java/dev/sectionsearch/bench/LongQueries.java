package dev.sectionsearch.bench;

import dev.sectionsearch.IndexSettings;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures long queries on SciFact with the library's defaults, at several word limits ({@code
 * maxQueryWords}). Each judged query is made at least {@value #LONG_WORDS} words long in two ways,
 * so that its judgments still hold:
 *
 * <ul>
 *   <li>repeated: the query's own text again and again (a pasted text that says the same thing many
 *       times), which a good shortening turns back into the query itself; *
 *   <li>in a prompt: the query inside a fixed paragraph of instructions, the kind an assistant or
 *       an LLM writes around a question ({@link #PROMPT}: 285 words of general English);
 *   <li>among others: the query followed by the next queries of the file, in file order, until the
 *       text is long enough (a question pasted among unrelated ones), where the query's own words
 *       must compete with some 290 words of other topics for a place: a hard case no shortening can
 *       solve, measured to show what is lost.
 * </ul>
 *
 * The queries as given are measured beside them, as the ceiling.
 */
final class LongQueries {
  /** Words a long query has at least; the refused query had 342. */
  static final int LONG_WORDS = 300;

  /** The word limits measured; the last is no limit at all. */
  private static final int[] LIMITS = {16, 32, 64, 128, 100_000};

  /** Documents retrieved per query: enough for nDCG@10 and recall@100. */
  private static final int DEPTH = 100;

  /** Instructions around a question, written for this measurement; {@code %s} is the query. */
  static final String PROMPT =
      "You are a careful assistant helping a reader who wants to understand what is known about"
          + " a question. Please read the question below and find the passages that bear on it"
          + " most directly. Prefer sources that state a finding plainly over those that only"
          + " mention the subject in passing, and prefer recent and well designed work over"
          + " older or anecdotal reports when they disagree. If several passages say the same"
          + " thing, one of them is enough; if they contradict each other, keep both and say"
          + " which one seems better supported and why. Do not guess, do not invent references,"
          + " and do not answer from memory alone: every statement you make should rest on a"
          + " passage you found. Keep the answer short, in plain words that a reader without"
          + " special training can follow, and explain any term that is hard to avoid. When the"
          + " evidence is weak, incomplete or mixed, say so clearly rather than giving a firm"
          + " answer, and point out what would be needed to settle the matter. The question is:"
          + " %s. Take your time, think about what the question really asks, which words in it"
          + " carry the meaning and which are only there to make a sentence, and look for"
          + " passages that use other words for the same ideas as well. Begin with the passages"
          + " that seem most relevant, then check whether the remaining ones add anything new."
          + " When you are done, list the passages you used in the order of their importance,"
          + " each with a sentence on what it contributes, followed by your answer to the"
          + " question in a few sentences at most. Thank you for your help with this task, it is"
          + " much appreciated by everyone who will read the result.";

  private LongQueries() {}

  static void report(PrintStream console, TestCollection collection, Path out) throws IOException {
    Path folder = Evaluate.indexFolder(collection, IndexingPath.CODE, out);
    Evaluate.index(collection, IndexingPath.CODE, folder, out);
    Map<String, String> queries = collection.queries();
    Map<String, Map<String, String>> sets = new LinkedHashMap<>();
    sets.put("as given", queries);
    sets.put("repeated", repeated(queries));
    sets.put("in a prompt", inPrompt(queries));
    sets.put("among others", amongOthers(queries));
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> set : sets.entrySet()) {
      for (int limit : LIMITS) {
        if (set.getKey().equals("as given") && limit != IndexSettings.DEFAULT_MAX_QUERY_WORDS) {
          continue;
        }
        rows.add(measure(collection, folder, set.getKey(), set.getValue(), limit));
        console.println(String.join(" | ", rows.get(rows.size() - 1)));
      }
    }
    console.println();
    Evaluate.printTable(
        console,
        new String[] {
          "queries",
          "mean words",
          "word limit",
          "nDCG@10",
          "recall@100",
          "ms per query",
          "shortened"
        },
        rows);
  }

  private static String[] measure(
      TestCollection collection, Path folder, String name, Map<String, String> queries, int limit)
      throws IOException {
    Map<String, List<String>> run = new LinkedHashMap<>();
    int shortened = 0;
    long words = 0;
    long start;
    long elapsed;
    try (SectionIndex index =
        Settings.defaults().builder().maxQueryWords(limit).folder(folder).readOnly().build()) {
      start = System.nanoTime();
      for (Map.Entry<String, String> query : queries.entrySet()) {
        words += query.getValue().split("\\s+").length;
        List<String> ranking = new ArrayList<>();
        try {
          SearchResults results =
              index.search(
                  SearchRequest.of(query.getValue())
                      .withLimit(DEPTH)
                      .withCollapse(true)
                      .withMaxPassages(0));
          shortened += results.notes().isEmpty() ? 0 : 1;
          for (SearchHit hit : results.hits()) {
            ranking.add(IndexingPath.CODE.collectionId(hit.docId()));
          }
        } catch (QueryException e) {
          // too many terms for Lucene without a limit: the query retrieves nothing
        }
        run.put(query.getKey(), ranking);
      }
      elapsed = System.nanoTime() - start;
    }
    Map<String, Double> measures = TrecEval.mean(run, collection.qrels());
    return new String[] {
      name,
      String.valueOf(words / queries.size()),
      limit >= 100_000 ? "none" : String.valueOf(limit),
      Evaluate.format(measures.get("ndcg_cut_10")),
      Evaluate.format(measures.get("recall_100")),
      String.format(Locale.ROOT, "%.1f", elapsed / 1e6 / queries.size()),
      shortened + " of " + queries.size()
    };
  }

  private static Map<String, String> repeated(Map<String, String> queries) {
    Map<String, String> longQueries = new LinkedHashMap<>();
    queries.forEach(
        (id, text) -> {
          StringBuilder query = new StringBuilder(text);
          while (query.toString().split("\\s+").length < LONG_WORDS) {
            query.append(' ').append(text);
          }
          longQueries.put(id, query.toString());
        });
    return longQueries;
  }

  private static Map<String, String> inPrompt(Map<String, String> queries) {
    Map<String, String> longQueries = new LinkedHashMap<>();
    queries.forEach((id, text) -> longQueries.put(id, String.format(Locale.ROOT, PROMPT, text)));
    return longQueries;
  }

  private static Map<String, String> amongOthers(Map<String, String> queries) {
    List<String> texts = new ArrayList<>(queries.values());
    Map<String, String> longQueries = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, String> query : queries.entrySet()) {
      StringBuilder text = new StringBuilder(query.getValue());
      for (int next = i + 1; text.toString().split("\\s+").length < LONG_WORDS; next++) {
        text.append(' ').append(texts.get(next % texts.size()));
      }
      longQueries.put(query.getKey(), text.toString());
      i++;
    }
    return longQueries;
  }
}
