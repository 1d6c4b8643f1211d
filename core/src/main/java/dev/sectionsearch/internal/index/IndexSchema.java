package dev.sectionsearch.internal.index;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The index's layout: one Lucene document per section, its field names, and how a section is
 * written and read back. Internal to the library; not part of its API. Stateless and thread-safe.
 *
 * <p>In an index with vectors each section is preceded by one Lucene document per chunk of its text
 * (a block, as Lucene's block joins need): the chunk's {@link #VECTOR} and its {@link #DOC_ID}
 * (term and doc values), nothing else, so that deleting or replacing a document by its id removes
 * its chunks with it. A query that can match a document without a term of a section field (all
 * documents, or a document id) must be narrowed with {@link ChunkVectors#onlySections} or it finds
 * chunks too.
 */
public final class IndexSchema {

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
}
