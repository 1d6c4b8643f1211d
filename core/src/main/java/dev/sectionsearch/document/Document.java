package dev.sectionsearch.document;

import dev.sectionsearch.DocumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document to index: an id, optional title and date, a source, and content that is either raw
 * text in a {@link Format} (split into sections by the library) or sections given directly.
 *
 * <p>Build one with {@link #builder(String)} when the content is already in memory (a CMS, a
 * database, a crawler), or read a file with {@link #fromFile(Path)}, which gives it its {@linkplain
 * #fileId(Path) real path} as id.
 *
 * <p>Immutable and thread-safe.
 */
public final class Document {
  /** Files larger than this are refused by {@link #fromFile(Path)}: 64 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;

  private static final Pattern DATE_IN_FILE_NAME =
      Pattern.compile("(?<![0-9])(\\d{4})-(\\d{2})-(\\d{2})(?![0-9])");

  private final String id;
  private final String title;
  private final LocalDate date;
  private final LocalDate defaultDate;
  private final String source;
  private final Format format;
  private final String text;
  private final List<Section> sections;
  private final List<String> warnings;
  private final Map<String, List<String>> metadata;

  private Document(Builder builder) {
    this.id = builder.id;
    this.title = builder.title;
    this.date = builder.date;
    this.defaultDate = builder.defaultDate;
    this.source = builder.source == null ? builder.id : builder.source;
    this.format = builder.format;
    this.text = builder.text;
    this.sections = List.copyOf(builder.sections);
    this.warnings = List.copyOf(builder.warnings);
    this.metadata = Metadata.unmodifiable(builder.metadata);
  }

  private Document(Document original, LocalDate date) {
    this.id = original.id;
    this.title = original.title;
    this.date = date;
    this.defaultDate = original.defaultDate;
    this.source = original.source;
    this.format = original.format;
    this.text = original.text;
    this.sections = original.sections;
    this.warnings = original.warnings;
    this.metadata = original.metadata;
  }

  /**
   * This document with more metadata: each key given replaces the document's values for that key,
   * as {@link Builder#metadata(String, List)} does.
   *
   * @param metadata values by key
   * @return a copy of this document with the metadata
   * @throws IllegalArgumentException when a key or value breaks the rules of {@link Metadata}
   */
  public Document withMetadata(Map<String, List<String>> metadata) {
    Builder builder = toBuilder();
    metadata.forEach(builder::metadata);
    return builder.build();
  }

  /**
   * {@return a builder holding everything this document holds, to change some of it: {@code
   * document.toBuilder().title("Other").build()}}
   */
  public Builder toBuilder() {
    Builder builder = new Builder(id);
    builder.title = title;
    builder.date = date;
    builder.defaultDate = defaultDate;
    builder.source = source;
    builder.format = format;
    builder.text = text;
    builder.sections.addAll(sections);
    builder.nextOffset = sections.isEmpty() ? 0 : sections.get(sections.size() - 1).end() + 2;
    builder.warnings.addAll(warnings);
    builder.metadata.putAll(metadata);
    return builder;
  }

  /**
   * {@return a copy of this document with a date given by the caller, which wins over any date in
   * its content or file name; e.g. for a file read with {@link #fromFile(Path)} whose date is known
   * elsewhere}
   *
   * @param date the date
   */
  public Document withDate(LocalDate date) {
    return new Document(this, Objects.requireNonNull(date, "date"));
  }

  /**
   * Starts a document with the given id, which must be stable across runs and follow the
   * {@linkplain DocumentId id rule}.
   *
   * @param id the document's id
   * @return a builder of a document with that id
   * @throws IllegalArgumentException naming the id when it breaks the rule (blank, too long,
   *     control characters)
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * Reads a file, choosing its format from the extension; its id and source are its {@linkplain
   * #fileId(Path) real path}. Files over {@value #DEFAULT_MAX_FILE_BYTES} bytes are refused.
   *
   * @param file the file; its extension chooses the format
   * @return the document, not yet split into sections
   * @throws DocumentException naming the file when it cannot be read or is not a document
   */
  public static Document fromFile(Path file) {
    return fromFile(file, DEFAULT_MAX_FILE_BYTES);
  }

  /**
   * Reads a file, refusing files over {@code maxBytes}; its id and source are its {@linkplain
   * #fileId(Path) real path}.
   *
   * @param file the file; its extension chooses the format
   * @param maxBytes the largest file read
   * @return the document, not yet split into sections
   * @throws DocumentException naming the file when it cannot be read or is not a document
   */
  public static Document fromFile(Path file, long maxBytes) {
    return fromFile(file, maxBytes, Optional.empty());
  }

  /**
   * Like {@link #fromFile(Path, long)}, reading a file whose name names no known format in {@code
   * format}; a file whose extension names one is read in that one.
   *
   * @param file the file
   * @param maxBytes the largest file read
   * @param format the format of a file whose name names none; empty to refuse such a file
   * @return the document, not yet split into sections
   * @throws DocumentException naming the file when it cannot be read or is not a document
   */
  public static Document fromFile(Path file, long maxBytes, Optional<Format> format) {
    Path real = realPath(file);
    String id = idOf(real);
    try {
      DocumentId.check(id);
    } catch (IllegalArgumentException e) {
      // a path may hold characters no id may: skip such a file like any other unusable one
      throw new DocumentException(real.toString(), "its path cannot be an id: " + e.getMessage());
    }
    if (!canRead(real) && format.isPresent()) {
      return fromFile(real, id, maxBytes, format.get());
    }
    return fromFile(real, id, maxBytes);
  }

  /**
   * {@return whether {@link #fromFile(Path)} reads a file of this name: its extension names a
   * {@link Format}, or a {@link DocumentReader} that a module on the classpath provides ({@code
   * .pdf} with the {@code sectionsearch-pdf} module)}
   *
   * @param file the file's path
   */
  public static boolean canRead(Path file) {
    return Format.fromFileName(file).isPresent() || DocumentReaders.forFile(file).isPresent();
  }

  /**
   * The id every way of adding a file gives it: its real path (absolute, symbolic links resolved,
   * {@code /} as separator). Two different files never share an id, and the same file always gets
   * the same one, whatever the working directory or the path it was reached by.
   *
   * @param file the file
   * @return its real path, as an id
   * @throws DocumentException naming the file when it does not exist or cannot be resolved
   */
  public static String fileId(Path file) {
    return idOf(realPath(file));
  }

  private static String idOf(Path realPath) {
    return realPath.toString().replace(java.io.File.separatorChar, '/');
  }

  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new DocumentException(
          file.toString(), Files.isSymbolicLink(file) ? "broken symbolic link" : "no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new DocumentException(file.toString(), "permission denied", e);
    } catch (IOException e) {
      throw new DocumentException(file.toString(), "cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a file into a document under an id the caller chooses (e.g. the address it was downloaded
   * from); its source is the path as given.
   *
   * <p>The text is decoded as UTF-8, or UTF-16 when it starts with a byte order mark; an HTML page
   * may declare another charset in a {@code <meta>} in its first 1024 bytes, as browsers read it
   * ({@code iso-8859-1} as {@code windows-1252}). A file named {@code *.gz} is decompressed and
   * read in the format of the name under the {@code .gz}. A {@code YYYY-MM-DD} in the file name
   * becomes the {@linkplain #defaultDate() default date}.
   *
   * <p>A file whose extension a {@link DocumentReader} on the classpath reads ({@code .pdf} with
   * the {@code sectionsearch-pdf} module) is read by it.
   *
   * @param file the file; its extension chooses the format
   * @param id the document id to give it
   * @param maxBytes files larger than this are refused, and so are gzipped files that decompress to
   *     more than this
   * @return the document, not yet split into sections
   * @throws DocumentException naming the file when it cannot be read, is empty, too large, binary,
   *     not valid text or gzip data, declares an unknown charset, or has an extension the library
   *     does not read
   */
  public static Document fromFile(Path file, String id, long maxBytes) {
    String name = file.toString();
    if (java.nio.file.Files.isDirectory(file)) {
      throw new DocumentException(name, "is a folder, not a file (add a folder with addAll)");
    }
    Optional<Format> format = Format.fromFileName(file);
    if (format.isPresent()) {
      return fromFile(file, id, maxBytes, format.get());
    }
    Optional<DocumentReader> reader = DocumentReaders.forFile(file);
    if (reader.isPresent()) {
      return reader.get().read(file, id, maxBytes);
    }
    StringBuilder more = new StringBuilder();
    for (String extension : DocumentReaders.extensions()) {
      more.append(", .").append(extension);
    }
    throw new DocumentException(
        name,
        "unsupported file type (expected .txt, .md, .html, .rst, .adoc" + more + " or similar)");
  }

  /**
   * Like {@link #fromFile(Path, String, long)}, reading the file in a format the caller chooses
   * whatever its name: a {@code README} or {@code copyright} without an extension as text or
   * Markdown. A name ending in {@code .gz} is still decompressed.
   *
   * @param file the file
   * @param id the document id to give it
   * @param maxBytes the largest file read
   * @param format the format to read it in
   * @return the document, not yet split into sections
   */
  public static Document fromFile(Path file, String id, long maxBytes, Format format) {
    Objects.requireNonNull(format, "format");
    String name = file.toString();
    byte[] bytes = readBounded(file, name, maxBytes);
    if (Format.isGzipped(file)) {
      bytes = Gzip.decompress(bytes, name, maxBytes);
    }
    return fromText(file, id, TextDecoding.decode(bytes, name, format), format);
  }

  /**
   * Like {@link #fromFile(Path, long)}, reading a file whose name names no known format in the
   * format its content shows ({@link Format#sniff}): a {@code README} in Markdown or
   * reStructuredText, a saved page without an extension as HTML (its {@code <meta>} charset
   * honoured), anything else as plain text. A file whose extension names a format, or that a {@link
   * DocumentReader} reads, is read as {@link #fromFile(Path, long)} reads it.
   *
   * @param file the file
   * @param maxBytes the largest file read
   * @return the document, not yet split into sections
   * @throws DocumentException naming the file when it cannot be read or is not a document
   */
  public static Document fromFileSniffingFormat(Path file, long maxBytes) {
    Path real = realPath(file);
    String id = idOf(real);
    try {
      DocumentId.check(id);
    } catch (IllegalArgumentException e) {
      throw new DocumentException(real.toString(), "its path cannot be an id: " + e.getMessage());
    }
    if (canRead(real)) {
      return fromFile(real, id, maxBytes);
    }
    String name = real.toString();
    byte[] bytes = readBounded(real, name, maxBytes);
    if (Format.isGzipped(real)) {
      bytes = Gzip.decompress(bytes, name, maxBytes);
    }
    if (FormatSniffing.looksLikeHtml(bytes)) {
      return fromText(real, id, TextDecoding.decode(bytes, name, Format.HTML), Format.HTML);
    }
    String text = TextDecoding.decode(bytes, name, Format.TEXT);
    Format format = Format.sniff(text);
    if (format == Format.HTML) {
      // a UTF-16 page: decoded by its byte order mark either way
      text = TextDecoding.decode(bytes, name, Format.HTML);
    }
    return fromText(real, id, text, format);
  }

  private static Document fromText(Path file, String id, String text, Format format) {
    String name = file.toString();
    Builder builder = builder(id).source(name).text(text, format);
    Path fileName = file.getFileName();
    if (fileName != null) {
      Matcher matcher = DATE_IN_FILE_NAME.matcher(fileName.toString());
      if (matcher.find()) {
        try {
          builder.defaultDate(LocalDate.parse(matcher.group()));
        } catch (java.time.format.DateTimeParseException e) {
          builder.warning("ignored invalid date \"" + matcher.group() + "\" in the file name");
        }
      }
    }
    return builder.build();
  }

  private static byte[] readBounded(Path file, String name, long maxBytes) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new DocumentException(
            name, Files.exists(file) ? "not a regular file" : "no such file");
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new DocumentException(
            name, "file too large (" + size + " bytes; the limit is " + maxBytes + ")");
      }
      if (size == 0) {
        throw new DocumentException(name, "empty file");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DocumentException(name, "no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new DocumentException(name, "permission denied", e);
    } catch (IOException e) {
      throw new DocumentException(name, "cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * {@return the document's id, unique in an index; adding a document with the same id replaces it}
   */
  public String id() {
    return id;
  }

  /** {@return the title given by the caller; when empty, the title is taken from the content} */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /** {@return the date given by the caller; it wins over any date found in the content} */
  public Optional<LocalDate> date() {
    return Optional.ofNullable(date);
  }

  /**
   * {@return the date to use when neither the caller nor the content gives one (e.g. from a file
   * name)}
   */
  public Optional<LocalDate> defaultDate() {
    return Optional.ofNullable(defaultDate);
  }

  /**
   * {@return where the document came from (a path or URL), for display and citation; defaults to
   * the id}
   */
  public String source() {
    return source;
  }

  /** {@return the format of the raw text; empty when the document was given as sections} */
  public Optional<Format> format() {
    return Optional.ofNullable(format);
  }

  /**
   * {@return the raw text to split into sections; empty when the document was given as sections}
   */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /** {@return the sections given by the caller; empty when the document was given as raw text} */
  public List<Section> sections() {
    return sections;
  }

  /**
   * {@return the metadata given by the caller, each key with its values; it wins, key by key, over
   * metadata found in the content (Markdown front matter, HTML {@code <meta name>})}
   */
  public Map<String, List<String>> metadata() {
    return metadata;
  }

  /**
   * Problems noticed while reading the document that did not stop it from being indexed.
   *
   * @return the problems, readable by a person; empty when there were none
   */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "Document[" + id + "]";
  }

  /**
   * Builds a {@link Document}. Give the content either as raw text with {@link #text(String,
   * Format)} or as sections with {@link #section(String, String)}, not both.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String id;
    private String title;
    private LocalDate date;
    private LocalDate defaultDate;
    private String source;
    private Format format;
    private String text;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, List<String>> metadata = new LinkedHashMap<>();
    private int nextOffset;

    private Builder(String id) {
      this.id = DocumentId.check(id);
    }

    /**
     * Sets the title, which wins over one found in the content.
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Sets the date, which wins over one found in the content.
     *
     * @param date the date
     * @return this builder
     */
    public Builder date(LocalDate date) {
      this.date = Objects.requireNonNull(date, "date");
      return this;
    }

    /**
     * Sets the date to use when neither the caller nor the content gives one.
     *
     * @param defaultDate the date
     * @return this builder
     */
    public Builder defaultDate(LocalDate defaultDate) {
      this.defaultDate = Objects.requireNonNull(defaultDate, "defaultDate");
      return this;
    }

    /**
     * Sets where the document came from; defaults to the id.
     *
     * @param source a path or an address
     * @return this builder
     */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the values of a metadata key (replacing any set before), such as {@code metadata("tags",
     * "java", "search")}. Searches can filter on them and count them; hits return them. See {@link
     * Metadata} for what keys and values may be.
     *
     * @param key the key
     * @param values its values, in order
     * @return this builder
     * @throws IllegalArgumentException when the key or a value breaks the rules of {@link Metadata}
     */
    public Builder metadata(String key, String... values) {
      return metadata(key, Arrays.asList(values));
    }

    /**
     * Like {@link #metadata(String, String...)}, with the values in a list.
     *
     * @param key the key
     * @param values its values, in order
     * @return this builder
     */
    public Builder metadata(String key, List<String> values) {
      Metadata.checkKey(Objects.requireNonNull(key, "key"));
      Objects.requireNonNull(values, "values");
      if (values.isEmpty() || values.size() > Metadata.MAX_VALUES) {
        throw new IllegalArgumentException(
            "metadata key " + key + " needs 1 to " + Metadata.MAX_VALUES + " values");
      }
      Set<String> checked = new LinkedHashSet<>();
      for (String value : values) {
        checked.add(Metadata.checkValue(key, Objects.requireNonNull(value, "value")));
      }
      if (!metadata.containsKey(key) && metadata.size() == Metadata.MAX_KEYS) {
        throw new IllegalArgumentException(
            "a document may have at most " + Metadata.MAX_KEYS + " metadata keys");
      }
      metadata.put(key, List.copyOf(checked));
      return this;
    }

    /**
     * Gives the content as raw text in a format, to be split into sections by the library.
     *
     * @param text the content
     * @param format how to read it
     * @return this builder
     */
    public Builder text(String text, Format format) {
      this.text = Objects.requireNonNull(text, "text");
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Adds a top-level section with a heading (may be empty) and its body text.
     *
     * @param heading the heading; may be empty
     * @param body the section's text
     * @return this builder
     */
    public Builder section(String heading, String body) {
      Objects.requireNonNull(heading, "heading");
      return section(heading.isEmpty() ? List.of() : List.of(heading), body);
    }

    /**
     * Adds a section by its heading path (outermost heading first, the section's own last) and its
     * body text.
     *
     * <p>Section ranges are offsets into the sections' headings and bodies joined with blank lines,
     * the text a reader of the document would see.
     *
     * @param headingPath the headings from the outermost to the section's own
     * @param body the section's text
     * @return this builder
     */
    public Builder section(List<String> headingPath, String body) {
      return section(headingPath, body, 0);
    }

    /**
     * Like {@link #section(List, String)}, for a section of a paged document (a PDF) that starts on
     * {@code page}, from 1; search hits of the section carry the page ({@code SearchHit.page()}).
     *
     * @param headingPath the headings from the outermost to the section's own
     * @param body the section's text
     * @param page the page the section starts on, from 1
     * @return this builder
     * @throws IllegalArgumentException when the page is negative
     */
    public Builder section(List<String> headingPath, String body, int page) {
      Objects.requireNonNull(body, "body");
      if (page < 0) {
        throw new IllegalArgumentException("page must not be negative: " + page);
      }
      List<String> path = List.copyOf(headingPath);
      String heading = path.isEmpty() ? "" : path.get(path.size() - 1);
      int start = nextOffset;
      int end = start + (heading.isEmpty() ? 0 : heading.length() + 2) + body.length();
      sections.add(new Section(heading, path, sections.size(), body, start, end, page));
      nextOffset = end + 2;
      return this;
    }

    Builder warning(String warning) {
      warnings.add(warning);
      return this;
    }

    /**
     * Builds the document.
     *
     * @return the document
     * @throws IllegalStateException when no content or both kinds of content were given
     */
    public Document build() {
      if (text == null && sections.isEmpty()) {
        throw new IllegalStateException(
            "document " + id + " has no content: give text or sections");
      }
      if (text != null && !sections.isEmpty()) {
        throw new IllegalStateException(
            "document " + id + " has both raw text and sections: give one or the other");
      }
      return new Document(this);
    }
  }
}
