package dev.sectionsearch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Relevance judgments in TREC form ({@code qid iter docid relevance}): for each query, the judged
 * documents and their grades. Immutable once read.
 */
record Qrels(Map<String, Map<String, Integer>> judgments) {

  static Qrels read(Path file) throws IOException {
    Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] fields = line.trim().split("\\s+", -1);
      if (fields.length < 4) {
        continue;
      }
      judgments
          .computeIfAbsent(fields[0], q -> new LinkedHashMap<>())
          .merge(fields[2], Integer.parseInt(fields[3]), Math::max);
    }
    return new Qrels(judgments);
  }

  /** The grades of one query's judged documents; empty when the query is not judged. */
  Map<String, Integer> of(String queryId) {
    return judgments.getOrDefault(queryId, Collections.emptyMap());
  }

  /** Whether a query has at least one relevant document, as trec_eval requires to score it. */
  boolean isJudged(String queryId) {
    return of(queryId).values().stream().anyMatch(grade -> grade > 0);
  }
}
