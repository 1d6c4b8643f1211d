package dev.sectionsearch.bench;

import dev.sectionsearch.SectionIndex;
import java.io.IOException;
import java.util.Map;

/** A relevance test collection: how to index its documents, its queries and its judgments. */
interface TestCollection {
  /** The collection's name in reports. */
  String name();

  /** Adds every document to the index through the library's public API. */
  void index(SectionIndex index) throws IOException;

  /** The collection's document id for a library document id. */
  default String collectionId(String docId) {
    return docId;
  }

  /** Query id to query text, in file order. */
  Map<String, String> queries() throws IOException;

  Qrels qrels() throws IOException;

  /** Published BM25 figures for this collection, by trec_eval measure name. */
  Map<String, Double> baseline();
}
