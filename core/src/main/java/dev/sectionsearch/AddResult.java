package dev.sectionsearch;

import java.util.List;
import java.util.Objects;

/**
 * What adding one document did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param docId the document's id
 * @param status whether it was new, replaced an older version, or was unchanged
 * @param sections how many sections it has in the index
 * @param boilerplateLines lines of trailing page boilerplate left out of its sections
 * @param warnings problems that did not stop it from being indexed (e.g. an ignored bad date)
 */
public record AddResult(
    String docId, Status status, int sections, int boilerplateLines, List<String> warnings) {

  /** What happened to a document that was added. */
  public enum Status {
    /** The id was not in the index; the document was added. */
    ADDED,
    /** The id was in the index with other content; all its old sections were replaced. */
    REPLACED,
    /** The id was in the index with the same content; nothing was done. */
    UNCHANGED
  }

  /**
   * Validates the result and copies the warnings.
   *
   * @param docId the document's id
   * @param status whether it was new, replaced an older version, or was unchanged
   * @param sections how many sections it has in the index
   * @param boilerplateLines lines of trailing page boilerplate left out of its sections
   * @param warnings problems that did not stop it from being indexed (e.g. an ignored bad date)
   */
  public AddResult {
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(status, "status");
    warnings = List.copyOf(warnings);
  }
}
