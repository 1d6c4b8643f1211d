package dev.sectionsearch.document;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The input formats the library can split into sections. Immutable and thread-safe. */
public enum Format {
  /** Plain text: first line is the title; headings are short lines, or glued to paragraphs. */
  TEXT("txt", "text"),
  /** Markdown (CommonMark) with optional YAML front matter. */
  MARKDOWN("md", "markdown", "mdown", "mkd"),
  /** HTML pages; navigation, scripts and other page chrome are removed. */
  HTML("html", "htm", "xhtml"),
  /**
   * reStructuredText (docutils, Sphinx): sections at underlined and overlined titles; {@code
   * .rst.txt} is the name Sphinx gives the sources it copies into a build's {@code _sources}.
   */
  RESTRUCTUREDTEXT("rst", "rest", "rst.txt"),
  /** AsciiDoc: sections at {@code ==} titles; the header gives the title, date and metadata. */
  ASCIIDOC("adoc", "asciidoc");

  private static final String GZIP_EXTENSION = ".gz";

  // List.of is unmodifiable: the checker trusts only Guava's immutable types
  @SuppressWarnings("ImmutableEnumChecker")
  private final List<String> extensions;

  Format(String... extensions) {
    this.extensions = List.of(extensions);
  }

  /**
   * The format a file name's extension names, compared without regard to case. A gzipped file
   * ({@code notes.md.gz}) has the format of the name under its {@code .gz}.
   *
   * @param file the file's path
   * @return the format, or empty when the extension is not one the library reads
   */
  public static Optional<Format> fromFileName(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    String fileName = name.toString();
    if (isGzipped(file)) {
      fileName = fileName.substring(0, fileName.length() - GZIP_EXTENSION.length());
    }
    String lowerName = fileName.toLowerCase(Locale.ROOT);
    Format found = null;
    int longest = 0;
    // the longest extension wins, so that page.rst.txt is reStructuredText, not text
    for (Format format : values()) {
      for (String known : format.extensions) {
        if (known.length() > longest
            && lowerName.length() > known.length()
            && lowerName.endsWith("." + known)) {
          found = format;
          longest = known.length();
        }
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * {@return the format a text's content shows, for a file whose name names none ({@code README},
   * {@code NEWS}): {@link #HTML} when it opens with {@code <!doctype html} or {@code <html} (after
   * comments), {@link #ASCIIDOC} with a {@code = Title} first line or {@code ==} section titles,
   * {@link #RESTRUCTUREDTEXT} with directives ({@code .. note::}), targets or titles adorned in
   * reStructuredText's own way (overlined, or underlined with other marks than {@code =} and {@code
   * -}), {@link #MARKDOWN} with {@code #} headings (not a block of {@code #} comment lines) or
   * fenced code, and {@link #TEXT} otherwise: titles underlined with {@code =} or {@code -} alone
   * are read by the plain-text sectioner too} Only the first 64 KiB are read.
   *
   * @param text the content, or its beginning
   */
  public static Format sniff(CharSequence text) {
    return FormatSniffing.sniff(text);
  }

  /** Whether a file's name ends in {@code .gz}, compared without regard to case. */
  static boolean isGzipped(Path file) {
    Path name = file.getFileName();
    return name != null
        && name.toString().toLowerCase(Locale.ROOT).endsWith(GZIP_EXTENSION)
        && name.toString().length() > GZIP_EXTENSION.length();
  }
}
