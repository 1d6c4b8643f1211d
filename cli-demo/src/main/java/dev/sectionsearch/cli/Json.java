package dev.sectionsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sectionsearch.IndexStats;
import dev.sectionsearch.passage.Highlight;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchResults;
import java.time.LocalDate;
import java.util.Optional;

/** The JSON the CLI prints for programs: field names and order are a stable contract. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * {@code {"query", "totalHits", "notes": [text], "hits": [{"docId", "title", "heading",
   * "headingPath", "date", "source", "score", "passages": [{"text", "highlights": [{"start",
   * "end"}]}]}]}}; highlight offsets are UTF-16 indices into the passage text, as Java and
   * JavaScript count. The notes say how the query was read (for example that it was shortened).
   */
  static String results(SearchResults results) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("query", results.query());
    root.put("totalHits", results.totalHits());
    ArrayNode notes = root.putArray("notes");
    results.notes().forEach(notes::add);
    ArrayNode hits = root.putArray("hits");
    for (SearchHit hit : results.hits()) {
      ObjectNode node = hits.addObject();
      node.put("docId", hit.docId());
      node.put("title", hit.title());
      node.put("heading", hit.heading());
      ArrayNode path = node.putArray("headingPath");
      hit.headingPath().forEach(path::add);
      putDate(node, "date", hit.date());
      node.put("source", hit.source());
      node.put("score", hit.score());
      ArrayNode passages = node.putArray("passages");
      for (Passage passage : hit.passages()) {
        ObjectNode passageNode = passages.addObject();
        passageNode.put("text", passage.text());
        ArrayNode highlights = passageNode.putArray("highlights");
        for (Highlight highlight : passage.highlights()) {
          highlights.addObject().put("start", highlight.start()).put("end", highlight.end());
        }
      }
    }
    return root.toString();
  }

  /** {@code {"documents", "sections", "oldest", "newest", "sizeBytes"}}. */
  static String stats(IndexStats stats) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("documents", stats.documents());
    root.put("sections", stats.sections());
    putDate(root, "oldest", stats.oldest());
    putDate(root, "newest", stats.newest());
    root.put("sizeBytes", stats.sizeBytes());
    return root.toString();
  }

  private static void putDate(ObjectNode node, String field, Optional<LocalDate> date) {
    if (date.isPresent()) {
      node.put(field, date.get().toString());
    } else {
      node.putNull(field);
    }
  }
}
