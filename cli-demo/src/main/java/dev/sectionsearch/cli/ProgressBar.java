package dev.sectionsearch.cli;

import dev.sectionsearch.IndexingListener;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A one-line progress bar on standard error, redrawn in place. Called from the indexing thread that
 * collects results, one call at a time.
 */
final class ProgressBar implements IndexingListener {
  private static final int WIDTH = 30;

  /** Below this many files a run is quick enough to need no bar. */
  static final int MIN_FILES = 20;

  private final PrintWriter err;
  private int drawn = -1;

  ProgressBar(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void fileDone(Path file, int done, int total) {
    if (total < MIN_FILES) {
      return;
    }
    int filled = (int) ((long) done * WIDTH / total);
    if (filled == drawn && done != total) {
      return;
    }
    drawn = filled;
    err.print(
        "\r["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + done
            + "/"
            + total
            + " files");
    if (done == total) {
      err.print("\r" + " ".repeat(WIDTH + 32) + "\r");
    }
    err.flush();
  }
}
