package dev.sectionsearch;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.index.IndexSchema;
import dev.sectionsearch.index.SectionWriter;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SectionSearcher;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherLifetimeManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * A search index of document sections, on disk or in memory: the library's front door.
 *
 * <pre>{@code
 * try (SectionIndex index = SectionIndex.open(Path.of("my-index"))) {
 *   index.add(Path.of("docs/guide.md"));
 *   index.commit();
 *   SearchResults results = index.search(SearchRequest.of("install \"java 17\""));
 * }
 * }</pre>
 *
 * <p>Changes ({@code add}, {@code delete}) become durable and visible to searches together, at
 * {@link #commit()}; {@link #close()} commits what is pending. The next pages of a search (see
 * {@link SearchRequest#withAfter(String)}) read the index as its first page did, for up to
 * {@value #VIEW_KEPT_SECONDS} seconds after a commit, so that commits in between neither move
 * nor repeat hits. A document's sections are
 * replaced all at once, so a search never sees half of an old and half of a new version.
 *
 * <p>Thread-safe: any number of threads may search while others add and commit. Only one
 * writable {@code SectionIndex} may be open on a directory at a time, across processes; a
 * {@linkplain Builder#readOnly() read-only} one may be opened beside it and sees each new commit
 * at its next search.
 */
public final class SectionIndex implements AutoCloseable {
  /**
   * Extra weight of a title match, on top of the title's words counting once in the section's
   * text. Chosen on SciFact and CACM through both indexing paths (see the README): 0.25 raised
   * nDCG@10 on both over no boost; 0.5 gained more on CACM but less on SciFact, 1.2 lost on
   * SciFact.
   */
  public static final float DEFAULT_TITLE_BOOST = 0.25f;

  /**
   * Extra weight of a heading match, on top of the heading's words counting in the text: none by
   * default. Neither test collection has headings beyond the title, so no measurement supports a
   * weight, and extra weights on other collections let sections that merely name a query word
   * outrank relevant ones.
   */
  public static final float DEFAULT_HEADING_BOOST = 0f;

  /**
   * The default extra weight of consecutive query words found near each other, in order or not:
   * 0.2, which with the title boost raised nDCG@10 on both SciFact and CACM over plain BM25 (0.1
   * and 0.3 each raised both too).
   */
  public static final float DEFAULT_PROXIMITY_BOOST = 0.2f;

  /**
   * BM25 {@code k1} unless {@link Builder#bm25(float, float)} says otherwise: Lucene's own 1.2,
   * which with {@link #DEFAULT_B} beat Anserini's 0.9 / 0.4 on both SciFact and CACM, with the
   * boosts and without them.
   */
  public static final float DEFAULT_K1 = 1.2f;

  /** BM25 {@code b} unless {@link Builder#bm25(float, float)} says otherwise: Lucene's 0.75. */
  public static final float DEFAULT_B = 0.75f;

  /**
   * The most words (and phrases) of one query searched: a longer query keeps its operator words
   * and its rarest plain words, and says so in {@link SearchResults#notes()}.
   */
  public static final int DEFAULT_MAX_QUERY_WORDS = 64;

  /** Seconds the view of a paged search stays open for its next pages after a commit. */
  static final int VIEW_KEPT_SECONDS = 600;

  /** The most views kept open for paging. */
  static final int MAX_KEPT_VIEWS = 16;

  private final String name;
  private final Directory directory;
  private final Analyzer analyzer;
  private final IndexWriter writer;
  private final SectionWriter sectionWriter;
  private final SearcherManager searchers;

  /** Views that issued paging cursors, kept so that later pages read the same view. */
  private final SearcherLifetimeManager views = new SearcherLifetimeManager();

  /** The version of the view last kept for paging; a race only costs an extra prune. */
  private volatile long lastRecordedView = -1;

  private final SectionSearcher searcher;
  private final long maxFileBytes;
  private final int indexingThreads;

  private SectionIndex(Builder builder, String name, Directory directory) throws IOException {
    this.name = name;
    this.directory = directory;
    this.analyzer = builder.analyzer;
    this.maxFileBytes = builder.maxFileBytes;
    this.indexingThreads = builder.indexingThreads;
    this.searcher =
        new SectionSearcher(
            analyzer,
            builder.titleBoost,
            builder.headingBoost,
            builder.proximityBoost,
            builder.maxQueryWords);
    if (builder.readOnly) {
      checkSchema(directory, name, true);
      this.writer = null;
      this.sectionWriter = null;
      this.searchers = new SearcherManager(directory, searcherFactory(builder.similarity));
    } else {
      checkSchema(directory, name, false);
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setCommitOnClose(true);
      config.setSimilarity(builder.similarity);
      config.setRAMBufferSizeMB(builder.ramBufferMb);
      this.writer = new IndexWriter(directory, config);
      this.searchers = new SearcherManager(writer, searcherFactory(builder.similarity));
      this.sectionWriter = new SectionWriter(writer, searchers);
      if (!DirectoryReader.indexExists(directory)) {
        sectionWriter.commit();
      }
    }
  }

  private static SearcherFactory searcherFactory(Similarity similarity) {
    return new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(similarity);
        return searcher;
      }
    };
  }

  /** Opens (or creates) a writable index in a folder with the default settings. */
  public static SectionIndex open(Path folder) {
    return builder().folder(folder).build();
  }

  /** Creates an empty writable index held in memory, with the default settings. */
  public static SectionIndex inMemory() {
    return builder().build();
  }

  /** Starts configuring an index. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds a document, or replaces the one with the same id, atomically (all its sections
   * together). A document whose content is unchanged since it was last added is left as it is.
   * Takes effect at the next {@link #commit()}.
   *
   * @throws DocumentException naming the document when it cannot be split (no text, etc.)
   * @throws IllegalStateException when the index is read-only
   */
  public AddResult add(Document document) {
    Objects.requireNonNull(document, "document");
    SectionWriter writable = writable();
    String hash = IndexSchema.contentHash(document);
    if (io(() -> writable.isIndexed(document.id(), hash))) {
      return new AddResult(document.id(), AddResult.Status.UNCHANGED, 0, 0, List.of());
    }
    SectionedDocument sectioned = split(document);
    boolean replaced = io(() -> writable.put(sectioned, hash));
    return new AddResult(
        document.id(),
        replaced ? AddResult.Status.REPLACED : AddResult.Status.ADDED,
        sectioned.sections().size(),
        sectioned.boilerplateLines(),
        sectioned.warnings());
  }

  private static SectionedDocument split(Document document) {
    try {
      return Sectioning.split(document);
    } catch (DocumentException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // a fault in splitting one input must not stop a whole folder: report it against the
      // document, like any other document that cannot be read
      throw new DocumentException(document.source(), "could not be split (" + e + ")", e);
    }
  }

  /**
   * Adds one file; its id is the path as given (see {@link Document#fromFile(Path)}).
   *
   * @throws DocumentException naming the file when it cannot be read or split
   */
  public AddResult add(Path file) {
    return add(Document.fromFile(file, file.toString().replace('\\', '/'), maxFileBytes));
  }

  /**
   * Adds a file, or every file of a known {@link Format} under a folder (recursively, in name
   * order, following no symbolic links out of it). Files that cannot be indexed are skipped and
   * listed in the summary with their reason; the others are indexed all the same. Files are
   * indexed in parallel on {@link Builder#indexingThreads(int)} threads.
   *
   * <p>Document ids: a single file's id is its file name; a file under a folder gets the
   * folder's own name, {@code /}, and its path relative to the folder (e.g. {@code
   * docs/guide/install.md}), so ids do not depend on the working directory.
   *
   * @throws DocumentException when {@code path} does not exist or cannot be listed
   */
  public IndexSummary addAll(Path path, IndexingListener listener) {
    return addAll(path, Optional.empty(), listener);
  }

  /**
   * Like {@link #addAll(Path, IndexingListener)}, giving every file the same date, which wins
   * over dates in the files' content and names.
   */
  public IndexSummary addAll(Path path, LocalDate date, IndexingListener listener) {
    return addAll(path, Optional.of(Objects.requireNonNull(date, "date")), listener);
  }

  private IndexSummary addAll(Path path, Optional<LocalDate> date, IndexingListener listener) {
    Objects.requireNonNull(listener, "listener");
    writable();
    List<Path> files = listFiles(path);
    Map<Path, String> ids = new LinkedHashMap<>();
    Path root = Files.isDirectory(path) ? path : null;
    for (Path file : files) {
      ids.put(file, documentId(root, file));
    }
    SummaryBuilder summary = new SummaryBuilder(files.size(), listener);
    if (indexingThreads <= 1 || files.size() <= 1) {
      for (Path file : files) {
        summary.record(file, addOne(file, ids.get(file), date));
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(indexingThreads);
      try {
        List<Future<Object>> results = new ArrayList<>();
        for (Path file : files) {
          results.add(pool.submit(() -> addOne(file, ids.get(file), date)));
        }
        for (int i = 0; i < files.size(); i++) {
          summary.record(files.get(i), results.get(i).get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SectionSearchException("indexing was interrupted", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new SectionSearchException("indexing failed: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    return summary.build();
  }

  /** Returns an {@link AddResult}, or a {@link DocumentException} for a file to skip. */
  private Object addOne(Path file, String id, Optional<LocalDate> date) {
    try {
      Document document = Document.fromFile(file, id, maxFileBytes);
      return add(date.map(document::withDate).orElse(document));
    } catch (DocumentException e) {
      return e;
    }
  }

  private static String documentId(Path root, Path file) {
    if (root == null) {
      return String.valueOf(file.getFileName());
    }
    Path rootName = root.toAbsolutePath().normalize().getFileName();
    String relative = root.relativize(file).toString().replace('\\', '/');
    return rootName == null ? relative : rootName + "/" + relative;
  }

  private static List<Path> listFiles(Path path) {
    if (!Files.exists(path)) {
      throw new DocumentException(path.toString(), "no such file or folder");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(p -> !Files.isDirectory(p))
          .filter(p -> Format.fromFileName(p).isPresent())
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new DocumentException(path.toString(), "cannot list folder: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes a document and all its sections. Takes effect at the next {@link #commit()}.
   *
   * @return whether the index held a document with that id
   */
  public boolean delete(String docId) {
    Objects.requireNonNull(docId, "docId");
    SectionWriter writable = writable();
    return io(() -> writable.delete(docId));
  }

  /**
   * Makes all changes since the last commit durable on disk and visible to searches. Safe to call
   * while other threads add documents; their changes are in this commit or the next.
   */
  public void commit() {
    SectionWriter writable = writable();
    io(
        () -> {
          writable.commit();
          return null;
        });
  }

  /**
   * Searches the sections as of the last commit.
   *
   * @throws dev.sectionsearch.QueryException when the query cannot be run (too many terms,
   *     invalid cursor); never for malformed syntax, which is read as well as it can be
   */
  public SearchResults search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    OptionalLong view = SectionSearcher.cursorViewVersion(request);
    if (view.isPresent()) {
      Optional<SearchResults> onSameView =
          io(
              () -> {
                IndexSearcher kept = views.acquire(view.getAsLong());
                if (kept == null) {
                  return Optional.empty();
                }
                try {
                  return Optional.of(searcher.search(kept, request));
                } finally {
                  views.release(kept);
                }
              });
      if (onSameView.isPresent()) {
        return onSameView.get();
      }
    }
    return withSearcher(
        indexSearcher -> {
          SearchResults results = searcher.search(indexSearcher, request);
          if (results.nextCursor().isPresent()) {
            long version = views.record(indexSearcher);
            // pruning sorts and locks: only worth it when a new view joined
            if (version != lastRecordedView) {
              lastRecordedView = version;
              views.prune(new KeptViews());
            }
          }
          return results;
        });
  }

  /**
   * Which index views stay open for the next pages of searches: views are kept for {@value
   * #VIEW_KEPT_SECONDS} seconds after a newer one replaced them, and at most {@value
   * #MAX_KEPT_VIEWS} of them, since each holds the files of segments merged away since.
   */
  private static final class KeptViews implements SearcherLifetimeManager.Pruner {
    private int newer;

    @Override
    public boolean doPrune(double ageSec, IndexSearcher searcher) {
      // called newest first
      return newer++ >= MAX_KEPT_VIEWS || ageSec > VIEW_KEPT_SECONDS;
    }
  }

  /** Searches for a query's top sections by relevance; see {@link SearchRequest}. */
  public SearchResults search(String query) {
    return search(SearchRequest.of(query));
  }

  /** Counts what the index holds as of the last commit. */
  public IndexStats stats() {
    return withSearcher(indexSearcher -> IndexSchema.stats(indexSearcher, directory));
  }

  /**
   * Runs an action on the latest committed view. A read-only index has no writer to tell it of
   * new commits, so it looks for one first.
   */
  private <T> T withSearcher(SearcherAction<T> action) {
    return io(
        () -> {
          if (writer == null) {
            searchers.maybeRefresh();
          }
          IndexSearcher indexSearcher = searchers.acquire();
          try {
            return action.run(indexSearcher);
          } finally {
            searchers.release(indexSearcher);
          }
        });
  }

  @FunctionalInterface
  private interface SearcherAction<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  /** Whether this index was opened read-only. */
  public boolean isReadOnly() {
    return writer == null;
  }

  /**
   * Commits pending changes (unless read-only) and releases the index and its lock.
   *
   * @throws SectionSearchException when the final commit fails
   */
  @Override
  public void close() {
    io(
        () -> {
          // readers first: a reader still open when the writer closes keeps the files of merged
          // segments from being deleted (hundreds of MB after a bulk load) until the next open;
          // the directory last, so that the final commit lands before the folder is released
          org.apache.lucene.util.IOUtils.close(views, searchers, sectionWriter, writer, directory);
          return null;
        });
  }

  @Override
  public String toString() {
    return "SectionIndex[" + name + (writer == null ? ", read-only]" : "]");
  }

  private SectionWriter writable() {
    if (sectionWriter == null) {
      throw new IllegalStateException("index " + name + " is open read-only");
    }
    return sectionWriter;
  }

  private static void checkSchema(Directory directory, String name, boolean mustExist)
      throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      if (mustExist) {
        throw new SectionSearchException("no index at " + name + " (index some documents first)");
      }
      return;
    }
    Map<String, String> userData;
    try {
      userData = SegmentInfos.readLatestCommit(directory).getUserData();
    } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
      throw new SectionSearchException(
          "index at " + name + " was written by an incompatible Lucene version; re-create it", e);
    } catch (CorruptIndexException e) {
      throw new SectionSearchException("index at " + name + " is corrupt: " + e.getMessage(), e);
    } catch (IndexNotFoundException e) {
      throw new SectionSearchException("no index at " + name, e);
    }
    IndexSchema.checkCompatible(userData, name);
  }

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }

  private <T> T io(IoAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw new SectionSearchException("index " + name + ": " + describe(e), e);
    } catch (org.apache.lucene.store.AlreadyClosedException e) {
      throw new SectionSearchException("index " + name + " is closed", e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** Collects per-file outcomes into an {@link IndexSummary}. Used by one thread at a time. */
  private static final class SummaryBuilder {
    private final int total;
    private final IndexingListener listener;
    private int done;
    private int added;
    private int replaced;
    private int unchanged;
    private long sections;
    private long boilerplateLines;
    private final List<SkippedFile> skipped = new ArrayList<>();
    private final Map<String, List<String>> warnings = new LinkedHashMap<>();

    SummaryBuilder(int total, IndexingListener listener) {
      this.total = total;
      this.listener = listener;
    }

    void record(Path file, Object outcome) {
      if (outcome instanceof AddResult result) {
        switch (result.status()) {
          case ADDED -> added++;
          case REPLACED -> replaced++;
          case UNCHANGED -> unchanged++;
        }
        sections += result.sections();
        boilerplateLines += result.boilerplateLines();
        if (!result.warnings().isEmpty()) {
          warnings.put(result.docId(), result.warnings());
        }
      } else {
        DocumentException problem = (DocumentException) outcome;
        String reason = problem.getMessage();
        String prefix = problem.document() + ": ";
        skipped.add(
            new SkippedFile(
                file, reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason));
      }
      listener.fileDone(file, ++done, total);
    }

    IndexSummary build() {
      return new IndexSummary(
          added, replaced, unchanged, sections, boilerplateLines, skipped, warnings);
    }
  }

  /**
   * Configures and opens a {@link SectionIndex}. Without {@link #folder(Path)} the index is held
   * in memory.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private Path folder;
    private Directory directory;
    private String directoryName;
    private boolean readOnly;
    private Analyzer analyzer = new EnglishAnalyzer();
    private Similarity similarity = new BM25Similarity(DEFAULT_K1, DEFAULT_B);
    private float titleBoost = DEFAULT_TITLE_BOOST;
    private float headingBoost = DEFAULT_HEADING_BOOST;
    private float proximityBoost = DEFAULT_PROXIMITY_BOOST;
    private int maxQueryWords = DEFAULT_MAX_QUERY_WORDS;
    private long maxFileBytes = Document.DEFAULT_MAX_FILE_BYTES;
    private int indexingThreads = Runtime.getRuntime().availableProcessors();
    private double ramBufferMb = 64;

    private Builder() {}

    /** Keeps the index in this folder, creating it when needed. */
    public Builder folder(Path folder) {
      this.folder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Opens an existing index for searching only: it takes no lock, so it can be opened while
     * another process writes, and each search sees the latest commit.
     */
    public Builder readOnly() {
      this.readOnly = true;
      return this;
    }

    /**
     * Sets the analyzer for all text fields (default: English, with stop words and Porter
     * stemming). An index must be searched with the analyzer it was written with.
     */
    public Builder analyzer(Analyzer analyzer) {
      this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
      return this;
    }

    /**
     * Sets BM25's term-frequency saturation {@code k1} and length normalisation {@code b}. The
     * defaults, Lucene's 1.2 and 0.75, ranked better than the 0.9 and 0.4 Anserini tuned, on
     * both test collections measured (see the README).
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
     * Sets the extra weight of a match in the section heading ({@value #DEFAULT_HEADING_BOOST});
     * 0 leaves the heading to count only as part of the section's text.
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
     * Sets the most words (and phrases) of one query searched ({@value
     * #DEFAULT_MAX_QUERY_WORDS}). A longer query is not refused: it keeps its required, excluded,
     * quoted and prefix words first, then its rarest plain words, without stop words or repeats.
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

    /** Sets the memory the writer buffers before flushing a segment, in MB (64). */
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
     * @throws SectionSearchException when the folder cannot be opened, another process is
     *     writing to it, or it holds an index this version cannot read
     */
    public SectionIndex build() {
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
          Files.createDirectories(folder);
        } else if (folder != null && !Files.isDirectory(folder)) {
          // looking must not create: a mistyped path would otherwise leave an empty folder
          throw new SectionSearchException("no index at " + name + " (index some documents first)");
        }
        directory = folder == null ? new ByteBuffersDirectory() : FSDirectory.open(folder);
        return new SectionIndex(this, name, directory);
      } catch (LockObtainFailedException e) {
        closeQuietly(directory);
        throw new SectionSearchException(
            "index " + name + " is in use by another writer (close it, or open read-only)", e);
      } catch (IOException e) {
        closeQuietly(directory);
        throw new SectionSearchException("cannot open index " + name + ": " + describe(e), e);
      } catch (RuntimeException e) {
        closeQuietly(directory);
        throw e;
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
     * Uses a Lucene directory given by the caller: for tests that inject I/O faults beneath
     * the index, not part of the API.
     */
    Builder directory(Directory directory, String name) {
      this.directory = Objects.requireNonNull(directory, "directory");
      this.directoryName = Objects.requireNonNull(name, "name");
      return this;
    }

    private SectionIndex openGiven() {
      try {
        return new SectionIndex(this, directoryName, directory);
      } catch (IOException e) {
        throw new SectionSearchException(
            "cannot open index " + directoryName + ": " + describe(e), e);
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
