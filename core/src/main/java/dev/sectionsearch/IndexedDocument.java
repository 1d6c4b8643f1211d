package dev.sectionsearch;

import dev.sectionsearch.document.Section;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A document as the index holds it: what {@link SectionIndex#get(String)} returns, with every
 * section's whole text, in order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the document id
 * @param title the document's title
 * @param date the document's date, if it has one
 * @param source where the document came from: for a file, its path
 * @param metadata the document's metadata, each key with its values
 * @param sections the sections in document order; their ranges are offsets into the source
 */
public record IndexedDocument(
    String id,
    String title,
    Optional<LocalDate> date,
    String source,
    Map<String, List<String>> metadata,
    List<Section> sections) {

  /**
   * Validates the document and copies its collections.
   *
   * @param id the document id
   * @param title the document's title
   * @param date the document's date, if it has one
   * @param source where the document came from: for a file, its path
   * @param metadata the document's metadata, each key with its values
   * @param sections the sections in document order; their ranges are offsets into the source
   */
  public IndexedDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(source, "source");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    metadata.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    metadata = java.util.Collections.unmodifiableMap(copy);
    sections = List.copyOf(sections);
  }

  /**
   * {@return the section at an ordinal, if the document has it}
   *
   * @param ordinal the section's position in the document, from 0
   */
  public Optional<Section> section(int ordinal) {
    return sections.stream().filter(s -> s.ordinal() == ordinal).findFirst();
  }
}
