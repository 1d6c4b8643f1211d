package dev.sectionsearch.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The rules for a document's key/value metadata (tags, author, category...): what a key and a value
 * may be, and how many of them a document may have. Keys are lower case letters, digits and {@code
 * _ . -}, at most {@value #MAX_KEY_CHARS} characters; {@code title} and {@code date} are the
 * document's own fields, not metadata. Values are non-blank text without control characters, at
 * most {@value #MAX_VALUE_CHARS} characters.
 *
 * <p>Stateless and thread-safe.
 */
public final class Metadata {
  /** The longest key. */
  public static final int MAX_KEY_CHARS = 64;

  /** The longest value. */
  public static final int MAX_VALUE_CHARS = 512;

  /** The most keys a document may have. */
  public static final int MAX_KEYS = 32;

  /** The most values one key may have. */
  public static final int MAX_VALUES = 100;

  /** Keys that name the document's own fields. */
  public static final Set<String> RESERVED_KEYS = Set.of("title", "date");

  private static final Pattern KEY =
      Pattern.compile("[a-z0-9][a-z0-9_.-]{0," + (MAX_KEY_CHARS - 1) + "}");

  private Metadata() {}

  /**
   * Checks a key given in code.
   *
   * @param key the key
   * @return the key
   * @throws IllegalArgumentException naming the key when it breaks the rules
   */
  public static String checkKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "metadata key \""
              + abbreviate(key)
              + "\" must be 1 to "
              + MAX_KEY_CHARS
              + " lower case letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    if (RESERVED_KEYS.contains(key)) {
      throw new IllegalArgumentException(
          "metadata key \"" + key + "\" is reserved: set the document's " + key + " instead");
    }
    return key;
  }

  /**
   * Checks a value given in code.
   *
   * @param key the key the value is for, named in the error
   * @param value the value
   * @return the value, stripped of surrounding white space
   * @throws IllegalArgumentException naming the key when the value breaks the rules
   */
  public static String checkValue(String key, String value) {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("metadata value of " + key + " " + problem);
    }
    return value.strip();
  }

  /**
   * Metadata found in a document's content, made to follow the rules: keys lower-cased, values
   * stripped; what cannot be kept is reported to {@code warnings} and left out.
   *
   * @param found the keys and values as found
   * @param warnings told what was left out, readably
   * @return the metadata kept
   */
  public static Map<String, List<String>> lenient(
      Map<String, List<String>> found, Consumer<String> warnings) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> entry : found.entrySet()) {
      String key = entry.getKey().strip().toLowerCase(java.util.Locale.ROOT);
      if (RESERVED_KEYS.contains(key)) {
        continue;
      }
      if (!KEY.matcher(key).matches()) {
        warnings.accept("ignored metadata key \"" + abbreviate(printable(key)) + "\"");
        continue;
      }
      Set<String> values = new LinkedHashSet<>(kept.getOrDefault(key, List.of()));
      for (String value : entry.getValue()) {
        String problem = problem(value);
        if (problem != null) {
          warnings.accept("ignored a metadata value of " + key + ": it " + problem);
        } else if (values.size() < MAX_VALUES) {
          values.add(value.strip());
        }
      }
      if (values.isEmpty()) {
        continue;
      }
      if (kept.size() == MAX_KEYS && !kept.containsKey(key)) {
        warnings.accept("ignored metadata key " + key + ": more than " + MAX_KEYS + " keys");
        continue;
      }
      kept.put(key, List.copyOf(values));
    }
    return unmodifiable(kept);
  }

  /** An unmodifiable copy that keeps the keys' order. */
  static Map<String, List<String>> unmodifiable(Map<String, List<String>> metadata) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    metadata.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * {@return the values of {@code base} with the keys of {@code overrides} replacing theirs}
   *
   * @param base the values to start from
   * @param overrides the values that win
   */
  public static Map<String, List<String>> merge(
      Map<String, List<String>> base, Map<String, List<String>> overrides) {
    if (overrides.isEmpty()) {
      return base;
    }
    Map<String, List<String>> merged = new LinkedHashMap<>(base);
    merged.putAll(overrides);
    while (merged.size() > MAX_KEYS) {
      // the caller's keys win: drop the content's last ones
      List<String> keys = new ArrayList<>(merged.keySet());
      for (int i = keys.size() - 1; i >= 0 && merged.size() > MAX_KEYS; i--) {
        if (!overrides.containsKey(keys.get(i))) {
          merged.remove(keys.get(i));
        }
      }
    }
    return unmodifiable(merged);
  }

  private static String problem(String value) {
    if (value == null || value.isBlank()) {
      return "is blank";
    }
    if (value.strip().length() > MAX_VALUE_CHARS) {
      return "is longer than " + MAX_VALUE_CHARS + " characters";
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return "holds a control character";
      }
    }
    return null;
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
    return out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
