package dev.sectionsearch;

import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.index.SectionAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The embedded backend of {@link SectionIndex}: a Lucene index in a folder or in memory, in this
 * JVM. Its {@link Builder} configures and opens one; the index it returns is used through {@link
 * SectionIndex} only, as any other backend's is.
 *
 * <pre>{@code
 * try (SectionIndex index = EmbeddedIndex.builder().folder(Path.of("my-index")).build()) {
 *   index.add(Path.of("docs/guide.md"));
 * }
 * }</pre>
 */
public final class EmbeddedIndex {
  private EmbeddedIndex() {}

  /**
   * Starts configuring an embedded index.
   *
   * @return a builder with the default settings
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a new instance of the analysis an index uses unless told otherwise: Lucene's English
   * analysis (standard tokenizer, possessives, lower case, English stop words, Porter stemming)
   * after Unicode normalisation (NFKC, format characters removed), the same for indexed text, query
   * words and prefixes} For an analyzer of one's own that starts from it, or to analyse text the
   * way an index does.
   */
  public static Analyzer defaultAnalyzer() {
    return new SectionAnalyzer();
  }

  /**
   * Configures and opens an embedded index. Without {@link #folder(Path)} the index is held in
   * memory.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    Path folder;
    Directory directory;
    String directoryName;
    boolean readOnly;
    Analyzer analyzer = new SectionAnalyzer();
    IndexSettings settings = IndexSettings.DEFAULTS;
    int indexingThreads = Runtime.getRuntime().availableProcessors();

    /** 0 for the default, {@link LuceneSectionIndex#defaultRamBufferMb()}. */
    double ramBufferMb;

    Embedder embedder;

    private Builder() {}

    /**
     * Embeds every section with this model as it is added, and searches by meaning as well as by
     * words: {@link dev.sectionsearch.search.SearchMode#HYBRID} becomes the default mode. Each
     * section's vector is written with the section, in one Lucene document, so a commit (or a
     * crash) never holds one without the other. The index records the model's {@linkplain
     * Embedder#modelId() id} and dimensions, and refuses to be opened with another model; an index
     * written with a model may be opened {@linkplain #readOnly() read-only} without it, for lexical
     * searches only. Adding costs a model call per section (figures in docs/semantic.md).
     *
     * <p>The {@code sectionsearch-semantic} artifact's {@code MiniLmEmbedder} runs offline.
     *
     * @param embedder the model
     * @return this builder
     */
    public Builder embedder(Embedder embedder) {
      this.embedder = Objects.requireNonNull(embedder, "embedder");
      return this;
    }

    /**
     * Sets how long an added or deleted document may stay unseen by searches before it is committed
     * (one second by default); see {@link IndexSettings#withRefreshInterval(Duration)}.
     *
     * @param refreshInterval the interval
     * @return this builder
     */
    public Builder refreshInterval(Duration refreshInterval) {
      this.settings = settings.withRefreshInterval(refreshInterval);
      return this;
    }

    /**
     * Keeps the index in this folder, creating it when needed.
     *
     * @param folder the folder
     * @return this builder
     */
    public Builder folder(Path folder) {
      this.folder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Opens an existing index for searching only: it takes no lock, so it can be opened while
     * another process writes, and searches see each new commit within the {@linkplain
     * #refreshInterval(Duration) refresh interval}, or at once after {@link
     * SectionIndex#refresh()}. Looking for a new commit reads the folder, which took a sixth of the
     * time of a search when every search looked.
     *
     * @return this builder
     */
    public Builder readOnly() {
      this.readOnly = true;
      return this;
    }

    /**
     * Sets the analyzer for all text fields (default: {@link EmbeddedIndex#defaultAnalyzer()},
     * English with stop words and Porter stemming after Unicode normalisation). An index must be
     * searched with the analyzer it was written with.
     *
     * @param analyzer the analyzer
     * @return this builder
     */
    public Builder analyzer(Analyzer analyzer) {
      this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
      return this;
    }

    /**
     * Sets the settings every backend takes alike ({@link IndexSettings#DEFAULTS} by default),
     * replacing those set before; the setters below change one of them each.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(IndexSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets BM25's {@code k1} and {@code b}; see {@link IndexSettings#withBm25(float, float)}.
     *
     * @param k1 the term-frequency saturation
     * @param b the length normalisation, 0 to 1
     * @return this builder
     */
    public Builder bm25(float k1, float b) {
      this.settings = settings.withBm25(k1, b);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withTitleBoost}.
     *
     * @param titleBoost the extra weight of a match in the title
     * @return this builder
     */
    public Builder titleBoost(float titleBoost) {
      this.settings = settings.withTitleBoost(titleBoost);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withHeadingBoost}.
     *
     * @param headingBoost the extra weight of a match in the heading
     * @return this builder
     */
    public Builder headingBoost(float headingBoost) {
      this.settings = settings.withHeadingBoost(headingBoost);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withProximityBoost}.
     *
     * @param proximityBoost the extra weight of query words found close together
     * @return this builder
     */
    public Builder proximityBoost(float proximityBoost) {
      this.settings = settings.withProximityBoost(proximityBoost);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withMaxQueryWords}.
     *
     * @param maxQueryWords the most words of one query searched
     * @return this builder
     */
    public Builder maxQueryWords(int maxQueryWords) {
      this.settings = settings.withMaxQueryWords(maxQueryWords);
      return this;
    }

    /**
     * Sets one of the {@link #settings(IndexSettings) settings}: {@link
     * IndexSettings#withMaxFileBytes}.
     *
     * @param maxFileBytes the largest file read
     * @return this builder
     */
    public Builder maxFileBytes(long maxFileBytes) {
      this.settings = settings.withMaxFileBytes(maxFileBytes);
      return this;
    }

    /**
     * Sets how many threads {@link SectionIndex#addAll} uses (the number of cores).
     *
     * @param indexingThreads the number of threads, at least 1
     * @return this builder
     */
    public Builder indexingThreads(int indexingThreads) {
      if (indexingThreads < 1) {
        throw new IllegalArgumentException("indexingThreads must be positive: " + indexingThreads);
      }
      this.indexingThreads = indexingThreads;
      return this;
    }

    /**
     * Sets the memory the writer buffers before flushing a segment, in MB: by default 64, or a
     * quarter of the heap the JVM may grow to if that is less (a 64 MB buffer beside a large file
     * being read ran a 112 MB heap out of memory).
     *
     * @param ramBufferMb the buffer's size in MB
     * @return this builder
     */
    public Builder ramBufferMb(double ramBufferMb) {
      if (!(ramBufferMb >= 1)) {
        throw new IllegalArgumentException("ramBufferMb must be at least 1: " + ramBufferMb);
      }
      this.ramBufferMb = ramBufferMb;
      return this;
    }

    /**
     * Opens the index.
     *
     * @return the open index; close it when done
     * @throws SectionSearchException when the folder cannot be opened, another process is writing
     *     to it, or it holds an index this version cannot read
     */
    public SectionIndex build() {
      checkDimensions();
      if (directory != null) {
        return openGiven();
      }
      String name = folder == null ? "(in memory)" : folder.toString();
      if (folder == null && readOnly) {
        throw new IllegalStateException("an in-memory index cannot be read-only");
      }
      Directory directory = null;
      try {
        if (folder != null && !readOnly) {
          createFolder(folder);
        } else if (folder != null && !Files.isDirectory(folder)) {
          // looking must not create: a mistyped path would otherwise leave an empty folder
          throw new SectionSearchException("no index at " + name + " (index some documents first)");
        }
        directory = folder == null ? new ByteBuffersDirectory() : FSDirectory.open(folder);
        return new LuceneSectionIndex(this, name, directory);
      } catch (LockObtainFailedException e) {
        closeQuietly(directory);
        throw new SectionSearchException(
            "index " + name + " is in use by another writer (close it, or open read-only)", e);
      } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
        closeQuietly(directory);
        throw LuceneSectionIndex.failure(name, e);
      } catch (IOException e) {
        closeQuietly(directory);
        throw new SectionSearchException(
            "cannot open index " + name + ": " + LuceneSectionIndex.describe(e), e);
      } catch (SectionSearchException | IllegalStateException e) {
        closeQuietly(directory);
        throw e;
      } catch (RuntimeException | AssertionError e) {
        closeQuietly(directory);
        throw LuceneSectionIndex.unreadable(name, e);
      }
    }

    /**
     * Creates the index folder. Its failure is the path's (a parent that does not exist or cannot
     * be written), not damage to an index, which a missing file would otherwise be reported as.
     */
    private static void createFolder(Path folder) {
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new SectionSearchException(
            "cannot create the index folder "
                + folder
                + " ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + ")",
            e);
      }
    }

    /** Refuses an embedder whose vectors Lucene cannot index, before anything is opened. */
    private void checkDimensions() {
      if (embedder == null) {
        return;
      }
      int dimensions = embedder.dimensions();
      int max = org.apache.lucene.codecs.KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS;
      if (dimensions <= 0 || dimensions > max) {
        throw new IllegalArgumentException(
            "embedder "
                + embedder.modelId()
                + " has "
                + dimensions
                + " dimensions; an index takes vectors of 1 to "
                + max);
      }
    }

    private static void closeQuietly(Directory directory) {
      if (directory != null) {
        try {
          directory.close();
        } catch (IOException | RuntimeException suppressed) {
          // the original failure is the one to report
        }
      }
    }

    /**
     * Uses a Lucene directory given by the caller: for tests that inject I/O faults beneath the
     * index, not part of the API.
     */
    Builder directory(Directory directory, String name) {
      this.directory = Objects.requireNonNull(directory, "directory");
      this.directoryName = Objects.requireNonNull(name, "name");
      return this;
    }

    private SectionIndex openGiven() {
      try {
        return new LuceneSectionIndex(this, directoryName, directory);
      } catch (CorruptIndexException e) {
        throw LuceneSectionIndex.failure(directoryName, e);
      } catch (IOException e) {
        throw new SectionSearchException(
            "cannot open index " + directoryName + ": " + LuceneSectionIndex.describe(e), e);
      }
    }
  }
}
