package dev.sectionsearch.internal.index;

import dev.sectionsearch.IndexStats;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * The index's layout: one Lucene document per section, its field names, and how a section is
 * written and read back. Internal to the library; not part of its API. Stateless and thread-safe.
 *
 * <p>In an index with vectors each section is preceded by one Lucene document per chunk of its text
 * (a block, as Lucene's block joins need): the chunk's {@link #VECTOR} and its {@link #DOC_ID}
 * (term and doc values), nothing else, so that deleting or replacing a document by its id removes
 * its chunks with it. A query that can match a document without a term of a section field (all
 * documents, or a document id) must be narrowed with {@link #onlySections} or it finds chunks too.
 */
public final class IndexSchema {
  /** Schema version stored in each commit; bump it when the layout changes incompatibly. */
  public static final String VERSION = "6";

  /**
   * The version before chunks: its indexes without vectors are laid out as this version's, so they
   * are read and written on; its indexes with vectors hold one vector per section and are refused.
   */
  static final String VERSION_WITHOUT_CHUNKS = "5";

  /** Commit user-data key holding {@link #VERSION}. */
  public static final String VERSION_KEY = "sectionsearch.schema";

  /** Document id: indexed as one term, stored, and as doc values for collapsing. */
  public static final String DOC_ID = "doc_id";

  /**
   * A 64-bit hash of document id and ordinal, as numeric doc values: the tie-breaker that makes
   * paging stable across commits, where Lucene's own document numbers change with merges. A number,
   * not the id as text: a text key was looked up and copied for every hit a search collected (7% of
   * a search) and sorted at every flush and merge.
   */
  public static final String SECTION_KEY = "section_key";

  /** Document title: analyzed and stored. */
  public static final String TITLE = "title";

  /** Section heading: analyzed and stored. */
  public static final String HEADING = "heading";

  /** Heading path: stored only, one value per level. */
  public static final String HEADING_PATH = "heading_path";

  /** Section body: stored only; it is indexed as the end of {@link #CONTENT}. */
  public static final String BODY = "body";

  /**
   * The title, heading path and body together, analyzed with positions and offsets, not stored: the
   * field ranking scores, so that BM25 sees a section as one text, as a reader does, and the field
   * passages are highlighted from (its offsets from {@link #BODY_OFFSET} on are the body's, shifted
   * by that much). The title counts once, also where a heading or the body's first line repeats it.
   * Title and heading may count again through their own boosted fields.
   *
   * <p>One field for both: indexing the body a second time on its own, for its offsets, took a
   * third of the time Lucene spent inverting and flushing a folder of files.
   */
  public static final String CONTENT = "content";

  /** Where the body starts in the offsets of {@link #CONTENT}: stored only. */
  public static final String BODY_OFFSET = "body_offset";

  /** Date as days since 1970-01-01: point (filters), doc values (sorting), stored. */
  public static final String DATE = "date";

  /** Where the document came from: stored only. */
  public static final String SOURCE = "source";

  /** Section position in its document: point (counting documents) and stored. */
  public static final String ORDINAL = "ordinal";

  /** Section range in the original text: stored only. */
  public static final String START = "start";

  /** Section range end in the original text: stored only. */
  public static final String END = "end";

  /** The page a section starts on, from 1, for documents with pages (PDF): stored only. */
  public static final String PAGE = "page";

  /** Hash of the document's input, to skip re-indexing unchanged documents: stored only. */
  public static final String CONTENT_HASH = "content_hash";

  /** The map from section text offsets to source offsets ({@link SourceMap}): stored only. */
  public static final String SOURCE_MAP = "source_map";

  /**
   * The document's metadata, stored: one value per metadata value, {@code key}, {@link
   * #METADATA_SEPARATOR}, {@code value} (keys and values hold no control characters).
   */
  public static final String METADATA = "metadata";

  /** Separates key and value in a stored {@link #METADATA} value. */
  static final char METADATA_SEPARATOR = '\u001f';

  /**
   * Prefix of the field of one metadata key: each value indexed as one term (filters) and as
   * sorted-set doc values (counts).
   */
  public static final String METADATA_KEY_PREFIX = "meta.";

  /** Commit user-data key naming the analyzer the index was written with ({@link #analyzerId}). */
  public static final String ANALYZER_KEY = "sectionsearch.analyzer";

  /**
   * A chunk's embedding (the section's title and headings, then the chunk's sentences), a unit
   * vector indexed for nearest-neighbour search (HNSW, dot product): in the chunk documents that
   * precede their section in its block, written, replaced and committed with it in one update.
   */
  public static final String VECTOR = "vector";

  /**
   * The ranges of a section's chunks in its body, stored only (in the form of {@code
   * SemanticPassages.encode}), in the order of the chunk documents before the section: where each
   * chunk vector came from, and what a semantic passage shows.
   */
  public static final String CHUNKS = "chunks";

  /**
   * Matches every section and no chunk: the field is in every section document (as numeric doc
   * values) and in no chunk document.
   */
  public static final Query SECTIONS = new FieldExistsQuery(SECTION_KEY);

  /** Commit user-data key naming the embedding model ({@code Embedder.modelId()}), if any. */
  public static final String EMBEDDING_MODEL_KEY = "sectionsearch.embedding.model";

  /** Commit user-data key holding the embedding's dimensions, beside the model. */
  public static final String EMBEDDING_DIMENSIONS_KEY = "sectionsearch.embedding.dimensions";

  private static final FieldType CONTENT_TYPE = contentType();

  private IndexSchema() {}

  private static FieldType contentType() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  /**
   * The Lucene documents for a sectioned document, one per section, in section order, made as the
   * writer asks for them: only one section's analysed text is held at a time, so that a document of
   * many sections costs no more memory than its largest section.
   */
  public static Iterable<org.apache.lucene.document.Document> toLucene(
      SectionedDocument document,
      String contentHash,
      List<BytesRef> sourceMaps,
      Analyzer analyzer) {
    return () ->
        new Iterator<>() {
          // one copy for all sections: the writer copies the bytes as it adds each section
          private final BytesRef docId = new BytesRef(document.id());
          // the title and a heading shared by sections are analysed once for the whole document
          private final AnalyzedText title = AnalyzedText.of(analyzer, CONTENT, document.title());
          private final Map<String, AnalyzedText> headings = new HashMap<>();
          private int next;

          @Override
          public boolean hasNext() {
            return next < document.sections().size();
          }

          @Override
          public org.apache.lucene.document.Document next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return section(
                document,
                document.sections().get(i),
                docId,
                contentHash,
                sourceMaps.get(i),
                analyzer,
                title,
                headings);
          }
        };
  }

  private static org.apache.lucene.document.Document section(
      SectionedDocument document,
      Section section,
      BytesRef docId,
      String contentHash,
      BytesRef sourceMap,
      Analyzer analyzer,
      AnalyzedText title,
      Map<String, AnalyzedText> headings) {
    org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
    doc.add(new StringField(DOC_ID, document.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(DOC_ID, docId));
    doc.add(new NumericDocValuesField(SECTION_KEY, sectionKey(document.id(), section.ordinal())));
    doc.add(new StoredField(TITLE, document.title()));
    doc.add(new Field(TITLE, title.replay(), TextField.TYPE_NOT_STORED));
    doc.add(new StoredField(HEADING, section.heading()));
    // a heading that became the title is shown, but indexed empty: a title match must not
    // earn the heading boost too (and Lucene wants the field in every section)
    String scoredHeading =
        repeatsTitle(document.title(), section.heading()) ? "" : section.heading();
    doc.add(
        new Field(
            HEADING,
            analysed(headings, analyzer, scoredHeading).replay(),
            TextField.TYPE_NOT_STORED));
    for (String level : section.headingPath()) {
      doc.add(new StoredField(HEADING_PATH, level));
    }
    // the title counts once in the scored text: not again where a heading repeats it (a
    // Markdown file's only "# ...") or where the body opens with it (an untitled page named
    // by its first line), or it would count twice against documents nothing repeats
    boolean titleInContent = !opensWith(section.text(), document.title());
    List<String> headingsInContent = new ArrayList<>(section.headingPath().size());
    for (String level : section.headingPath()) {
      if (!repeatsTitle(document.title(), level)) {
        headingsInContent.add(level);
      }
    }
    doc.add(new StoredField(BODY, section.text()));
    // the title and headings come from their recorded tokens, the body straight from the
    // analyzer: no other field indexes it, so recording its tokens would only cost a copy
    List<AnalyzedText> before = new ArrayList<>(headingsInContent.size() + 1);
    if (titleInContent) {
      before.add(title);
    }
    for (String level : headingsInContent) {
      before.add(analysed(headings, analyzer, level));
    }
    doc.add(
        new Field(CONTENT, AnalyzedText.joined(before, analyzer, section.text()), CONTENT_TYPE));
    doc.add(new StoredField(BODY_OFFSET, AnalyzedText.joinedLength(before)));
    document
        .date()
        .ifPresent(
            date -> {
              long day = date.toEpochDay();
              doc.add(new LongPoint(DATE, day));
              doc.add(new NumericDocValuesField(DATE, day));
              doc.add(new StoredField(DATE, day));
            });
    doc.add(new StoredField(SOURCE, document.source()));
    doc.add(new IntPoint(ORDINAL, section.ordinal()));
    doc.add(new StoredField(ORDINAL, section.ordinal()));
    doc.add(new StoredField(START, section.start()));
    doc.add(new StoredField(END, section.end()));
    if (section.page() > 0) {
      doc.add(new StoredField(PAGE, section.page()));
    }
    doc.add(new StoredField(CONTENT_HASH, contentHash));
    doc.add(new StoredField(SOURCE_MAP, sourceMap));
    addMetadata(doc, document.metadata());
    return doc;
  }

  private static AnalyzedText analysed(
      Map<String, AnalyzedText> cache, Analyzer analyzer, String text) {
    return cache.computeIfAbsent(text, t -> AnalyzedText.of(analyzer, CONTENT, t));
  }

  /**
   * The {@link SourceMap} of each section: aligned with the raw text when the document was split
   * from it, exact when it was given as sections (whose source is their text joined).
   */
  public static List<BytesRef> sourceMaps(Document original, SectionedDocument sectioned) {
    List<BytesRef> maps = new ArrayList<>(sectioned.sections().size());
    for (Section section : sectioned.sections()) {
      if (original.text().isPresent()) {
        maps.add(SourceMap.align(original.text().get(), original.format().orElseThrow(), section));
      } else {
        int heading = section.heading().isEmpty() ? 0 : section.heading().length() + 2;
        maps.add(SourceMap.exact(section.start() + heading, section.text().length()));
      }
    }
    return maps;
  }

  private static void addMetadata(
      org.apache.lucene.document.Document doc, Map<String, List<String>> metadata) {
    metadata.forEach(
        (key, values) -> {
          String field = METADATA_KEY_PREFIX + key;
          for (String value : values) {
            doc.add(new StringField(field, value, Field.Store.NO));
            doc.add(new SortedSetDocValuesField(field, new BytesRef(value)));
            doc.add(new StoredField(METADATA, key + METADATA_SEPARATOR + value));
          }
        });
  }

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

  /** The field holding a metadata key's values. */
  public static String metadataField(String key) {
    return METADATA_KEY_PREFIX + key;
  }

  /**
   * The heading a section is scored by in the {@link #HEADING} field: empty when it repeats the
   * title, so that a title match does not earn the heading boost too. For backends that build the
   * fields themselves from the same rules.
   */
  public static String scoredHeading(SectionedDocument document, Section section) {
    return repeatsTitle(document.title(), section.heading()) ? "" : section.heading();
  }

  /**
   * The texts the {@link #CONTENT} field joins for a section, in order: the title unless the body
   * opens with it, the heading path's levels that do not repeat the title, and the body. For
   * backends that build the fields themselves from the same rules.
   */
  public static List<String> contentParts(SectionedDocument document, Section section) {
    List<String> parts = new ArrayList<>(section.headingPath().size() + 2);
    if (!opensWith(section.text(), document.title())) {
      parts.add(document.title());
    }
    for (String level : section.headingPath()) {
      if (!repeatsTitle(document.title(), level)) {
        parts.add(level);
      }
    }
    parts.add(section.text());
    return parts;
  }

  private static boolean repeatsTitle(String title, String heading) {
    return !title.isBlank() && heading.strip().equals(title.strip());
  }

  /** Whether the text's first non-blank line is the title, read without copying the text. */
  private static boolean opensWith(String text, String title) {
    String wanted = title.strip();
    if (wanted.isEmpty()) {
      return false;
    }
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    if (!text.startsWith(wanted, start)) {
      return false;
    }
    for (int i = start + wanted.length(); i < text.length() && text.charAt(i) != '\n'; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The sort key of a section: FNV-1a over the document id's UTF-8 bytes and the ordinal, then
   * MurmurHash3's finalizer to spread the bits. Fixed by this definition, so keys written by one
   * run sort the same in the next. Among a million sections the odds that any two share a key are
   * about 3 in 10^8, and then only their order among equal scores is left to Lucene.
   */
  public static long sectionKey(String docId, int ordinal) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : docId.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
      hash = (hash ^ ((ordinal >>> shift) & 0xff)) * 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
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

  /**
   * A hash of everything about a document's input that affects what is indexed, so that adding the
   * same input again can be skipped.
   */
  public static String contentHash(Document document) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    byte[] block = new byte[2048];
    // the layout of version 5: this version writes a section as it did, so an index without
    // vectors it wrote is not indexed again (one with vectors is re-created anyway)
    update(digest, VERSION_WITHOUT_CHUNKS, block);
    // every value is length-prefixed, every optional value flagged and every list counted, so
    // that no two different inputs feed the digest the same bytes
    update(digest, document.id(), block);
    updateOptional(digest, document.title(), block);
    updateOptional(digest, document.date().map(LocalDate::toString), block);
    updateOptional(digest, document.defaultDate().map(LocalDate::toString), block);
    update(digest, document.source(), block);
    updateOptional(digest, document.format().map(Enum::name), block);
    updateOptional(digest, document.text(), block);
    updateCount(digest, document.sections().size());
    for (Section section : document.sections()) {
      updateCount(digest, section.headingPath().size());
      for (String heading : section.headingPath()) {
        update(digest, heading, block);
      }
      update(digest, section.text(), block);
    }
    updateCount(digest, document.metadata().size());
    for (Map.Entry<String, List<String>> entry : document.metadata().entrySet()) {
      update(digest, entry.getKey(), block);
      updateCount(digest, entry.getValue().size());
      for (String value : entry.getValue()) {
        update(digest, value, block);
      }
    }
    if (document.sections().stream().anyMatch(section -> section.page() > 0)) {
      // after the metadata, where a hash of a document without pages ends: theirs stay as they
      // were
      updateCount(digest, -1);
      for (Section section : document.sections()) {
        updateCount(digest, section.page());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The page a stored section starts on; 0 when its document has none. */
  public static int storedPage(org.apache.lucene.document.Document doc) {
    org.apache.lucene.index.IndexableField page = doc.getField(PAGE);
    return page == null ? 0 : page.numericValue().intValue();
  }

  private static void updateOptional(MessageDigest digest, Optional<String> value, byte[] block) {
    digest.update((byte) (value.isPresent() ? 1 : 0));
    value.ifPresent(present -> update(digest, present, block));
  }

  private static void updateCount(MessageDigest digest, int count) {
    digest.update(
        new byte[] {
          (byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8), (byte) count
        });
  }

  /**
   * Feeds the value's length and its UTF-16 code units to the digest, a block at a time. Code units
   * rather than UTF-8 bytes: encoding every text to UTF-8 first took most of the hashing time.
   */
  private static void update(MessageDigest digest, String value, byte[] block) {
    int length = value.length();
    updateCount(digest, length);
    for (int start = 0; start < length; start += block.length / 2) {
      int end = Math.min(length, start + block.length / 2);
      for (int i = start, j = 0; i < end; i++, j += 2) {
        char unit = value.charAt(i);
        block[j] = (byte) (unit >>> 8);
        block[j + 1] = (byte) unit;
      }
      digest.update(block, 0, 2 * (end - start));
    }
  }

  /**
   * The sections with their embeddings added: before the {@code i}-th section, one document per
   * chunk vector of {@code embeddings.vectors().get(i)}, normalised to unit length, and its chunks'
   * ranges in the section; no embeddings leaves the sections as they are.
   */
  public static Iterable<org.apache.lucene.document.Document> withVectors(
      Iterable<org.apache.lucene.document.Document> sections, Embeddings embeddings) {
    if (embeddings.vectors().isEmpty()) {
      return sections;
    }
    return () ->
        new Iterator<>() {
          private final Iterator<org.apache.lucene.document.Document> each = sections.iterator();
          private org.apache.lucene.document.Document section;
          private float[][] chunks;
          private int nextSection;
          private int nextChunk;

          @Override
          public boolean hasNext() {
            return section != null || each.hasNext();
          }

          @Override
          public org.apache.lucene.document.Document next() {
            if (section == null) {
              section = each.next();
              chunks = embeddings.vectors().get(nextSection);
              section.add(new StoredField(CHUNKS, embeddings.chunks().get(nextSection)));
              nextSection++;
              nextChunk = 0;
            }
            if (nextChunk < chunks.length) {
              return chunk(section.get(DOC_ID), chunks[nextChunk++]);
            }
            org.apache.lucene.document.Document done = section;
            section = null;
            return done;
          }
        };
  }

  private static org.apache.lucene.document.Document chunk(String docId, float[] vector) {
    org.apache.lucene.document.Document chunk = new org.apache.lucene.document.Document();
    // the id's doc values too: Lucene wants a field's structures alike in every document
    BytesRef id = new BytesRef(docId);
    chunk.add(new StringField(DOC_ID, id, Field.Store.NO));
    chunk.add(new SortedDocValuesField(DOC_ID, id));
    chunk.add(
        new KnnFloatVectorField(VECTOR, unitVector(vector), VectorSimilarityFunction.DOT_PRODUCT));
    return chunk;
  }

  /**
   * The query narrowed to sections: in an index with chunk documents, a query that chunks can match
   * (all documents, a document id) must not find them.
   */
  public static Query onlySections(Query query) {
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(SECTIONS, BooleanClause.Occur.FILTER)
        .build();
  }

  /** All sections: every document of an index without chunks, cheaper to match as such. */
  public static Query allSections(IndexReader reader) {
    return hasChunks(reader) ? SECTIONS : new MatchAllDocsQuery();
  }

  /** Whether any segment of the reader holds chunk documents. */
  public static boolean hasChunks(IndexReader reader) {
    for (LeafReaderContext leaf : reader.leaves()) {
      if (leaf.reader().getFieldInfos().fieldInfo(VECTOR) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * A copy of the vector scaled to unit length, as dot-product similarity needs.
   *
   * @throws SectionSearchException when the vector has no direction (all zeros) or is not finite
   */
  public static float[] unitVector(float[] vector) {
    double sum = 0;
    for (float x : vector) {
      sum += (double) x * x;
    }
    if (!(sum > 0) || Double.isInfinite(sum)) {
      throw new SectionSearchException(
          "the embedder returned a vector of zeros or of non-finite numbers; it cannot be compared");
    }
    // in double: a vector of subnormal numbers has a norm whose inverse overflows a float
    float[] unit = new float[vector.length];
    double norm = Math.sqrt(sum);
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
      if (!Float.isFinite(unit[i])) {
        throw new SectionSearchException(
            "the embedder returned a vector that cannot be normalised (component "
                + i
                + " is "
                + vector[i]
                + ")");
      }
    }
    return unit;
  }

  /**
   * The commit user data naming an embedding model and its dimensions: added to every commit of an
   * index written with an embedder.
   */
  public static Map<String, String> embeddingUserData(String modelId, int dimensions) {
    return Map.of(
        EMBEDDING_MODEL_KEY, modelId, EMBEDDING_DIMENSIONS_KEY, Integer.toString(dimensions));
  }

  /**
   * Checks that an existing index is opened with the embedding model it was written with, as {@link
   * #checkCompatible} checks the analyzer. An index written without a model may be opened for
   * writing with one only while it holds no section (read-only, the model is simply not used), and
   * one written with a model may be opened without it only to read it (lexical searches; semantic
   * ones are refused later, naming the model).
   *
   * @param modelId the model the index is opened with, or null for none
   * @param hasSections whether the index holds any section
   * @throws SectionSearchException naming both models when they differ
   */
  public static void checkEmbedding(
      Map<String, String> userData,
      String name,
      String modelId,
      int dimensions,
      boolean readOnly,
      boolean hasSections) {
    String written = userData.get(EMBEDDING_MODEL_KEY);
    String writtenDimensions = userData.get(EMBEDDING_DIMENSIONS_KEY);
    if (written == null) {
      if (modelId != null && hasSections && !readOnly) {
        throw new SectionSearchException(
            "index at "
                + name
                + " was written without an embedding model but is opened with "
                + modelId
                + ": its sections have no vectors; open it without an embedder, or re-create it"
                + " with one");
      }
      return;
    }
    if (!hasSections && !readOnly) {
      // nothing was embedded yet (an indexing run whose model failed to load leaves this):
      // the model recorded binds no vectors, and the next commit records the one written with
      return;
    }
    if (modelId == null) {
      if (!readOnly) {
        throw new SectionSearchException(
            "index at "
                + name
                + " was written with embedding model "
                + written
                + " but is opened for writing without one: new sections would have no vectors;"
                + " open it with that model's embedder");
      }
      return;
    }
    if (!written.equals(modelId) || !Integer.toString(dimensions).equals(writtenDimensions)) {
      throw new SectionSearchException(
          "index at "
              + name
              + " was written with embedding model "
              + written
              + " ("
              + writtenDimensions
              + " dimensions) but is opened with "
              + modelId
              + " ("
              + dimensions
              + " dimensions): their vectors cannot be compared; open it with the model it was"
              + " written with, or re-create it");
    }
  }

  /** The user data to store with each commit. */
  public static Map<String, String> commitUserData(String analyzerId) {
    return Map.of(VERSION_KEY, VERSION, ANALYZER_KEY, analyzerId);
  }

  /**
   * Names an analyzer by what it does: its class and a hash of the terms it makes of a probe text
   * that exercises case, stop words, stemming, accents, compatibility forms, hyphens, format
   * characters and scripts without spaces. Two analyzers that index text differently almost surely
   * differ here, which is what opening an index with the wrong one must catch.
   */
  public static String analyzerId(Analyzer analyzer) {
    String probe =
        "The Running foxes' CAF\u00c9 cafe\u0301 na\u00efve co-operate r\u00e9sum\u00e9s 3.14"
            + " e-mail U.S.A. \ufb01nance Stra\u00dfe soft\u00adhyphen zero\u200bwidth"
            + " \u00fcber \u6771\u4eac\u90fd WiFi-6E don't 1st";
    long hash = 0xcbf29ce484222325L;
    try (TokenStream stream = analyzer.tokenStream(CONTENT, probe)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        for (int i = 0; i < term.length(); i++) {
          hash = (hash ^ term.charAt(i)) * 0x100000001b3L;
        }
        hash = (hash ^ (0x10000 + increment.getPositionIncrement())) * 0x100000001b3L;
      }
      stream.end();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return analyzer.getClass().getName() + "#" + Long.toHexString(hash);
  }

  /**
   * Checks that an existing index was written with this schema.
   *
   * @throws SectionSearchException naming the index when it was not
   */
  public static void checkCompatible(Map<String, String> userData, String name, String analyzerId) {
    String version = userData.get(VERSION_KEY);
    if (version == null) {
      throw new SectionSearchException(
          "index at " + name + " was not written by this library (no schema version)");
    }
    if (VERSION_WITHOUT_CHUNKS.equals(version) && userData.get(EMBEDDING_MODEL_KEY) != null) {
      throw new SectionSearchException(
          "index at "
              + name
              + " was written by an earlier version with one vector per section (schema version "
              + version
              + "); this version embeds every part of a section (schema version "
              + VERSION
              + "): re-create the index with its embedder (the CLI: index --semantic into a new"
              + " folder)");
    }
    if (!VERSION.equals(version) && !VERSION_WITHOUT_CHUNKS.equals(version)) {
      throw new SectionSearchException(
          "index at "
              + name
              + " has schema version "
              + version
              + " but this library reads version "
              + VERSION
              + "; re-create the index");
    }
    String written = userData.get(ANALYZER_KEY);
    if (written != null && !written.equals(analyzerId)) {
      throw new SectionSearchException(
          "index at "
              + name
              + " was written with analyzer "
              + written
              + " but is opened with "
              + analyzerId
              + ": its words would not be found; open it with the analyzer it was written"
              + " with, or re-create it");
    }
  }

  /** Counts documents, sections and dates in an index. */
  public static IndexStats stats(IndexSearcher searcher, Directory directory) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    long documents = searcher.count(IntPoint.newExactQuery(ORDINAL, 0));
    long oldest = Long.MAX_VALUE;
    long newest = Long.MIN_VALUE;
    for (LeafReaderContext leaf : reader.leaves()) {
      PointValues points = leaf.reader().getPointValues(DATE);
      if (points != null && points.size() > 0) {
        oldest = Math.min(oldest, NumericUtils.sortableBytesToLong(points.getMinPackedValue(), 0));
        newest = Math.max(newest, NumericUtils.sortableBytesToLong(points.getMaxPackedValue(), 0));
      }
    }
    long size = 0;
    // the files of this view's commit only: a killed run or a merge under way leaves others
    for (String file : ((DirectoryReader) reader).getIndexCommit().getFileNames()) {
      try {
        size += directory.fileLength(file);
      } catch (IOException e) {
        // a file removed by a concurrent commit no longer counts
      }
    }
    // Point min/max still cover deleted sections until their segment merges; accept that.
    return new IndexStats(
        documents,
        hasChunks(reader) ? searcher.count(SECTIONS) : reader.numDocs(),
        oldest == Long.MAX_VALUE ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(oldest)),
        newest == Long.MIN_VALUE ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(newest)),
        size);
  }
}
