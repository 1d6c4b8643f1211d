package dev.sectionsearch.search;

import dev.sectionsearch.passage.Passage;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One section that matched a query, with its document's details and its best passages.
 *
 * <p>Immutable and thread-safe.
 *
 * @param docId the id of the section's document
 * @param title the document's title
 * @param heading the section's heading; empty for text before the first heading
 * @param headingPath the headings from the outermost down to the section's own
 * @param ordinal the section's position in its document, from 0
 * @param date the document's date, if it has one
 * @param source where the document came from
 * @param score the relevance score (BM25 with boosts); comparable only within one result list
 * @param start offset of the section in the document's original text
 * @param end offset one past the section's end in the original text
 * @param passages the best excerpts of the section's text, in reading order; the section's
 *     opening sentence when only its heading or title matched
 */
public record SearchHit(
    String docId,
    String title,
    String heading,
    List<String> headingPath,
    int ordinal,
    Optional<LocalDate> date,
    String source,
    float score,
    int start,
    int end,
    List<Passage> passages) {

  /** Validates the hit and copies its lists. */
  public SearchHit {
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(source, "source");
    headingPath = List.copyOf(headingPath);
    passages = List.copyOf(passages);
  }
}
