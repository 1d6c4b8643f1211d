package dev.sectionsearch.bench.speed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One system under comparison. Indexing and searching are separate so that indexing can run in a
 * fresh, memory-capped JVM and searching against the finished index.
 */
interface Engine {
  /** The system's name in tables and CSV files. */
  String name();

  /** Whether several threads may add documents at once. */
  boolean indexesConcurrently();

  /** Opens a new, empty index in {@code folder} for writing. */
  Indexer indexer(Path folder) throws Exception;

  /** Opens the finished index in {@code folder} for searching. */
  Searcher searcher(Path folder) throws Exception;

  /** Adds documents; thread-safe when the engine {@linkplain #indexesConcurrently() says so}. */
  interface Indexer extends AutoCloseable {
    void add(CorpusDocument document) throws Exception;

    /** Makes everything added durable, as a user would before relying on the index. */
    void commit() throws Exception;

    @Override
    void close() throws IOException;
  }

  /** Runs queries; thread-safe. */
  interface Searcher extends AutoCloseable {
    /** The top 10 sections for a query, each with its highlighted passages. */
    Answer search(Query query) throws Exception;

    @Override
    void close() throws IOException;
  }

  /** What a search returned: the hits and the characters of highlighted passage text. */
  record Answer(int hits, int passageChars) {}

  /**
   * A benchmark query, written in each system's own syntax from the same words.
   *
   * @param words the words, in order
   * @param phrase whether they form a quoted phrase rather than any-of words
   */
  record Query(List<String> words, boolean phrase) {
    /** The query in the library's and Lucene's classic syntax. */
    String luceneSyntax() {
      String joined = String.join(" ", words);
      return phrase ? "\"" + joined + "\"" : joined;
    }

    /** The query in FTS5's syntax: a phrase, or quoted words joined by OR. */
    String fts5Syntax() {
      if (phrase) {
        return "\"" + String.join(" ", words) + "\"";
      }
      return String.join(" OR ", words.stream().map(word -> "\"" + word + "\"").toList());
    }

    @Override
    public String toString() {
      return luceneSyntax();
    }
  }
}
