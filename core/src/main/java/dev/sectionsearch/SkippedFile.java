package dev.sectionsearch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that was not indexed, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file
 * @param reason why it was skipped, readable by a person
 */
public record SkippedFile(Path file, String reason) {
  /**
   * Validates the record.
   *
   * @param file the file
   * @param reason why it was skipped, readable by a person
   */
  public SkippedFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }
}
