package dev.sectionsearch.index;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * The index's layout: one Lucene document per section, its field names, and how a section is
 * written and read back. Internal to the library; not part of its API. Stateless and
 * thread-safe.
 */
public final class IndexSchema {
  /** Schema version stored in each commit; bump it when the layout changes incompatibly. */
  public static final String VERSION = "3";

  /** Commit user-data key holding {@link #VERSION}. */
  public static final String VERSION_KEY = "sectionsearch.schema";

  /** Document id: indexed as one term, stored, and as doc values for collapsing. */
  public static final String DOC_ID = "doc_id";
  /**
   * A 64-bit hash of document id and ordinal, as numeric doc values: the tie-breaker that makes
   * paging stable across commits, where Lucene's own document numbers change with merges. A
   * number, not the id as text: a text key was looked up and copied for every hit a search
   * collected (7% of a search) and sorted at every flush and merge.
   */
  public static final String SECTION_KEY = "section_key";
  /** Document title: analyzed and stored. */
  public static final String TITLE = "title";
  /** Section heading: analyzed and stored. */
  public static final String HEADING = "heading";
  /** Heading path: stored only, one value per level. */
  public static final String HEADING_PATH = "heading_path";
  /** Section body: analyzed with positions and offsets (for fast highlighting), stored. */
  public static final String BODY = "body";
  /**
   * The title, heading path and body together, analyzed, not stored: the field ranking scores,
   * so that BM25 sees a section as one text, as a reader does. The title counts once, also where
   * a heading or the body's first line repeats it. Title and heading may count again through
   * their own boosted fields.
   */
  public static final String CONTENT = "content";
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
  /** Hash of the document's input, to skip re-indexing unchanged documents: stored only. */
  public static final String CONTENT_HASH = "content_hash";

  private static final FieldType BODY_TYPE = bodyType();

  private IndexSchema() {}

  private static FieldType bodyType() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  /** The Lucene documents for a sectioned document, one per section, in section order. */
  public static List<org.apache.lucene.document.Document> toLucene(
      SectionedDocument document, String contentHash) {
    List<org.apache.lucene.document.Document> docs = new ArrayList<>(document.sections().size());
    // one copy for all sections: the writer copies the bytes as it adds each section
    BytesRef docId = new BytesRef(document.id());
    for (Section section : document.sections()) {
      org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
      doc.add(new StringField(DOC_ID, document.id(), Field.Store.YES));
      doc.add(new SortedDocValuesField(DOC_ID, docId));
      doc.add(new NumericDocValuesField(SECTION_KEY, sectionKey(document.id(), section.ordinal())));
      doc.add(new TextField(TITLE, document.title(), Field.Store.YES));
      if (repeatsTitle(document.title(), section.heading())) {
        // the heading that became the title (a Markdown file's only "# ..."): shown, not scored
        // again, or a title match would count twice and earn the heading boost too; indexed as
        // empty because Lucene requires a field indexed in one section to be in all
        doc.add(new TextField(HEADING, "", Field.Store.NO));
        doc.add(new StoredField(HEADING, section.heading()));
      } else {
        doc.add(new TextField(HEADING, section.heading(), Field.Store.YES));
      }
      for (String level : section.headingPath()) {
        doc.add(new StoredField(HEADING_PATH, level));
      }
      doc.add(new Field(BODY, section.text(), BODY_TYPE));
      doc.add(new TextField(CONTENT, content(document.title(), section), Field.Store.NO));
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
      doc.add(new StoredField(CONTENT_HASH, contentHash));
      docs.add(doc);
    }
    return docs;
  }

  /**
   * The scored text of a section: title, heading path and body, each written once. A heading
   * equal to the title, or a body that opens with it (an untitled page named by its first line),
   * already holds the title, which would otherwise count twice against documents whose title
   * nothing repeats.
   */
  private static String content(String title, Section section) {
    String ownTitle = opensWith(section.text(), title) ? "" : title;
    // sized up front: growing it copied every section's text twice more
    int length = ownTitle.length() + 2 + section.text().length();
    for (String heading : section.headingPath()) {
      length += 2 + heading.length();
    }
    StringBuilder content = new StringBuilder(length).append(ownTitle);
    for (String heading : section.headingPath()) {
      if (!repeatsTitle(title, heading)) {
        content.append("\n\n").append(heading);
      }
    }
    return content.append("\n\n").append(section.text()).toString();
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
   * run sort the same in the next. Among a million sections the odds that any two share a key
   * are about 3 in 10^8, and then only their order among equal scores is left to Lucene.
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
   * A hash of everything about a document's input that affects what is indexed, so that adding
   * the same input again can be skipped.
   */
  public static String contentHash(Document document) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    byte[] block = new byte[2048];
    update(digest, VERSION, block);
    update(digest, document.id(), block);
    update(digest, document.title().orElse("\u0000"), block);
    update(digest, document.date().map(LocalDate::toString).orElse("\u0000"), block);
    update(digest, document.defaultDate().map(LocalDate::toString).orElse("\u0000"), block);
    update(digest, document.source(), block);
    update(digest, document.format().map(Enum::name).orElse("\u0000"), block);
    update(digest, document.text().orElse("\u0000"), block);
    for (Section section : document.sections()) {
      update(digest, String.join("\u0001", section.headingPath()), block);
      update(digest, section.text(), block);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Feeds the value's length and its UTF-16 code units to the digest, a block at a time. Code
   * units rather than UTF-8 bytes: encoding every text to UTF-8 first took most of the hashing
   * time.
   */
  private static void update(MessageDigest digest, String value, byte[] block) {
    int length = value.length();
    digest.update(
        new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
          (byte) length});
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

  /** The user data to store with each commit. */
  public static Map<String, String> commitUserData() {
    return Map.of(VERSION_KEY, VERSION);
  }

  /**
   * Checks that an existing index was written with this schema.
   *
   * @throws SectionSearchException naming the index when it was not
   */
  public static void checkCompatible(Map<String, String> userData, String name) {
    String version = userData.get(VERSION_KEY);
    if (version == null) {
      throw new SectionSearchException(
          "index at " + name + " was not written by this library (no schema version)");
    }
    if (!VERSION.equals(version)) {
      throw new SectionSearchException(
          "index at "
              + name
              + " has schema version "
              + version
              + " but this library reads version "
              + VERSION
              + "; re-create the index");
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
    for (String file : directory.listAll()) {
      try {
        size += directory.fileLength(file);
      } catch (IOException e) {
        // a file removed by a concurrent merge no longer counts
      }
    }
    // Point min/max still cover deleted sections until their segment merges; accept that.
    return new IndexStats(
        documents,
        reader.numDocs(),
        oldest == Long.MAX_VALUE ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(oldest)),
        newest == Long.MIN_VALUE ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(newest)),
        size);
  }
}
