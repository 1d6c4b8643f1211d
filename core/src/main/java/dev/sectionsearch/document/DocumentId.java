package dev.sectionsearch.document;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The rule every document id follows, checked before an id reaches the index: not blank, at most
 * {@value #MAX_UTF8_BYTES} UTF-8 bytes, no control characters and no unpaired surrogates.
 *
 * <p>Lucene refuses terms over 32,766 bytes, and refusing one while deleting leaves its writer
 * unusable; an id that long is a mistake anyway. Control characters would reach terminals and TREC
 * runs, and unpaired surrogates would be stored as U+FFFD, so that two ids could collide.
 *
 * <p>Stateless and thread-safe.
 */
public final class DocumentId {
  /** The longest id in UTF-8 bytes: room for any path a file system allows (4,096 on Linux). */
  public static final int MAX_UTF8_BYTES = 4096;

  /** How much of a refused id an error message shows. */
  private static final int SHOWN_CHARS = 60;

  private DocumentId() {}

  /**
   * Returns the id when it follows the rule.
   *
   * @param id the id
   * @return the id
   * @throws NullPointerException when the id is null
   * @throws IllegalArgumentException naming the (abbreviated, escaped) id and what is wrong
   */
  public static String check(String id) {
    if (id == null) {
      throw new NullPointerException("id");
    }
    if (id.isBlank()) {
      throw new IllegalArgumentException("document id must not be blank");
    }
    // each char is at most 3 UTF-8 bytes: only long ids need encoding to be measured
    if (id.length() > MAX_UTF8_BYTES / 3) {
      int bytes = id.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_UTF8_BYTES) {
        throw refused(
            id, "is too long (" + bytes + " UTF-8 bytes; the limit is " + MAX_UTF8_BYTES + ")");
      }
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c)) {
        throw refused(id, "contains a control character (U+" + hex(c) + ") at index " + i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < id.length()
          && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw refused(id, "contains an unpaired surrogate (U+" + hex(c) + ") at index " + i);
      }
    }
    return id;
  }

  private static IllegalArgumentException refused(String id, String problem) {
    return new IllegalArgumentException("document id \"" + abbreviate(id) + "\" " + problem);
  }

  /**
   * {@return the start of an id, fit for a one-line message: controls and surrogates escaped as
   * {@code \\uXXXX}, long ids cut with their length given}
   *
   * @param id the id
   */
  public static String abbreviate(String id) {
    StringBuilder shown = new StringBuilder();
    int end = Math.min(id.length(), SHOWN_CHARS);
    for (int i = 0; i < end; i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        shown.append("\\u").append(hex(c));
      } else {
        shown.append(c);
      }
    }
    if (end < id.length()) {
      shown.append("... (").append(id.length()).append(" characters)");
    }
    return shown.toString();
  }

  private static String hex(char c) {
    return String.format(Locale.ROOT, "%04X", (int) c);
  }
}
