package dev.sectionsearch;

import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import java.util.Objects;
import java.util.Set;

/**
 * What one open index can do beyond lexical search, as data: an application can offer only the
 * modes and features its index supports, instead of learning it from a refused search. A search
 * asking for something not listed here is still refused, with a {@link QueryException} that says
 * why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param searchModes the {@linkplain SearchRequest#withMode search modes} the index runs: always
 *     {@link SearchMode#LEXICAL}; semantic and hybrid with vectors and the model they were written
 *     with
 * @param typoTolerance whether {@link SearchRequest#withTypoTolerance(boolean)} can be turned on
 * @param suggestions whether {@link SectionIndex#suggest(String, int)} completes a prefix
 * @param folderOptions whether {@link SectionIndex#addAll(java.nio.file.Path, FolderOptions,
 *     IndexingListener)} takes options
 */
public record Capabilities(
    Set<SearchMode> searchModes,
    boolean typoTolerance,
    boolean suggestions,
    boolean folderOptions) {

  /**
   * Validates the record and copies the modes.
   *
   * @param searchModes the {@linkplain SearchRequest#withMode search modes} the index runs: always
   *     {@link SearchMode#LEXICAL}; semantic and hybrid with vectors and the model they were
   *     written with
   * @param typoTolerance whether {@link SearchRequest#withTypoTolerance(boolean)} can be turned on
   * @param suggestions whether {@link SectionIndex#suggest(String, int)} completes a prefix
   * @param folderOptions whether {@link SectionIndex#addAll(java.nio.file.Path, FolderOptions,
   *     IndexingListener)} takes options
   */
  public Capabilities {
    searchModes = Set.copyOf(Objects.requireNonNull(searchModes, "searchModes"));
    if (!searchModes.contains(SearchMode.LEXICAL)) {
      throw new IllegalArgumentException("every index searches lexically: " + searchModes);
    }
  }

  /**
   * {@return whether the index runs searches in this mode}
   *
   * @param mode the mode to ask about
   */
  public boolean supports(SearchMode mode) {
    return searchModes.contains(Objects.requireNonNull(mode, "mode"));
  }
}
