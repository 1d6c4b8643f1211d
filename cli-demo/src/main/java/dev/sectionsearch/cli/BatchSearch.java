package dev.sectionsearch.cli;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs a file of queries and writes a TREC run: for each query, its best documents (each
 * document's best section), {@code qid Q0 docid rank score tag} a line.
 */
final class BatchSearch {
  /** Documents per query unless {@code --limit} says otherwise: trec_eval's usual depth. */
  static final int DEPTH = 1000;

  private static final String TAG = "sectionsearch";

  private final Path indexFolder;
  private final int limit;
  private final boolean fileStems;

  BatchSearch(Path indexFolder, int limit, boolean fileStems) {
    this.indexFolder = indexFolder;
    this.limit = limit;
    this.fileStems = fileStems;
  }

  int run(Path queries, Path runFile, PrintWriter out, PrintWriter err) throws IOException {
    int count = 0;
    int failed = 0;
    try (SectionIndex index = SectionIndex.builder().folder(indexFolder).readOnly().build();
        BufferedReader lines = Files.newBufferedReader(queries, StandardCharsets.UTF_8);
        Writer writer = Files.newBufferedWriter(runFile, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new SectionSearchException(
              queries + ":" + lineNumber + ": expected 'id<TAB>query text'");
        }
        String queryId = line.substring(0, tab).strip();
        count++;
        try {
          SearchResults results = index.search(request(line.substring(tab + 1)));
          for (String note : results.notes()) {
            err.println("sectionsearch: query " + queryId + ": " + note);
          }
          write(writer, queryId, results);
        } catch (QueryException e) {
          // one unusable query should not cost the others; it retrieves nothing
          failed++;
          err.println("sectionsearch: query " + queryId + ": " + e.getMessage());
        }
      }
    }
    out.printf("Ran %d queries into %s%s.%n", count, runFile, failed == 0 ? "" : " (" + failed + " failed)");
    return 0;
  }

  private SearchRequest request(String text) {
    return SearchRequest.of(text).withLimit(limit).withCollapse(true).withMaxPassages(0);
  }

  private void write(Writer writer, String queryId, SearchResults results) throws IOException {
    int rank = 0;
    for (SearchHit hit : results.hits()) {
      rank++;
      writer.write(
          String.format(
              Locale.ROOT, "%s Q0 %s %d %.6f %s%n", queryId, docId(hit.docId()), rank, hit.score(), TAG));
    }
  }

  private String docId(String id) {
    if (!fileStems) {
      return id;
    }
    String name = id.substring(id.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
