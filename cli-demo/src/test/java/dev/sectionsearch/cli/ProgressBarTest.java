package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The progress bar drawn on standard error while many files are indexed. */
class ProgressBarTest {
  private final StringWriter err = new StringWriter();
  private final ProgressBar bar = new ProgressBar(new PrintWriter(err));

  @Test
  void drawsHowManyFilesAreDone() {
    bar.fileDone(Path.of("a.txt"), 50, 100);
    assertTrue(err.toString().endsWith("] 50/100 files"), err.toString());
    assertTrue(err.toString().contains("[" + "#".repeat(15) + " ".repeat(15) + "]"));
  }

  @Test
  void clearsItsLineWhenDone() {
    bar.fileDone(Path.of("a.txt"), 100, 100);
    assertTrue(err.toString().endsWith("\r"), "the line is cleared for the summary");
  }

  @Test
  void staysSilentForAFewFiles() {
    bar.fileDone(Path.of("a.txt"), 1, ProgressBar.MIN_FILES - 1);
    assertEquals("", err.toString());
  }
}
