package dev.sectionsearch.bench;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** Writes TREC run files: {@code qid Q0 docid rank score tag}, one line per retrieved document. */
final class TrecRun {
  private TrecRun() {}

  /**
   * Writes one query's ranking. The score written falls with the rank, so that trec_eval, which
   * sorts by score, keeps the library's order exactly.
   */
  static void write(Writer writer, String queryId, List<String> ranking, String tag)
      throws IOException {
    for (int i = 0; i < ranking.size(); i++) {
      writer.write(
          String.format(
              Locale.ROOT, "%s Q0 %s %d %d %s%n", queryId, ranking.get(i), i + 1, ranking.size() - i, tag));
    }
  }
}
