package dev.sectionsearch;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.DocumentId;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.internal.files.FolderIndexing;
import dev.sectionsearch.internal.index.CommitData;
import dev.sectionsearch.internal.index.ContentHash;
import dev.sectionsearch.internal.index.Embeddings;
import dev.sectionsearch.internal.index.IndexCounts;
import dev.sectionsearch.internal.index.IndexSchema;
import dev.sectionsearch.internal.index.SectionWriter;
import dev.sectionsearch.internal.search.Cursor;
import dev.sectionsearch.internal.search.SearchPipeline;
import dev.sectionsearch.internal.search.SectionSearcher;
import dev.sectionsearch.internal.search.VectorSearch;
import dev.sectionsearch.internal.suggest.Suggester;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.CodecUtil;
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
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded backend of {@link SectionIndex}: a Lucene index in a folder or in memory, opened by
 * {@link EmbeddedIndex.Builder}. Thread-safe, as the interface says.
 */
final class LuceneSectionIndex implements SectionIndex {
  /** Seconds the view of a paged search stays open for its next pages after a commit. */
  static final int VIEW_KEPT_SECONDS = 600;

  /** The most views kept open for paging. */
  static final int MAX_KEPT_VIEWS = 16;

  private final String name;
  private final Directory directory;
  private final Analyzer analyzer;
  private final IndexWriter writer;
  private final SectionWriter sectionWriter;

  /**
   * The views searches read. Read-only, it is replaced by a fresh one when the folder is found to
   * hold another index than the one it was opened on (deleted and re-created in place).
   */
  private volatile SearcherManager searchers;

  private final SearcherFactory searcherFactory;

  /** Views that issued paging cursors, kept so that later pages read the same view. */
  private final SearcherLifetimeManager views = new SearcherLifetimeManager();

  /** The version of the view last kept for paging; a race only costs an extra prune. */
  private volatile long lastRecordedView = -1;

  private final SectionSearcher searcher;

  private final Suggester suggester = new Suggester();
  private final String analyzerId;

  /** Nanoseconds between refreshes of what searches see, when changes are waiting. */
  private final long refreshIntervalNanos;

  /** When searches last looked for changes to see, from {@link System#nanoTime()}. */
  private volatile long lastRefresh = System.nanoTime();

  private final FolderIndexing files;

  private final Capabilities capabilities;

  /** The model sections are embedded with, or null for an index without vectors. */
  private final Embedder embedder;

  LuceneSectionIndex(EmbeddedIndex.Builder builder, String name, Directory directory)
      throws IOException {
    this.name = name;
    this.directory = directory;
    this.analyzer = builder.analyzer;
    this.refreshIntervalNanos = builder.settings.refreshInterval().toNanos();
    this.analyzerId = CommitData.analyzerId(analyzer);
    this.embedder = builder.embedder;
    Similarity similarity = new BM25Similarity(builder.settings.k1(), builder.settings.b());
    this.searcherFactory = searcherFactory(similarity);
    String writtenModel =
        checkEmbedding(directory, name, builder.embedder, builder.readOnly, builder.readOnly);
    this.files =
        new FolderIndexing(
            this::add,
            () -> io(writable()::flushOneBuffer),
            builder.settings.maxFileBytes(),
            builder.indexingThreads,
            FolderIndexing.defaultHeapBudget());
    boolean vectors = embedder != null && !(builder.readOnly && writtenModel == null);
    this.capabilities =
        new Capabilities(
            vectors ? EnumSet.allOf(SearchMode.class) : Set.of(SearchMode.LEXICAL),
            true,
            true,
            true);
    this.searcher =
        new SectionSearcher(
            analyzer,
            builder.settings.titleBoost(),
            builder.settings.headingBoost(),
            builder.settings.proximityBoost(),
            builder.settings.maxQueryWords(),
            // read-only, an index without vectors ignores the model it is opened with
            vectors ? new VectorSearch(embedder) : null,
            writtenModel == null
                ? "needs an index written with an embedder (EmbeddedIndex.Builder.embedder);"
                    + " this one has no vectors"
                : "needs the embedding model the index was written with, "
                    + writtenModel
                    + ", but it was opened without an embedder");
    if (builder.readOnly) {
      checkSchema(directory, name, true, analyzerId);
      this.writer = null;
      this.sectionWriter = null;
      this.searchers = new SearcherManager(directory, searcherFactory);
    } else {
      checkSchema(directory, name, false, analyzerId);
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setCommitOnClose(true);
      config.setSimilarity(similarity);
      config.setRAMBufferSizeMB(
          builder.ramBufferMb > 0 ? builder.ramBufferMb : defaultRamBufferMb());
      this.writer = new IndexWriter(directory, config);
      this.searchers = new SearcherManager(writer, searcherFactory);
      this.sectionWriter =
          embedder == null
              ? new SectionWriter(writer, searchers, analyzerId)
              : new SectionWriter(
                  writer,
                  searchers,
                  analyzerId,
                  CommitData.embeddingUserData(embedder.modelId(), embedder.dimensions()));
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

  /**
   * The writer's buffer unless one is set: 64 MB, or a quarter of the heap if that is less, so that
   * a small heap keeps room for the files being read (half of it, {@link
   * FolderIndexing#defaultHeapBudget()}) and for merges.
   */
  static double defaultRamBufferMb() {
    return Math.max(1, Math.min(64, Runtime.getRuntime().maxMemory() / 4.0 / (1 << 20)));
  }

  @Override
  public AddResult add(Document document) {
    Objects.requireNonNull(document, "document");
    SectionWriter writable = writable();
    String hash = ContentHash.contentHash(document);
    if (read(() -> writable.isIndexed(document.id(), hash))) {
      return new AddResult(document.id(), AddResult.Status.UNCHANGED, 0, 0, List.of());
    }
    SectionedDocument sectioned = split(document);
    List<BytesRef> sourceMaps = IndexSchema.sourceMaps(document, sectioned);
    // embedded before taking the writer's locks: the model takes far longer than the write
    Embeddings embeddings = Embeddings.of(embedder, sectioned);
    boolean replaced = io(() -> writable.put(sectioned, hash, sourceMaps, embeddings));
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

  @Override
  public AddResult add(Path file) {
    Objects.requireNonNull(file, "file");
    writable();
    return files.addFile(file, Optional.empty());
  }

  @Override
  public IndexSummary addAll(Path path, IndexingListener listener) {
    return addAll(path, Optional.empty(), listener);
  }

  @Override
  public IndexSummary addAll(Path path, LocalDate date, IndexingListener listener) {
    return addAll(path, Optional.of(Objects.requireNonNull(date, "date")), listener);
  }

  @Override
  public IndexSummary addAll(Path path, FolderOptions options, IndexingListener listener) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    SectionWriter writable = writable();
    IndexSummary summary = files.addAll(path, options, listener);
    if (!options.removeMissing()) {
      return summary;
    }
    int removed = 0;
    for (String id : FolderIndexing.missingUnder(path, this::idsStartingWith)) {
      if (io(() -> writable.delete(id))) {
        removed++;
      }
    }
    return summary.withRemoved(removed);
  }

  /** The ids of the documents in the index that start with {@code prefix}. */
  private List<String> idsStartingWith(String prefix) {
    return withSearcher(
        indexSearcher -> {
          List<String> ids = new ArrayList<>();
          org.apache.lucene.index.Terms terms =
              org.apache.lucene.index.MultiTerms.getTerms(
                  indexSearcher.getIndexReader(), IndexSchema.DOC_ID);
          if (terms == null) {
            return ids;
          }
          org.apache.lucene.index.TermsEnum iterator = terms.iterator();
          BytesRef start = new BytesRef(prefix);
          if (iterator.seekCeil(start) == org.apache.lucene.index.TermsEnum.SeekStatus.END) {
            return ids;
          }
          for (BytesRef term = iterator.term();
              term != null && org.apache.lucene.util.StringHelper.startsWith(term, start);
              term = iterator.next()) {
            ids.add(term.utf8ToString());
          }
          return ids;
        });
  }

  private IndexSummary addAll(Path path, Optional<LocalDate> date, IndexingListener listener) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(listener, "listener");
    writable();
    return files.addAll(path, date, listener);
  }

  @Override
  public boolean delete(String docId) {
    DocumentId.check(docId);
    SectionWriter writable = writable();
    return io(() -> writable.delete(docId));
  }

  @Override
  public void commit() {
    SectionWriter writable = writable();
    io(
        () -> {
          writable.commit();
          return null;
        });
  }

  @Override
  public SearchResults search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    // the cursor, read once: it chooses the view, and the search pages on from it
    Optional<Cursor> after = Cursor.of(request);
    OptionalLong view = SectionSearcher.viewVersion(after);
    if (view.isPresent()) {
      Optional<SearchResults> onSameView =
          read(
              () -> {
                IndexSearcher kept = views.acquire(view.getAsLong());
                if (kept == null) {
                  return Optional.empty();
                }
                try {
                  return Optional.of(searcher.search(kept, request, after));
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
          SearchResults results = searcher.search(indexSearcher, request, after);
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

  @Override
  public Optional<IndexedDocument> get(String docId) {
    Objects.requireNonNull(docId, "docId");
    return withSearcher(indexSearcher -> SectionSearcher.document(indexSearcher, docId));
  }

  @Override
  public SearchResults related(String docId, int ordinal, int limit) {
    Objects.requireNonNull(docId, "docId");
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1 to " + SearchRequest.MAX_LIMIT + ": " + limit);
    }
    return withSearcher(indexSearcher -> searcher.related(indexSearcher, docId, ordinal, limit))
        .orElseThrow(() -> SearchPipeline.noSuchSection(docId, ordinal));
  }

  @Override
  public List<String> suggest(String prefix, int limit) {
    Objects.requireNonNull(prefix, "prefix");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    return withSearcher(
        indexSearcher -> suggester.suggest(indexSearcher.getIndexReader(), prefix, limit));
  }

  @Override
  public IndexStats stats() {
    return withSearcher(indexSearcher -> IndexCounts.stats(indexSearcher, directory));
  }

  @Override
  public void verify() {
    read(
        () -> {
          SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
          for (String file : commit.files(true)) {
            try (IndexInput input = directory.openInput(file, IOContext.READONCE)) {
              CodecUtil.checksumEntireFile(input);
            }
          }
          return null;
        });
  }

  /**
   * Runs an action on the latest committed view. A read-only index has no writer to tell it of new
   * commits, so it looks for one first.
   */
  private <T> T withSearcher(SearcherAction<T> action) {
    return read(
        () -> {
          refreshWhenDue();
          SearcherManager manager = searchers;
          IndexSearcher indexSearcher = manager.acquire();
          try {
            return action.run(indexSearcher);
          } finally {
            manager.release(indexSearcher);
          }
        });
  }

  /**
   * Lets searches see uncommitted changes once the refresh interval has passed since the last look.
   * Refreshing when a search comes rather than on a timer spares a bulk load that nobody searches
   * meanwhile the cost of opening readers; a search that finds another thread refreshing goes on
   * with the view it has.
   */
  private void refreshWhenDue() throws IOException {
    long now = System.nanoTime();
    if (now - lastRefresh >= refreshIntervalNanos) {
      lastRefresh = now;
      try {
        if (writer == null) {
          refreshReadOnly(false);
        } else {
          searchers.maybeRefresh();
        }
      } catch (org.apache.lucene.store.AlreadyClosedException e) {
        // the writer failed (a full disk) and closed itself: there is nothing newer to see, and
        // searches go on with the last view, as the class documentation promises; writes report
        // the failure. (FaultInjectionTest failed here whenever its adds took over a second.)
      }
    }
  }

  @Override
  public void refresh() {
    io(
        () -> {
          if (writer == null) {
            refreshReadOnly(true);
          } else {
            searchers.maybeRefreshBlocking();
          }
          lastRefresh = System.nanoTime();
          return null;
        });
  }

  /**
   * Sees the latest commit of a read-only index, also when the folder now holds another index: one
   * deleted and re-created at the same path (what "re-create it" advice leads to). Lucene's refresh
   * assumes one index whose commits follow each other: on a re-created one it fails when segment
   * names repeat ("same segment has invalid changes"), or sees no change when the new commit
   * happens to carry the old one's version, and answers from the deleted files forever. The
   * commit's unique id tells: a latest commit that is not a later commit of the index being read is
   * opened afresh.
   */
  private synchronized void refreshReadOnly(boolean blocking) throws IOException {
    SearcherManager current = searchers;
    SegmentInfos latest;
    try {
      latest = SegmentInfos.readLatestCommit(directory);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      // deleted and not yet re-created, or a commit half written: keep the view there is
      return;
    }
    SegmentInfos seen = segmentInfos(current);
    if (seen != null && java.util.Arrays.equals(seen.getId(), latest.getId())) {
      return;
    }
    boolean replaced = seen == null || latest.getGeneration() <= seen.getGeneration();
    if (!replaced) {
      try {
        if (blocking) {
          current.maybeRefreshBlocking();
        } else {
          current.maybeRefresh();
        }
      } catch (IllegalStateException e) {
        // a segment name of the old index came back with other contents: another index
      }
      SegmentInfos now = segmentInfos(current);
      if (now != null && now.getGeneration() >= latest.getGeneration()) {
        return;
      }
    }
    checkSchema(directory, name, true, analyzerId);
    searchers = new SearcherManager(directory, searcherFactory);
    current.close();
  }

  /** The commit the manager's current view reads, or null if that cannot be told. */
  private static SegmentInfos segmentInfos(SearcherManager manager) throws IOException {
    IndexSearcher searcher = manager.acquire();
    try {
      return searcher.getIndexReader()
              instanceof org.apache.lucene.index.StandardDirectoryReader reader
          ? reader.getSegmentInfos()
          : null;
    } finally {
      manager.release(searcher);
    }
  }

  @FunctionalInterface
  private interface SearcherAction<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public boolean isReadOnly() {
    return writer == null;
  }

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

  private static void checkSchema(
      Directory directory, String name, boolean mustExist, String analyzerId) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      if (mustExist) {
        throw new SectionSearchException("no index at " + name + " (index some documents first)");
      }
      return;
    }
    Map<String, String> userData;
    try {
      userData = SegmentInfos.readLatestCommit(directory).getUserData();
    } catch (IndexFormatTooOldException | IndexFormatTooNewException | CorruptIndexException e) {
      throw failure(name, e);
    } catch (IndexNotFoundException e) {
      throw new SectionSearchException("no index at " + name, e);
    }
    CommitData.checkCompatible(userData, name, analyzerId);
  }

  /**
   * Checks the embedding model against the one the index was written with.
   *
   * @return the model the index was written with, or null when none (or no index yet)
   */
  private static String checkEmbedding(
      Directory directory, String name, Embedder embedder, boolean readOnly, boolean mustExist)
      throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return null;
    }
    SegmentInfos commit;
    try {
      commit = SegmentInfos.readLatestCommit(directory);
    } catch (IndexFormatTooOldException | IndexFormatTooNewException | CorruptIndexException e) {
      throw failure(name, e);
    } catch (IndexNotFoundException e) {
      if (mustExist) {
        throw new SectionSearchException("no index at " + name, e);
      }
      return null;
    }
    Map<String, String> userData = commit.getUserData();
    CommitData.checkEmbedding(
        userData,
        name,
        embedder == null ? null : embedder.modelId(),
        embedder == null ? 0 : embedder.dimensions(),
        readOnly,
        commit.totalMaxDoc() > 0);
    return userData.get(CommitData.EMBEDDING_MODEL_KEY);
  }

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }

  private <T> T io(IoAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw failure(name, e);
    } catch (org.apache.lucene.store.AlreadyClosedException e) {
      // a writer that hit a fatal error closes itself and keeps that error as the cause
      throw e.getCause() == null
          ? new SectionSearchException("index " + name + " is closed", e)
          : new SectionSearchException(
              "index " + name + " failed and was closed: " + e.getCause(), e);
    }
  }

  /**
   * Like {@link #io} for an action that reads the index. Damaged files can make Lucene fail with
   * any exception, or an {@link AssertionError}, rather than a {@link CorruptIndexException}; each
   * is reported as the damage it most likely is.
   */
  private <T> T read(IoAction<T> action) {
    try {
      return io(action);
    } catch (SectionSearchException e) {
      throw e;
    } catch (RuntimeException | AssertionError e) {
      throw unreadable(name, e);
    }
  }

  static SectionSearchException unreadable(String name, Throwable e) {
    return new SectionSearchException(
        "index " + name + " could not be read (" + e + "); it is probably corrupt: re-create it",
        e);
  }

  static SectionSearchException failure(String name, IOException e) {
    if (e instanceof CorruptIndexException && missingFile(e.getCause())) {
      return new SectionSearchException(
          "index " + name + " is corrupt: " + describe((IOException) e.getCause()), e);
    }
    if (e instanceof CorruptIndexException) {
      return new SectionSearchException(
          "index " + name + " is corrupt: " + e.getMessage() + " (re-create it)", e);
    }
    if (e instanceof IndexFormatTooOldException || e instanceof IndexFormatTooNewException) {
      // a damaged header reads as another version too
      return new SectionSearchException(
          "index at "
              + name
              + " was written by an incompatible Lucene version, or is corrupt;"
              + " re-create it",
          e);
    }
    return new SectionSearchException("index " + name + ": " + describe(e), e);
  }

  private static boolean missingFile(Throwable e) {
    return e instanceof NoSuchFileException || e instanceof java.io.FileNotFoundException;
  }

  /** What went wrong: Java's file exceptions often carry only the path as their message. */
  static String describe(IOException e) {
    String message = e.getMessage();
    if (missingFile(e)) {
      return "missing file " + message + " (the index is damaged or was moved: re-create it)";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + message;
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
