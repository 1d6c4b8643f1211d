package dev.sectionsearch.internal.index;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Section;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content hash of a document's input: everything that affects what is indexed, so that adding
 * the same input again can be skipped (both backends store it). Internal; stateless and
 * thread-safe.
 */
public final class ContentHash {
  private ContentHash() {}

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
    update(digest, CommitData.VERSION_WITHOUT_CHUNKS, block);
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
}
