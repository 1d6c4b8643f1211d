package dev.sectionsearch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A relevance test collection: its documents (as records, and as the files a user would have), its
 * queries and its judgments.
 */
interface TestCollection {
  /** One document as a program holding its own content has it. */
  record Text(String id, String title, String body) {}

  /** The collection's name in reports. */
  String name();

  /** Every document, in collection order. */
  List<Text> documents() throws IOException;

  /**
   * Writes every document into an empty folder as files the way a user has them, each file named by
   * its collection id (plus an extension).
   */
  void writeFiles(Path folder) throws IOException;

  /** Query id to query text, in file order. */
  Map<String, String> queries() throws IOException;

  /** The relevance judgments. */
  Qrels qrels() throws IOException;

  /** Published BM25 figures for this collection, by trec_eval measure name. */
  Map<String, Double> published();
}
