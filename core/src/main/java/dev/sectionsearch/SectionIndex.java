package dev.sectionsearch;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.DocumentId;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.index.SectionAnalyzer;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * A search index of document sections: the library's front door.
 *
 * <pre>{@code
 * try (SectionIndex index = SectionIndex.open(Path.of("my-index"))) {
 *   index.add(Path.of("docs/guide.md"));
 *   index.commit();
 *   SearchResults results = index.search(SearchRequest.of("install \"java 17\""));
 * }
 * }</pre>
 *
 * <p>Backends: {@link #builder()} opens the embedded one, a Lucene index in a folder or in memory.
 * Other backends (such as the OpenSearch module's) implement this same interface, so an application
 * written against it changes backend by changing only where its index comes from. Documents are
 * split into sections on the application's side whatever the backend.
 *
 * <p>Changes ({@code add}, {@code delete}) become visible to searches within the {@linkplain
 * Builder#refreshInterval(Duration) refresh interval} (one second unless set otherwise), or at once
 * after {@link #refresh()}, without being durable: they become durable at {@link #commit()}, which
 * also makes them visible, and {@link #close()} commits what is pending. A crash loses every change
 * since the last commit, whether searches saw it or not; the index itself stays as the last commit
 * left it. The next pages of a search (see {@link SearchRequest#withAfter(String)}) read the index
 * as its first page did, for at least ten minutes after a newer view replaced it, so that changes
 * in between neither move nor repeat hits. A document's sections are replaced all at once, so a
 * search never sees half of an old and half of a new version.
 *
 * <p>Thread-safe: any number of threads may search while others add and commit. Only one writable
 * embedded index may be open on a directory at a time, across processes; a {@linkplain
 * Builder#readOnly() read-only} one may be opened beside it and sees each new commit within the
 * refresh interval, or at once after {@link #refresh()}.
 */
public interface SectionIndex extends AutoCloseable {
  /**
   * Extra weight of a title match, on top of the title's words counting once in the section's text.
   * Chosen on SciFact and CACM through both indexing paths (see docs/ranking.md): 0.25 raised
   * nDCG@10 on both over no boost; 0.5 gained more on CACM but less on SciFact, 1.2 lost on
   * SciFact.
   */
  float DEFAULT_TITLE_BOOST = 0.25f;

  /**
   * Extra weight of a heading match, on top of the heading's words counting in the text: none by
   * default. Neither test collection has headings beyond the title, so no measurement supports a
   * weight, and extra weights on other collections let sections that merely name a query word
   * outrank relevant ones.
   */
  float DEFAULT_HEADING_BOOST = 0f;

  /**
   * The default extra weight of consecutive query words found near each other, in order or not:
   * 0.2, which with the title boost raised nDCG@10 on both SciFact and CACM over plain BM25 (0.1
   * and 0.3 each raised both too).
   */
  float DEFAULT_PROXIMITY_BOOST = 0.2f;

  /**
   * BM25 {@code k1} unless {@link Builder#bm25(float, float)} says otherwise: Lucene's own 1.2,
   * which with {@link #DEFAULT_B} beat Anserini's 0.9 / 0.4 on both SciFact and CACM, with the
   * boosts and without them.
   */
  float DEFAULT_K1 = 1.2f;

  /** BM25 {@code b} unless {@link Builder#bm25(float, float)} says otherwise: Lucene's 0.75. */
  float DEFAULT_B = 0.75f;

  /**
   * The most words (and phrases) of one query searched: a longer query keeps its operator words and
   * its rarest plain words, and says so in {@link SearchResults#notes()}.
   */
  int DEFAULT_MAX_QUERY_WORDS = 64;

  /** How long uncommitted changes may stay unseen by searches unless the builder says otherwise. */
  Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);

  /** Opens (or creates) a writable embedded index in a folder with the default settings. */
  static SectionIndex open(Path folder) {
    return builder().folder(folder).build();
  }

  /** Creates an empty writable embedded index held in memory, with the default settings. */
  static SectionIndex inMemory() {
    return builder().build();
  }

  /** Starts configuring an embedded index. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Adds a document, or replaces the one with the same id, atomically (all its sections together).
   * A document whose content is unchanged since it was last added is left as it is. Searches see
   * the change within the refresh interval, or at once after {@link #refresh()}; it is durable from
   * the next {@link #commit()} (see the class documentation).
   *
   * @throws DocumentException naming the document when it cannot be split (no text, etc.)
   * @throws IllegalStateException when the index is read-only
   */
  AddResult add(Document document);

  /**
   * Adds one file; its id and source are its real path (see {@link Document#fileId(Path)}), the
   * same id {@link #addAll} gives it.
   *
   * @throws DocumentException naming the file when it cannot be read or split
   */
  AddResult add(Path file);

  /**
   * Adds a file, or every file of a known {@link Format} under a folder (recursively, in name
   * order). Entries that cannot be indexed are skipped and listed in the summary with their reason,
   * and the walk goes on: files of other types ("unsupported file type"), files and subfolders that
   * cannot be read, paths too long for the system, and symbolic links that lead out of the folder
   * (never read) or nowhere. A folder given as a symbolic link is walked; a link inside it to a
   * file or folder inside it adds nothing, as its target is indexed where it really is. Files are
   * indexed in parallel on {@link Builder#indexingThreads(int)} threads, as many at a time as the
   * heap holds.
   *
   * <p>Document ids: every file's id is its real path (see {@link Document#fileId(Path)}), so ids
   * depend neither on the working directory nor on the path given, and two different files never
   * share one.
   *
   * @throws DocumentException when {@code path} does not exist
   */
  IndexSummary addAll(Path path, IndexingListener listener);

  /**
   * Like {@link #addAll(Path, IndexingListener)}, giving every file the same date, which wins over
   * dates in the files' content and names.
   */
  IndexSummary addAll(Path path, LocalDate date, IndexingListener listener);

  /**
   * Like {@link #addAll(Path, IndexingListener)}, under control of {@code options}: which files
   * (include and exclude patterns), the metadata, date and format they get, and whether the
   * documents of files no longer under the folder are removed (the default: the summary counts
   * them). Files that include patterns leave out are not listed as skipped.
   *
   * @throws DocumentException when {@code path} does not exist
   * @throws UnsupportedOperationException when the backend does not support folder options
   */
  default IndexSummary addAll(Path path, FolderOptions options, IndexingListener listener) {
    throw new UnsupportedOperationException(
        "folder options (include/exclude patterns, metadata, removing missing files) are not"
            + " supported by this backend");
  }

  /**
   * Deletes a document and all its sections. Searches stop finding it within the refresh interval,
   * or at once after {@link #refresh()}; the deletion is durable from the next {@link #commit()}.
   *
   * @return whether the index held a document with that id
   * @throws IllegalArgumentException naming the id when it breaks the {@linkplain DocumentId id
   *     rule}: no such document can exist, and Lucene would fail the writer on a term that long
   */
  boolean delete(String docId);

  /**
   * Makes all changes since the last commit durable on disk and visible to searches. Safe to call
   * while other threads add documents; their changes are in this commit or the next.
   */
  void commit();

  /**
   * Searches the sections as of the last commit or refresh (see the class documentation).
   *
   * @throws dev.sectionsearch.QueryException when the query cannot be run (too many terms, invalid
   *     cursor); never for malformed syntax, which is read as well as it can be
   */
  SearchResults search(SearchRequest request);

  /** Searches for a query's top sections by relevance; see {@link SearchRequest}. */
  default SearchResults search(String query) {
    return search(SearchRequest.of(query));
  }

  /**
   * A document with every section's whole text, as searches see the index now: what to show or hand
   * to a language model when a hit's passages are not enough.
   *
   * @return empty when the index holds no document with that id
   */
  Optional<IndexedDocument> get(String docId);

  /**
   * One section of a document, such as the section of a {@link dev.sectionsearch.search.SearchHit}
   * ({@code hit.docId()}, {@code hit.ordinal()}), with its whole text.
   *
   * @return empty when the index holds no such document or section
   */
  default Optional<Section> section(String docId, int ordinal) {
    return get(docId).flatMap(document -> document.section(ordinal));
  }

  /** Counts what the index holds as of the last commit. */
  IndexStats stats();

  /**
   * Reads every file of the last commit and checks its checksum, so that damage to the files (a
   * flipped bit, a truncated copy) is found before the index is relied on: opening reads only a
   * small part of each file. Costs one sequential read of the index; call it when no other thread
   * commits, as a commit may delete the files being checked.
   *
   * @throws SectionSearchException saying the index is corrupt, and which file, when a check fails
   */
  void verify();

  /**
   * Makes every change so far visible to the searches that start after it returns, without making
   * it durable (see {@link #commit()}). On a {@linkplain Builder#readOnly() read-only} index, makes
   * the latest commit visible.
   */
  void refresh();

  /** Whether this index was opened read-only. */
  boolean isReadOnly();

  /**
   * Commits pending changes (unless read-only) and releases the index and its lock.
   *
   * @throws SectionSearchException when the final commit fails
   */
  @Override
  void close();

  /**
   * Configures and opens a {@link SectionIndex}. Without {@link #folder(Path)} the index is held in
   * memory.
   *
   * <p>Not thread-safe.
   */
  final class Builder {
    Path folder;
    Directory directory;
    String directoryName;
    boolean readOnly;
    Analyzer analyzer = new SectionAnalyzer();
    Similarity similarity = new BM25Similarity(DEFAULT_K1, DEFAULT_B);
    float titleBoost = DEFAULT_TITLE_BOOST;
    float headingBoost = DEFAULT_HEADING_BOOST;
    float proximityBoost = DEFAULT_PROXIMITY_BOOST;
    int maxQueryWords = DEFAULT_MAX_QUERY_WORDS;
    long maxFileBytes = Document.DEFAULT_MAX_FILE_BYTES;
    int indexingThreads = Runtime.getRuntime().availableProcessors();

    /** 0 for the default, {@link LuceneSectionIndex#defaultRamBufferMb()}. */
    double ramBufferMb;

    Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
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
     */
    public Builder embedder(Embedder embedder) {
      this.embedder = Objects.requireNonNull(embedder, "embedder");
      return this;
    }

    /**
     * Sets how long an added or deleted document may stay unseen by searches before it is committed
     * ({@link #DEFAULT_REFRESH_INTERVAL} by default): a search that starts this long after the last
     * refresh first refreshes the view. {@link Duration#ZERO} makes every search see every change
     * made before it; a longer interval saves work while indexing in bulk. Visibility is not
     * durability: only {@link SectionIndex#commit()} survives a crash.
     */
    public Builder refreshInterval(Duration refreshInterval) {
      Objects.requireNonNull(refreshInterval, "refreshInterval");
      if (refreshInterval.isNegative()) {
        throw new IllegalArgumentException(
            "refreshInterval must not be negative: " + refreshInterval);
      }
      this.refreshInterval = refreshInterval;
      return this;
    }

    /** Keeps the index in this folder, creating it when needed. */
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
     */
    public Builder readOnly() {
      this.readOnly = true;
      return this;
    }

    /**
     * Sets the analyzer for all text fields (default: {@link SectionAnalyzer}, English with stop
     * words and Porter stemming after Unicode normalisation). An index must be searched with the
     * analyzer it was written with.
     */
    public Builder analyzer(Analyzer analyzer) {
      this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
      return this;
    }

    /**
     * Sets BM25's term-frequency saturation {@code k1} and length normalisation {@code b}. The
     * defaults, Lucene's 1.2 and 0.75, ranked better than the 0.9 and 0.4 Anserini tuned, on both
     * test collections measured (see docs/ranking.md).
     */
    public Builder bm25(float k1, float b) {
      this.similarity = new BM25Similarity(k1, b);
      return this;
    }

    /**
     * Sets the extra weight of a match in the document title ({@value #DEFAULT_TITLE_BOOST}); 0
     * leaves the title to count only as part of the section's text.
     */
    public Builder titleBoost(float titleBoost) {
      this.titleBoost = notNegative(titleBoost, "titleBoost");
      return this;
    }

    /**
     * Sets the extra weight of a match in the section heading ({@value #DEFAULT_HEADING_BOOST}); 0
     * leaves the heading to count only as part of the section's text.
     */
    public Builder headingBoost(float headingBoost) {
      this.headingBoost = notNegative(headingBoost, "headingBoost");
      return this;
    }

    /**
     * Sets the extra weight of two consecutive query words found within a few words of each other
     * in a section ({@value #DEFAULT_PROXIMITY_BOOST}); 0 scores words independently.
     */
    public Builder proximityBoost(float proximityBoost) {
      this.proximityBoost = notNegative(proximityBoost, "proximityBoost");
      return this;
    }

    /**
     * Sets the most words (and phrases) of one query searched ({@value #DEFAULT_MAX_QUERY_WORDS}).
     * A longer query is not refused: it keeps its required, excluded, quoted and prefix words
     * first, then its rarest plain words, without stop words or repeats.
     */
    public Builder maxQueryWords(int maxQueryWords) {
      if (maxQueryWords < 1) {
        throw new IllegalArgumentException("maxQueryWords must be positive: " + maxQueryWords);
      }
      this.maxQueryWords = maxQueryWords;
      return this;
    }

    /** Sets the largest file {@link SectionIndex#add(Path)} reads (64 MiB). */
    public Builder maxFileBytes(long maxFileBytes) {
      if (maxFileBytes < 1) {
        throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
      }
      this.maxFileBytes = maxFileBytes;
      return this;
    }

    /** Sets how many threads {@link SectionIndex#addAll} uses (the number of cores). */
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

    private static float notNegative(float value, String name) {
      if (!(value >= 0) || Float.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be zero or more: " + value);
      }
      return value;
    }
  }
}
