package dev.sectionsearch;

import dev.sectionsearch.document.Format;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How {@link SectionIndex#addAll(Path, FolderOptions, IndexingListener)} indexes a folder: which
 * files (include and exclude glob patterns), what metadata and date each file gets, what format
 * files without a known extension are read in, and whether documents of files deleted since the
 * folder was last indexed are removed.
 *
 * <p>Patterns are {@link java.nio.file.FileSystem#getPathMatcher glob patterns}: a pattern without
 * a {@code /} is matched against file and folder names ({@code *.rst.txt}, {@code _sources}), one
 * with a {@code /} against the path relative to the folder ({@code library/**}). A file is indexed
 * when it matches an include pattern (or no include pattern is given) and neither it nor a folder
 * above it matches an exclude pattern.
 *
 * <p>Immutable and thread-safe when the metadata function is.
 */
public final class FolderOptions {
  private final List<String> include;
  private final List<String> exclude;
  private final List<PathMatcher> includeMatchers;
  private final List<PathMatcher> excludeMatchers;
  private final Function<Path, Map<String, List<String>>> metadata;
  private final Optional<LocalDate> date;
  private final Optional<Format> format;
  private final boolean sniffsFormat;
  private final boolean removeMissing;

  private FolderOptions(Builder builder) {
    this.include = List.copyOf(builder.include);
    this.exclude = List.copyOf(builder.exclude);
    this.includeMatchers = include.stream().map(FolderOptions::matcher).toList();
    this.excludeMatchers = exclude.stream().map(FolderOptions::matcher).toList();
    this.metadata = builder.metadata;
    this.date = Optional.ofNullable(builder.date);
    this.format = Optional.ofNullable(builder.format);
    this.sniffsFormat = builder.sniffFormat;
    this.removeMissing = builder.removeMissing;
  }

  /**
   * Options that index every file of a known format and remove documents of deleted files.
   *
   * @return the default options
   */
  public static FolderOptions defaults() {
    return builder().build();
  }

  /** {@return a builder of options, starting from {@link #defaults()}} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the include patterns; empty when every file of a known format is included} */
  public List<String> include() {
    return include;
  }

  /** {@return the exclude patterns} */
  public List<String> exclude() {
    return exclude;
  }

  /** {@return the date every file gets, over dates in its content and name} */
  public Optional<LocalDate> date() {
    return date;
  }

  /** {@return the format of included files whose extension names none} */
  public Optional<Format> format() {
    return format;
  }

  /**
   * {@return whether included files whose extension names no format are read in the format their
   * content shows ({@link Format#sniff})}
   */
  public boolean sniffsFormat() {
    return sniffsFormat;
  }

  /** {@return whether documents of files no longer under the folder are removed} */
  public boolean removeMissing() {
    return removeMissing;
  }

  /**
   * {@return the metadata a file gets, over metadata in its content}
   *
   * @param file the file's path, as walked
   */
  public Map<String, List<String>> metadataFor(Path file) {
    Map<String, List<String>> values = metadata.apply(file);
    return values == null ? Map.of() : values;
  }

  /**
   * {@return whether a file at {@code relative} (to the folder) is included: {@code isFile} false
   * for a folder, which is only tested against the exclude patterns}
   *
   * @param relative the path relative to the folder
   * @param isFile whether it is a file (else a folder)
   */
  public boolean includes(Path relative, boolean isFile) {
    for (PathMatcher matcher : excludeMatchers) {
      if (matches(matcher, relative)) {
        return false;
      }
    }
    if (!isFile || includeMatchers.isEmpty()) {
      return true;
    }
    for (PathMatcher matcher : includeMatchers) {
      if (matches(matcher, relative)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return whether include patterns select files, so that unselected files are passed over
   * silently}
   */
  public boolean selects() {
    return !includeMatchers.isEmpty();
  }

  private static PathMatcher matcher(String pattern) {
    return new NamedMatcher(
        pattern.indexOf('/') >= 0, FileSystems.getDefault().getPathMatcher("glob:" + pattern));
  }

  private static boolean matches(PathMatcher matcher, Path relative) {
    return matcher.matches(relative);
  }

  /** A glob matched against the name, or against the relative path when it holds a {@code /}. */
  private record NamedMatcher(boolean onPath, PathMatcher glob) implements PathMatcher {
    @Override
    public boolean matches(Path relative) {
      if (onPath) {
        return glob.matches(relative);
      }
      Path name = relative.getFileName();
      return name != null && glob.matches(name);
    }
  }

  /** Builds {@link FolderOptions}. Not thread-safe. */
  public static final class Builder {
    private final List<String> include = new ArrayList<>();
    private final List<String> exclude = new ArrayList<>();
    private Function<Path, Map<String, List<String>>> metadata = file -> Map.of();
    private LocalDate date;
    private Format format;
    private boolean sniffFormat;
    private boolean removeMissing = true;

    private Builder() {}

    /**
     * Adds an include pattern.
     *
     * @param pattern a glob
     * @return this builder
     * @throws IllegalArgumentException when the pattern is not a valid glob
     */
    public Builder include(String pattern) {
      matcher(checked(pattern));
      include.add(pattern);
      return this;
    }

    /**
     * Adds an exclude pattern, which also keeps the walk out of the folders it matches.
     *
     * @param pattern a glob
     * @return this builder
     * @throws IllegalArgumentException when the pattern is not a valid glob
     */
    public Builder exclude(String pattern) {
      matcher(checked(pattern));
      exclude.add(pattern);
      return this;
    }

    /**
     * Sets the metadata of each file, as a function of its path (as walked); its keys replace the
     * same keys found in the file's content. See {@link dev.sectionsearch.document.Metadata} for
     * the rules keys and values follow: a file whose metadata breaks them is skipped with the
     * reason.
     *
     * @param metadata the function
     * @return this builder
     */
    public Builder metadata(Function<Path, Map<String, List<String>>> metadata) {
      this.metadata = Objects.requireNonNull(metadata, "metadata");
      return this;
    }

    /**
     * Gives every file the same metadata.
     *
     * @param metadata values by key
     * @return this builder
     */
    public Builder metadata(Map<String, List<String>> metadata) {
      Map<String, List<String>> copy = Map.copyOf(metadata);
      return metadata(file -> copy);
    }

    /**
     * Gives every file a date, over dates in its content and name.
     *
     * @param date the date
     * @return this builder
     */
    public Builder date(LocalDate date) {
      this.date = Objects.requireNonNull(date, "date");
      return this;
    }

    /**
     * Reads included files whose extension names no known format in this format: {@code README},
     * {@code copyright}. Without it such files are skipped as "unsupported file type".
     *
     * @param format the format
     * @return this builder
     */
    public Builder format(Format format) {
      this.format = Objects.requireNonNull(format, "format");
      this.sniffFormat = false;
      return this;
    }

    /**
     * Reads included files whose extension names no known format in the format their content shows
     * ({@link Format#sniff}: HTML, AsciiDoc, reStructuredText, Markdown, else plain text), in place
     * of one {@link #format(Format)} for all of them. A binary file among them is skipped with the
     * reason.
     *
     * @return this builder
     */
    public Builder sniffFormat() {
      this.sniffFormat = true;
      this.format = null;
      return this;
    }

    /**
     * Sets whether documents of files no longer under the folder (deleted or moved since it was
     * last indexed) are removed; true by default. Only documents whose ids lie under the folder are
     * considered.
     *
     * @param removeMissing whether to remove them
     * @return this builder
     */
    public Builder removeMissing(boolean removeMissing) {
      this.removeMissing = removeMissing;
      return this;
    }

    /**
     * Builds the options; the builder can go on being used.
     *
     * @return the options
     */
    public FolderOptions build() {
      return new FolderOptions(this);
    }

    private static String checked(String pattern) {
      Objects.requireNonNull(pattern, "pattern");
      if (pattern.isBlank()) {
        throw new IllegalArgumentException("a file pattern must not be blank");
      }
      return pattern;
    }
  }
}
