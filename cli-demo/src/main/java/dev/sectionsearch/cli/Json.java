package dev.sectionsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sectionsearch.Capabilities;
import dev.sectionsearch.IndexStats;
import dev.sectionsearch.IndexedDocument;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.passage.Highlight;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.ScoreExplanation;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchResults;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The JSON the CLI prints for programs: field names and order are a stable contract. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * {@code {"query", "didYouMean", "totalHits", "totalHitsExact", "next", "hits": [{"docId",
   * "title", "heading", "headingPath", "ordinal", "date", "source", "start", "end", "page",
   * "score", "meta": {key: [values]}, "passages": [{"text", "sourceStart", "sourceEnd", "semantic",
   * "highlights": [{"start", "end"}]}], "explain"}], "facets": {key: {value: count}}, "notes":
   * [...]}}; {@code facets} only when asked for; {@code didYouMean} (the query in corrected words)
   * only when a word was corrected; {@code explain} ({@link #explanation}) only when asked for.
   * Highlight offsets are UTF-16 indices into the passage text, as Java and JavaScript count;
   * {@code start}, {@code end}, {@code sourceStart} and {@code sourceEnd} are UTF-16 indices into
   * the source file's text; {@code "page"} (from 1) is there for the sections of a PDF (whose text
   * is the extracted text), else null.
   */
  static String results(SearchResults results) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("query", results.query());
    results.didYouMean().ifPresent(corrected -> root.put("didYouMean", corrected));
    root.put("totalHits", results.totalHits());
    root.put("totalHitsExact", results.totalHitsExact());
    if (results.nextCursor().isPresent()) {
      root.put("next", results.nextCursor().get());
    } else {
      root.putNull("next");
    }
    ArrayNode hits = root.putArray("hits");
    for (SearchHit hit : results.hits()) {
      ObjectNode node = hits.addObject();
      node.put("docId", hit.docId());
      node.put("title", hit.title());
      node.put("heading", hit.heading());
      ArrayNode path = node.putArray("headingPath");
      hit.headingPath().forEach(path::add);
      node.put("ordinal", hit.ordinal());
      putDate(node, "date", hit.date());
      node.put("source", hit.source());
      node.put("start", hit.start());
      node.put("end", hit.end());
      if (hit.page().isPresent()) {
        node.put("page", hit.page().getAsInt());
      } else {
        node.putNull("page");
      }
      node.put("score", hit.score());
      ObjectNode meta = node.putObject("meta");
      hit.metadata().forEach((key, values) -> values.forEach(meta.putArray(key)::add));
      ArrayNode passages = node.putArray("passages");
      for (Passage passage : hit.passages()) {
        ObjectNode passageNode = passages.addObject();
        passageNode.put("text", passage.text());
        passageNode.put("sourceStart", passage.sourceStart());
        passageNode.put("sourceEnd", passage.sourceEnd());
        // chosen by meaning (the sentences nearest the query) rather than by the query's words
        passageNode.put("semantic", passage.semantic());
        ArrayNode highlights = passageNode.putArray("highlights");
        for (Highlight highlight : passage.highlights()) {
          highlights.addObject().put("start", highlight.start()).put("end", highlight.end());
        }
      }
      hit.explanation().ifPresent(explanation -> node.set("explain", explanation(explanation)));
    }
    if (!results.facets().isEmpty()) {
      ObjectNode facets = root.putObject("facets");
      results
          .facets()
          .forEach(
              (key, counts) -> {
                ObjectNode values = facets.putObject(key);
                counts.forEach(values::put);
              });
    }
    ArrayNode notes = root.putArray("notes");
    results.notes().forEach(notes::add);
    return root.toString();
  }

  /**
   * {@code {"score", "description", "combination", "field", "term", "details": [...]}}: why a hit
   * scored as it did, a tree; {@code combination} is {@code sum}, {@code product} or {@code none}
   * (a value of its own); {@code field} and {@code term} only on a word's contribution.
   */
  static ObjectNode explanation(ScoreExplanation explanation) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("score", explanation.score());
    node.put("description", explanation.description());
    node.put("combination", explanation.combination().name().toLowerCase(Locale.ROOT));
    explanation.field().ifPresent(field -> node.put("field", field));
    explanation.term().ifPresent(term -> node.put("term", term));
    ArrayNode details = node.putArray("details");
    explanation.details().forEach(detail -> details.add(explanation(detail)));
    return node;
  }

  /**
   * {@code {"docId", "title", "headingPath", "ordinal", "date", "source", "start", "end", "meta",
   * "text"}}: one section with its whole text.
   */
  static String section(IndexedDocument document, Section section) {
    return sectionNode(document, section).toString();
  }

  /**
   * {@link #section} with at most {@code maxChars} of the text, from {@code offset} (UTF-16
   * indices; a cut never splits a surrogate pair), plus {@code "offset"}, {@code "textLength"} (the
   * whole text's) and {@code "nextOffset"} (null when the rest is given): a reader with a small
   * window asks for the rest a part at a time.
   */
  static String sectionPart(IndexedDocument document, Section section, int offset, int maxChars) {
    ObjectNode root = sectionNode(document, section);
    String text = section.text();
    int from = Math.min(offset, text.length());
    if (from > 0 && from < text.length() && Character.isLowSurrogate(text.charAt(from))) {
      from--;
    }
    int to = (int) Math.min(text.length(), (long) from + maxChars);
    if (to < text.length() && to > from && Character.isHighSurrogate(text.charAt(to - 1))) {
      to--;
    }
    root.put("text", text.substring(from, to));
    root.put("offset", from);
    root.put("textLength", text.length());
    if (to < text.length()) {
      root.put("nextOffset", to);
    } else {
      root.putNull("nextOffset");
    }
    return root.toString();
  }

  private static ObjectNode sectionNode(IndexedDocument document, Section section) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("docId", document.id());
    root.put("title", document.title());
    ArrayNode path = root.putArray("headingPath");
    section.headingPath().forEach(path::add);
    root.put("ordinal", section.ordinal());
    putDate(root, "date", document.date());
    root.put("source", document.source());
    root.put("start", section.start());
    root.put("end", section.end());
    if (section.page() > 0) {
      root.put("page", section.page());
    } else {
      root.putNull("page");
    }
    ObjectNode meta = root.putObject("meta");
    document.metadata().forEach((key, values) -> values.forEach(meta.putArray(key)::add));
    root.put("text", section.text());
    return root;
  }

  /** A JSON string literal of the text. */
  static String string(String text) {
    return MAPPER.getNodeFactory().textNode(text).toString();
  }

  /** {@code {"prefix", "suggestions": [...]}}: each suggestion a whole query, best first. */
  static String suggestions(String prefix, java.util.List<String> suggestions) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("prefix", prefix);
    ArrayNode list = root.putArray("suggestions");
    suggestions.forEach(list::add);
    return root.toString();
  }

  /** {@code {"documents", "sections", "oldest", "newest", "sizeBytes"}}. */
  static String stats(IndexStats stats) {
    return statsNode(stats).toString();
  }

  private static ObjectNode statsNode(IndexStats stats) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("documents", stats.documents());
    root.put("sections", stats.sections());
    putDate(root, "oldest", stats.oldest());
    putDate(root, "newest", stats.newest());
    root.put("sizeBytes", stats.sizeBytes());
    return root;
  }

  /**
   * {@code {"documents", "sections", "oldest", "newest", "sizeBytes", "modes": ["lexical", ...],
   * "typoTolerance", "suggestions", "metadataKeys": [...]}}: what {@code serve}'s page offers
   * controls for.
   */
  static String index(IndexStats stats, Capabilities capabilities, List<String> metadataKeys) {
    ObjectNode root = statsNode(stats);
    ArrayNode modes = root.putArray("modes");
    for (SearchMode mode : SearchMode.values()) {
      if (capabilities.supports(mode)) {
        modes.add(mode.name().toLowerCase(Locale.ROOT));
      }
    }
    root.put("typoTolerance", capabilities.typoTolerance());
    root.put("suggestions", capabilities.suggestions());
    ArrayNode keys = root.putArray("metadataKeys");
    metadataKeys.forEach(keys::add);
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
