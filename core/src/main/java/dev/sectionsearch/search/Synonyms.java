package dev.sectionsearch.search;

import dev.sectionsearch.internal.index.SectionAnalyzer;
import dev.sectionsearch.internal.search.SynonymTable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Synonyms for a search ({@link SearchRequest#withSynonyms}), read from a file in Solr's format:
 *
 * <pre>
 * # a comment
 * car, automobile, motorcar        (equivalents: each finds the others)
 * usa, united states, america      (entries of several words match as phrases)
 * colour =&gt; color                  (an explicit mapping: colour also finds color, not back)
 * </pre>
 *
 * <p>Synonyms are applied at query time, so the same index serves searches with and without them,
 * and with different files: each entry is analysed with the index's analyzer (so {@code cars} finds
 * {@code automobiles}), a query's words are matched against the entries longest first, and the
 * words then also find the entries' words or phrases, ranked below the words themselves. The
 * query's own words are always searched, an explicit mapping included. Quoted phrases, prefixes and
 * excluded words are searched as typed. An entry of stop words only (such as {@code the}) is left
 * out; stop words inside a phrase ({@code united states of america}) may be any word.
 *
 * <p>Immutable and thread-safe; equal when read from the same text.
 */
public final class Synonyms {
  private final String name;
  private final String text;

  private Synonyms(String name, String text) {
    this.name = name;
    this.text = text;
    // read once with the default analyzer: a rule that cannot be read fails here, naming its line
    try (SectionAnalyzer analyzer = new SectionAnalyzer()) {
      SynonymTable.read(text, name, analyzer);
    }
  }

  /**
   * Reads a synonym file (UTF-8).
   *
   * @param file the file
   * @return the synonyms
   * @throws IllegalArgumentException naming the file and line of a rule that cannot be read (such
   *     as {@code a => b => c} or an empty entry)
   * @throws IOException when the file cannot be read
   */
  public static Synonyms read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return new Synonyms(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Reads synonyms in Solr's format from a reader, which is not closed.
   *
   * @param name what errors call the source, such as a file name
   * @param reader the text in Solr's format
   * @return the synonyms
   * @throws IOException when the reader fails
   * @throws IllegalArgumentException naming the source and line of a rule that cannot be read
   */
  public static Synonyms read(Reader reader, String name) throws IOException {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(name, "name");
    StringWriter text = new StringWriter();
    reader.transferTo(text);
    return new Synonyms(name, text.toString());
  }

  /**
   * Synonyms from the text of a file in Solr's format, called {@code name} in errors.
   *
   * @param text the text in Solr's format
   * @param name what errors call the source, such as a file name
   * @return the synonyms
   */
  public static Synonyms of(String text, String name) {
    return new Synonyms(Objects.requireNonNull(name, "name"), Objects.requireNonNull(text, "text"));
  }

  /** {@return the name of the source they were read from, as given or the file's path} */
  public String name() {
    return name;
  }

  /** {@return the rules as read, in Solr's format} */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Synonyms that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "Synonyms[" + name + "]";
  }
}
