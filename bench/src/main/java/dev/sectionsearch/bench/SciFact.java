package dev.sectionsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BEIR SciFact (test split): scientific abstracts, each a title and one paragraph of text; as
 * files, one Markdown file per abstract ({@code # title}, blank line, abstract).
 */
final class SciFact implements TestCollection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;
  private final int maxQueries;

  /**
   * @param folder the folder with {@code corpus.jsonl}, {@code queries.test.tsv} and {@code
   *     qrels.test.txt}
   * @param maxQueries evaluate only the first this many judged queries (for a quick check)
   */
  SciFact(Path folder, int maxQueries) {
    this.folder = folder;
    this.maxQueries = maxQueries;
  }

  @Override
  public String name() {
    return "SciFact";
  }

  @Override
  public List<Text> documents() throws IOException {
    List<Text> documents = new ArrayList<>();
    try (BufferedReader lines =
        Files.newBufferedReader(folder.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          JsonNode doc = JSON.readTree(line);
          documents.add(
              new Text(
                  doc.get("_id").asText(),
                  doc.path("title").asText(""),
                  doc.path("text").asText("")));
        }
      }
    }
    return documents;
  }

  /** Writes the abstracts as they are, unescaped, as a user pasting them into files would. */
  @Override
  public void writeFiles(Path target) throws IOException {
    for (Text text : documents()) {
      String markdown =
          text.title().isBlank() ? text.body() : "# " + text.title() + "\n\n" + text.body();
      Files.writeString(target.resolve(text.id() + ".md"), markdown + "\n", StandardCharsets.UTF_8);
    }
  }

  @Override
  public Map<String, String> queries() throws IOException {
    Qrels qrels = qrels();
    Map<String, String> queries = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(folder.resolve("queries.test.tsv"), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0 && queries.size() < maxQueries && qrels.isJudged(line.substring(0, tab))) {
        queries.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return queries;
  }

  @Override
  public Qrels qrels() throws IOException {
    Qrels all = Qrels.read(folder.resolve("qrels.test.txt"));
    if (maxQueries == Integer.MAX_VALUE) {
      return all;
    }
    // a quick check scores only the queries it runs
    Map<String, Map<String, Integer>> some = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Integer>> entry : all.judgments().entrySet()) {
      if (some.size() < maxQueries) {
        some.put(entry.getKey(), entry.getValue());
      }
    }
    return new Qrels(some);
  }

  @Override
  public Map<String, Double> published() {
    // Anserini BM25 flat, BEIR v1.0.0 (k1=0.9, b=0.4)
    return Map.of("ndcg_cut_10", 0.6789, "recall_100", 0.9253, "recall_1000", 0.9767);
  }
}
