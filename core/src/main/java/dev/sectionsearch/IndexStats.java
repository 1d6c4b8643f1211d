package dev.sectionsearch;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a committed index holds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param documents how many documents
 * @param sections how many sections
 * @param oldest the earliest section date, if any section has a date
 * @param newest the latest section date, if any section has a date
 * @param sizeBytes the index's size on disk (or in memory)
 */
public record IndexStats(
    long documents,
    long sections,
    Optional<LocalDate> oldest,
    Optional<LocalDate> newest,
    long sizeBytes) {

  /**
   * Validates the record.
   *
   * @param documents how many documents
   * @param sections how many sections
   * @param oldest the earliest section date, if any section has a date
   * @param newest the latest section date, if any section has a date
   * @param sizeBytes the index's size on disk (or in memory)
   */
  public IndexStats {
    Objects.requireNonNull(oldest, "oldest");
    Objects.requireNonNull(newest, "newest");
  }
}
