package dev.sectionsearch.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.index.ChunkVectors;
import dev.sectionsearch.internal.index.CommitData;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.index.SectionAnalyzer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.util.BytesRef;

/**
 * The OpenSearch index's layout: one OpenSearch document per section, with the embedded index's
 * fields ({@link IndexSchema}) so that BM25 sees the same texts, and what a hit shows kept in an
 * unindexed {@value #STORED} object.
 *
 * <p>Analysis: the embedded {@code SectionAnalyzer} is Unicode normalisation (NFKC, format
 * characters removed) followed by Lucene's English chain. OpenSearch has the English chain
 * (standard tokenizer, English possessive, lower case, English stop words, Porter) but not the
 * normalisation without the ICU plugin, so the client normalises every indexed text and every query
 * phrase with the library's own char filter and the server applies the same English chain: both
 * make the same terms at the same positions. {@link OpenSearchSectionIndex} checks this on a probe
 * text when it opens an index.
 *
 * <p>Stateless and thread-safe.
 */
final class IndexLayout {
  /** The object holding what a hit shows, kept in {@code _source} and not indexed. */
  static final String STORED = "stored";

  /** The object holding one keyword field per metadata key. */
  static final String META = "meta";

  /** The year of the section's date, for the date facet. */
  static final String YEAR = "year";

  /** How many sections the document has, on every section: what a replacement must delete. */
  static final String SECTION_COUNT = "section_count";

  /** The analyzer of the scored text fields. */
  static final String ENGLISH = "section_english";

  /** An analyzer that splits at spaces only: for query terms that are analysed already. */
  static final String TERMS = "section_terms";

  /**
   * The nested objects holding a section's chunk vectors, one per chunk in chunk order: the
   * embedded index's chunk documents, which OpenSearch keeps as hidden child documents of the
   * section.
   */
  static final String CHUNKS = "chunks";

  /** The vector field of each chunk object. */
  static final String VECTOR = CHUNKS + "." + IndexSchema.VECTOR;

  /**
   * A section's chunk vectors as they are kept for reading back: little-endian float32 values, one
   * vector after another, in Base64, in the {@value #STORED} object. The {@value #CHUNKS} objects
   * are left out of the stored {@code _source}: as JSON numbers they were most of an index's size,
   * and OpenSearch parsed them on every fetch of a hit just to leave them out.
   */
  static final String STORED_VECTORS = STORED + ".chunk_vectors";

  private static final String VECTORS_FIELD = "chunk_vectors";

  private IndexLayout() {}

  /** The index's settings and mappings. */
  static ObjectNode definition(
      int shards, int replicas, float k1, float b, String analyzerId, Embedder embedder) {
    ObjectNode root = Cluster.JSON.createObjectNode();
    ObjectNode index = root.putObject("settings").putObject("index");
    index.put("number_of_shards", shards);
    index.put("number_of_replicas", replicas);
    if (embedder != null) {
      index.put("knn", true);
    }
    // the embedded index's BM25, for every field. OpenSearch's BM25 is Lucene's legacy form,
    // which multiplies each term's score by (k1 + 1); queries and scores correct for it
    ObjectNode similarity = index.putObject("similarity").putObject("default");
    similarity.put("type", "BM25");
    similarity.put("k1", k1);
    similarity.put("b", b);
    ObjectNode analysis = index.putObject("analysis");
    ObjectNode filters = analysis.putObject("filter");
    filters
        .putObject("section_possessive")
        .put("type", "stemmer")
        .put("name", "possessive_english");
    filters.putObject("section_stop").put("type", "stop").put("stopwords", "_english_");
    ObjectNode analyzers = analysis.putObject("analyzer");
    ObjectNode english = analyzers.putObject(ENGLISH);
    english.put("type", "custom").put("tokenizer", "standard");
    english
        .putArray("filter")
        .add("section_possessive")
        .add("lowercase")
        .add("section_stop")
        .add("porter_stem");
    analyzers.putObject(TERMS).put("type", "custom").put("tokenizer", "whitespace");

    ObjectNode mappings = root.putObject("mappings");
    ObjectNode meta = mappings.putObject("_meta");
    meta.put("sectionsearch.schema", CommitData.VERSION);
    meta.put("sectionsearch.analyzer", analyzerId);
    if (embedder != null) {
      CommitData.embeddingUserData(embedder.modelId(), embedder.dimensions()).forEach(meta::put);
    }
    mappings.put("dynamic", "strict");
    if (embedder != null) {
      // indexed as knn_vector fields, not stored: read back from STORED_VECTORS
      mappings.putObject("_source").putArray("excludes").add(CHUNKS);
    }
    ObjectNode template = mappings.putArray("dynamic_templates").addObject().putObject("metadata");
    template.put("path_match", META + ".*");
    template.putObject("mapping").put("type", "keyword");
    ObjectNode fields = mappings.putObject("properties");
    fields.putObject(IndexSchema.DOC_ID).put("type", "keyword");
    fields.putObject(IndexSchema.SECTION_KEY).put("type", "long");
    fields.putObject(IndexSchema.ORDINAL).put("type", "integer");
    fields.putObject(SECTION_COUNT).put("type", "integer").put("index", false);
    fields.putObject(IndexSchema.DATE).put("type", "long");
    fields.putObject(YEAR).put("type", "integer");
    for (String text : List.of(IndexSchema.TITLE, IndexSchema.HEADING, IndexSchema.CONTENT)) {
      // the content field's parts follow each other as the embedded field's joined tokens do
      fields
          .putObject(text)
          .put("type", "text")
          .put("analyzer", ENGLISH)
          .put("position_increment_gap", 0);
    }
    fields.putObject(META).put("type", "object").put("dynamic", true);
    fields.putObject(STORED).put("type", "object").put("enabled", false);
    if (embedder != null) {
      ObjectNode vector =
          fields
              .putObject(CHUNKS)
              .put("type", "nested")
              .putObject("properties")
              .putObject(IndexSchema.VECTOR);
      vector.put("type", "knn_vector").put("dimension", embedder.dimensions());
      // always the Lucene engine, named: without it OpenSearch picks its native faiss engine,
      // whose libraries a cluster may lack (the first flush then kills the node). Cosine of unit
      // vectors scores (1 + dot) / 2, as the embedded index's dot product does; HNSW with
      // Lucene's defaults, as the embedded index builds its graph
      ObjectNode method = vector.putObject("method");
      method.put("name", "hnsw").put("engine", "lucene").put("space_type", "cosinesimil");
      method.putObject("parameters").put("m", 16).put("ef_construction", 100);
    }
    return root;
  }

  /**
   * The OpenSearch id of a section: a hash of the document id (ids may be 4 KB, OpenSearch's 512
   * bytes) and the ordinal. All sections of a document are routed by {@link #routing}, so that they
   * live on one shard and a replacement touches one shard.
   */
  static String sectionId(String docId, int ordinal) {
    return routing(docId) + "." + ordinal;
  }

  static String routing(String docId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(docId.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The field of a metadata key: keys may hold dots, which OpenSearch reads as nesting. */
  static String metadataField(String key) {
    return META + "." + key.replace('.', ':');
  }

  /** The OpenSearch document of one section. */
  static ObjectNode section(
      SectionedDocument document,
      Section section,
      String contentHash,
      BytesRef sourceMap,
      float[][] vectors,
      BytesRef chunks) {
    ObjectNode json = Cluster.JSON.createObjectNode();
    json.put(IndexSchema.DOC_ID, document.id());
    json.put(IndexSchema.SECTION_KEY, IndexSchema.sectionKey(document.id(), section.ordinal()));
    json.put(IndexSchema.ORDINAL, section.ordinal());
    json.put(SECTION_COUNT, document.sections().size());
    json.put(IndexSchema.TITLE, SectionAnalyzer.normalizedText(document.title()));
    json.put(
        IndexSchema.HEADING,
        SectionAnalyzer.normalizedText(IndexSchema.scoredHeading(document, section)));
    List<String> parts = IndexSchema.contentParts(document, section);
    ArrayNode content = json.putArray(IndexSchema.CONTENT);
    // one value per part, analysed apart and joined with no position gap: the embedded index's
    // content field, whatever the body's length
    parts.forEach(part -> content.add(SectionAnalyzer.normalizedText(part)));
    document
        .date()
        .ifPresent(
            date -> {
              json.put(IndexSchema.DATE, date.toEpochDay());
              json.put(YEAR, date.getYear());
            });
    if (!document.metadata().isEmpty()) {
      ObjectNode meta = json.putObject(META);
      document
          .metadata()
          .forEach(
              (key, values) -> {
                ArrayNode array = meta.putArray(key.replace('.', ':'));
                values.forEach(array::add);
              });
    }
    ObjectNode stored = json.putObject(STORED);
    stored.put(IndexSchema.TITLE, document.title());
    stored.put(IndexSchema.HEADING, section.heading());
    ArrayNode path = stored.putArray(IndexSchema.HEADING_PATH);
    section.headingPath().forEach(path::add);
    stored.put(IndexSchema.BODY, section.text());
    stored.put(IndexSchema.SOURCE, document.source());
    stored.put(IndexSchema.START, section.start());
    stored.put(IndexSchema.END, section.end());
    stored.put(IndexSchema.CONTENT_HASH, contentHash);
    stored.put(IndexSchema.SOURCE_MAP, base64(sourceMap));
    document.date().ifPresent(date -> stored.put(IndexSchema.DATE, date.toString()));
    if (vectors != null) {
      ArrayNode objects = json.putArray(CHUNKS);
      int dimensions = vectors.length == 0 ? 0 : vectors[0].length;
      ByteBuffer packed =
          ByteBuffer.allocate(vectors.length * dimensions * Float.BYTES)
              .order(ByteOrder.LITTLE_ENDIAN);
      for (float[] vector : vectors) {
        ArrayNode values = objects.addObject().putArray(IndexSchema.VECTOR);
        for (float value : ChunkVectors.unitVector(vector)) {
          values.add(value);
          packed.putFloat(value);
        }
      }
      stored.put(IndexSchema.CHUNKS, base64(chunks));
      stored.put(VECTORS_FIELD, Base64.getEncoder().encodeToString(packed.array()));
    }
    // an array of pairs keeps the keys in the order they were written, as the embedded index does
    ArrayNode metadata = stored.putArray(IndexSchema.METADATA);
    document
        .metadata()
        .forEach((key, values) -> values.forEach(value -> metadata.addArray().add(key).add(value)));
    return json;
  }

  private static String base64(BytesRef bytes) {
    return Base64.getEncoder()
        .encodeToString(
            java.util.Arrays.copyOfRange(bytes.bytes, bytes.offset, bytes.offset + bytes.length));
  }

  /** A section's chunk ranges, as the embedded index stores them; null for a section without. */
  static BytesRef chunks(JsonNode stored) {
    JsonNode chunks = stored.get(IndexSchema.CHUNKS);
    return chunks == null ? null : new BytesRef(Base64.getDecoder().decode(chunks.asText()));
  }

  /** Leaves the chunk vectors out of the {@code _source} a search returns. */
  static void withoutVectors(ObjectNode body) {
    body.putObject("_source").putArray("excludes").add(CHUNKS).add(STORED_VECTORS);
  }

  /**
   * A section's {@code count} chunk vectors from its {@code _source}, in chunk order: from {@link
   * #STORED_VECTORS}, or from the {@value #CHUNKS} objects of an index written before they were
   * left out of {@code _source}.
   */
  static List<float[]> vectors(JsonNode source, int count) {
    JsonNode packed = source.path(STORED).get(VECTORS_FIELD);
    if (packed != null && count > 0) {
      FloatBuffer floats =
          ByteBuffer.wrap(Base64.getDecoder().decode(packed.asText()))
              .order(ByteOrder.LITTLE_ENDIAN)
              .asFloatBuffer();
      int dimensions = floats.remaining() / count;
      List<float[]> vectors = new ArrayList<>(count);
      for (int c = 0; c < count && floats.remaining() >= dimensions; c++) {
        float[] vector = new float[dimensions];
        floats.get(vector);
        vectors.add(vector);
      }
      return vectors;
    }
    List<float[]> vectors = new ArrayList<>();
    for (JsonNode chunk : source.path(CHUNKS)) {
      JsonNode values = chunk.path(IndexSchema.VECTOR);
      float[] vector = new float[values.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = (float) values.get(i).asDouble();
      }
      vectors.add(vector);
    }
    return vectors;
  }

  static String text(JsonNode stored, String field) {
    return stored.path(field).asText("");
  }

  static List<String> headingPath(JsonNode stored) {
    List<String> path = new ArrayList<>();
    stored.path(IndexSchema.HEADING_PATH).forEach(level -> path.add(level.asText()));
    return path;
  }

  static Optional<LocalDate> date(JsonNode stored) {
    JsonNode date = stored.get(IndexSchema.DATE);
    return date == null ? Optional.empty() : Optional.of(LocalDate.parse(date.asText()));
  }

  static Map<String, List<String>> metadata(JsonNode stored) {
    Map<String, List<String>> metadata = new LinkedHashMap<>();
    for (JsonNode pair : stored.path(IndexSchema.METADATA)) {
      metadata
          .computeIfAbsent(pair.get(0).asText(), key -> new ArrayList<>())
          .add(pair.get(1).asText());
    }
    return metadata;
  }

  static BytesRef sourceMap(JsonNode stored) {
    return new BytesRef(Base64.getDecoder().decode(stored.path(IndexSchema.SOURCE_MAP).asText("")));
  }
}
