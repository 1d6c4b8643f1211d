package dev.sectionsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BEIR SciFact (test split): scientific abstracts given to the library as documents built in
 * code, title plus one section of text, as a program holding its own content would.
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
  public void index(SectionIndex index) throws IOException {
    try (BufferedReader lines =
        Files.newBufferedReader(folder.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode doc = JSON.readTree(line);
        Document.Builder builder = Document.builder(doc.get("_id").asText());
        String title = doc.path("title").asText("");
        if (!title.isBlank()) {
          builder.title(title);
        }
        index.add(builder.section("", doc.path("text").asText("")).build());
      }
    }
  }

  @Override
  public Map<String, String> queries() throws IOException {
    Qrels qrels = qrels();
    Map<String, String> queries = new LinkedHashMap<>();
    for (String line : Files.readAllLines(folder.resolve("queries.test.tsv"), StandardCharsets.UTF_8)) {
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
  public Map<String, Double> baseline() {
    // Anserini BM25 flat, BEIR v1.0.0 (k1=0.9, b=0.4)
    return Map.of("ndcg_cut_10", 0.6789, "recall_100", 0.9253, "recall_1000", 0.9767);
  }
}
