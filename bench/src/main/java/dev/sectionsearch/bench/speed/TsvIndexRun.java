package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.speed.CorpusDocument.CorpusSection;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexes the Markdown corpus's pre-split sections ({@code sections.tsv}) with one of the compared
 * systems, one thread, cold: run as its own JVM by {@link FileIndexing}, so the time taken includes
 * JVM start, reading the file and the final commit. Rows of the same page (ids {@code PAGE#N})
 * become one document of several sections.
 *
 * <p>Arguments: {@code SYSTEM SECTIONS.tsv FOLDER}. Prints {@code sections N}.
 */
public final class TsvIndexRun {
  private TsvIndexRun() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    Engine engine = SpeedComparison.engine(args[0]);
    Path tsv = Path.of(args[1]);
    long sections = 0;
    try (Engine.Indexer indexer = engine.indexer(Path.of(args[2]));
        BufferedReader lines = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
      String page = null;
      String title = null;
      List<CorpusSection> pageSections = new ArrayList<>();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] columns = line.split("\t", -1);
        if (columns.length != 5) {
          throw new IOException(tsv + ": not 5 columns: " + line);
        }
        String rowPage = columns[0].substring(0, columns[0].lastIndexOf('#'));
        if (!rowPage.equals(page)) {
          if (page != null) {
            indexer.add(new CorpusDocument(page, title, pageSections));
          }
          page = rowPage;
          title = unescape(columns[1]);
          pageSections = new ArrayList<>();
        }
        pageSections.add(new CorpusSection(unescape(columns[2]), unescape(columns[4])));
        sections++;
      }
      if (page != null) {
        indexer.add(new CorpusDocument(page, title, pageSections));
      }
      indexer.commit();
    }
    System.out.println("sections " + sections);
  }

  /** Undoes the TSV file's escapes of newlines and tabs. */
  static String unescape(String text) {
    return text.replace("\\n", "\n").replace("\\t", "\t");
  }
}
