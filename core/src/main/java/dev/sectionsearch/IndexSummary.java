package dev.sectionsearch;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What indexing a file or folder did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param added documents that were new
 * @param replaced documents whose older version was replaced
 * @param unchanged documents already indexed with the same content
 * @param sections sections in the added and replaced documents
 * @param boilerplateLines lines of trailing page boilerplate left out of sections
 * @param skipped files that were not indexed, each with its reason
 * @param warnings per document id, problems that did not stop it from being indexed
 * @param removed documents removed because their files are no longer under the folder indexed (see
 *     {@link FolderOptions#removeMissing()})
 */
public record IndexSummary(
    int added,
    int replaced,
    int unchanged,
    long sections,
    long boilerplateLines,
    List<SkippedFile> skipped,
    Map<String, List<String>> warnings,
    int removed) {

  /**
   * A summary of a run that removed no documents.
   *
   * @param added documents that were new
   * @param replaced documents whose older version was replaced
   * @param unchanged documents already indexed with the same content
   * @param sections sections in the added and replaced documents
   * @param boilerplateLines lines of trailing page boilerplate left out of sections
   * @param skipped files that were not indexed, each with its reason
   * @param warnings per document id, problems that did not stop it from being indexed
   */
  public IndexSummary(
      int added,
      int replaced,
      int unchanged,
      long sections,
      long boilerplateLines,
      List<SkippedFile> skipped,
      Map<String, List<String>> warnings) {
    this(added, replaced, unchanged, sections, boilerplateLines, skipped, warnings, 0);
  }

  /**
   * {@return this summary with {@code removed} documents removed}
   *
   * @param removed documents removed because their files are no longer under the folder
   */
  public IndexSummary withRemoved(int removed) {
    return new IndexSummary(
        added, replaced, unchanged, sections, boilerplateLines, skipped, warnings, removed);
  }

  /**
   * Validates the summary and copies its collections.
   *
   * @param added documents that were new
   * @param replaced documents whose older version was replaced
   * @param unchanged documents already indexed with the same content
   * @param sections sections in the added and replaced documents
   * @param boilerplateLines lines of trailing page boilerplate left out of sections
   * @param skipped files that were not indexed, each with its reason
   * @param warnings per document id, problems that did not stop it from being indexed
   * @param removed documents removed because their files are no longer under the folder indexed
   */
  public IndexSummary {
    Objects.requireNonNull(skipped, "skipped");
    Objects.requireNonNull(warnings, "warnings");
    skipped = List.copyOf(skipped);
    warnings = Map.copyOf(warnings);
  }

  /**
   * Documents indexed or found unchanged.
   *
   * @return documents indexed or found unchanged
   */
  public int documents() {
    return added + replaced + unchanged;
  }
}
