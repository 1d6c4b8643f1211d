package dev.sectionsearch.internal.index;

import static dev.sectionsearch.internal.index.IndexSchema.DATE;
import static dev.sectionsearch.internal.index.IndexSchema.HEADING_PATH;
import static dev.sectionsearch.internal.index.IndexSchema.METADATA;
import static dev.sectionsearch.internal.index.IndexSchema.METADATA_SEPARATOR;
import static dev.sectionsearch.internal.index.IndexSchema.PAGE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.IndexableField;

/**
 * Reads a section back from the fields a section document stores: its metadata, date, heading path
 * and page. Internal; stateless and thread-safe.
 */
public final class StoredSections {
  private StoredSections() {}

  /** The metadata stored in a section document, keys in the order they were written. */
  public static Map<String, List<String>> storedMetadata(org.apache.lucene.document.Document doc) {
    String[] stored = doc.getValues(METADATA);
    if (stored.length == 0) {
      return Map.of();
    }
    Map<String, List<String>> metadata = new LinkedHashMap<>();
    for (String entry : stored) {
      int separator = entry.indexOf(METADATA_SEPARATOR);
      if (separator > 0) {
        metadata
            .computeIfAbsent(entry.substring(0, separator), key -> new ArrayList<>())
            .add(entry.substring(separator + 1));
      }
    }
    return metadata;
  }

  /** The date stored in a section document, if it has one. */
  public static Optional<LocalDate> storedDate(org.apache.lucene.document.Document doc) {
    IndexableField date = doc.getField(DATE);
    return date == null
        ? Optional.empty()
        : Optional.of(LocalDate.ofEpochDay(date.numericValue().longValue()));
  }

  /** The heading path stored in a section document. */
  public static List<String> storedHeadingPath(org.apache.lucene.document.Document doc) {
    return List.of(doc.getValues(HEADING_PATH));
  }

  /** The page a stored section starts on; 0 when its document has none. */
  public static int storedPage(org.apache.lucene.document.Document doc) {
    org.apache.lucene.index.IndexableField page = doc.getField(PAGE);
    return page == null ? 0 : page.numericValue().intValue();
  }
}
