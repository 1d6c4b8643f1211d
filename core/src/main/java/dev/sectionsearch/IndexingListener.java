package dev.sectionsearch;

import java.nio.file.Path;

/**
 * Hears about the progress of {@link SectionIndex#addAll(Path, IndexingListener)}, for progress
 * bars and logs. Calls come one at a time (never concurrently), though not always from the same
 * thread.
 */
@FunctionalInterface
public interface IndexingListener {
  /** Does nothing. */
  IndexingListener NONE = (file, done, total) -> {};

  /**
   * Called after each file has been indexed or skipped.
   *
   * @param file the file just finished
   * @param done files finished so far, including this one
   * @param total files to do in all
   */
  void fileDone(Path file, int done, int total);
}
