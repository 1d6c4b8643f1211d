package dev.sectionsearch.internal.index;

import dev.sectionsearch.document.SectionedDocument;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.ReaderManager;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Writes whole documents into the index: replaces all sections of a document in one atomic update,
 * remembers content hashes to skip unchanged documents, and commits. Internal to the library; not
 * part of its API.
 *
 * <p>Thread-safe: {@link #put} and {@link #delete} run concurrently; {@link #commit} waits for
 * those under way and holds new ones back while it runs.
 */
public final class SectionWriter implements Closeable {
  /** Marks a deleted document in {@link #pending}. */
  private static final String DELETED = "";

  /**
   * How many documents {@link #pending} holds before it hands them over to {@link #latest}: without
   * a bound, indexing a large corpus without committing would hold every id in memory.
   */
  private static final int MAX_PENDING = 10_000;

  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final int maxPending;
  private final String analyzerId;

  /** Commit user data beyond the schema's, such as the embedding model; empty when none. */
  private final Map<String, String> extraUserData;

  /**
   * Sees the writer's changes up to its last refresh, committed or not; only this class looks at
   * it, so searches still see commits only.
   */
  private final ReaderManager latest;

  /**
   * Commits so far. A commit forgets {@link #pending}, so {@link #latest} must refresh before the
   * next lookup; refreshing then rather than in the commit spares a bulk load that commits only at
   * its end the cost of opening a reader it never reads.
   */
  private volatile long commits;

  /** The value of {@link #commits} when {@link #latest} last refreshed for a commit. */
  private long latestRefreshedAt;

  /** Content hash of each document written or deleted since {@link #latest} last refreshed. */
  private final Map<String, String> pending = new ConcurrentHashMap<>();

  private final ReadWriteLock commitLock = new ReentrantReadWriteLock();
  private final Lock handOver = new ReentrantLock();
  private final Lock[] idLocks = newLocks(64);

  private static Lock[] newLocks(int count) {
    Lock[] locks = new Lock[count];
    for (int i = 0; i < count; i++) {
      locks[i] = new ReentrantLock();
    }
    return locks;
  }

  /**
   * Creates a writer.
   *
   * @param writer the Lucene writer, owned by the caller
   * @param searchers the searchers to refresh after each commit, owned by the caller
   * @param analyzerId the {@linkplain CommitData#analyzerId analyzer's id}, recorded with each
   *     commit
   */
  public SectionWriter(IndexWriter writer, SearcherManager searchers, String analyzerId)
      throws IOException {
    this(writer, searchers, analyzerId, MAX_PENDING, Map.of());
  }

  /**
   * Creates a writer that records more user data with each commit: the embedding model of an index
   * with vectors.
   */
  public SectionWriter(
      IndexWriter writer,
      SearcherManager searchers,
      String analyzerId,
      Map<String, String> extraUserData)
      throws IOException {
    this(writer, searchers, analyzerId, MAX_PENDING, extraUserData);
  }

  SectionWriter(IndexWriter writer, SearcherManager searchers, String analyzerId, int maxPending)
      throws IOException {
    this(writer, searchers, analyzerId, maxPending, Map.of());
  }

  private SectionWriter(
      IndexWriter writer,
      SearcherManager searchers,
      String analyzerId,
      int maxPending,
      Map<String, String> extraUserData)
      throws IOException {
    this.extraUserData = Map.copyOf(extraUserData);
    this.writer = writer;
    this.analyzerId = analyzerId;
    this.searchers = searchers;
    this.maxPending = maxPending;
    this.latest = new ReaderManager(writer);
  }

  /** How many documents are remembered in memory until the next hand-over or commit. */
  int pendingCount() {
    return pending.size();
  }

  /** Whether the document with this id is indexed (or pending) with this content hash. */
  public boolean isIndexed(String docId, String contentHash) throws IOException {
    String known = pending.get(docId);
    if (known != null) {
      return known.equals(contentHash);
    }
    return contentHash.equals(indexedHash(docId));
  }

  /**
   * Writes all sections of a document, replacing any earlier version in one atomic update.
   *
   * @return whether an earlier version was replaced
   */
  public boolean put(SectionedDocument document, String contentHash, List<BytesRef> sourceMaps)
      throws IOException {
    return put(document, contentHash, sourceMaps, Embeddings.NONE);
  }

  /**
   * Writes all sections of a document with their embeddings (one set per section, or none),
   * replacing any earlier version in one atomic update: a section and its vector are one Lucene
   * document, so no commit or crash can hold one without the other.
   *
   * @return whether an earlier version was replaced
   */
  public boolean put(
      SectionedDocument document,
      String contentHash,
      List<BytesRef> sourceMaps,
      Embeddings embeddings)
      throws IOException {
    commitLock.readLock().lock();
    Lock idLock = idLock(document.id());
    idLock.lock();
    try {
      boolean existed = exists(document.id());
      Iterable<org.apache.lucene.document.Document> sections =
          ChunkVectors.withVectors(
              IndexSchema.toLucene(document, contentHash, sourceMaps, writer.getAnalyzer()),
              embeddings);
      if (existed) {
        writer.updateDocuments(new Term(IndexSchema.DOC_ID, document.id()), sections);
      } else {
        // a new id needs no delete: every buffered delete term is looked up in every segment
        // at each flush, a cost that grew with the index and with the indexing threads
        writer.addDocuments(sections);
      }
      pending.put(document.id(), contentHash);
      handOverWhenFull();
      return existed;
    } finally {
      idLock.unlock();
      commitLock.readLock().unlock();
    }
  }

  /**
   * Deletes all sections of a document.
   *
   * @return whether the document was in the index
   */
  public boolean delete(String docId) throws IOException {
    commitLock.readLock().lock();
    Lock idLock = idLock(docId);
    idLock.lock();
    try {
      boolean existed = exists(docId);
      writer.deleteDocuments(new Term(IndexSchema.DOC_ID, docId));
      pending.put(docId, DELETED);
      handOverWhenFull();
      return existed;
    } finally {
      idLock.unlock();
      commitLock.readLock().unlock();
    }
  }

  /**
   * The lock for writing a document id: checking whether a document exists and writing it must not
   * interleave with another write of the same id, or two adds of a new id would both skip the
   * delete and leave the document twice.
   */
  private Lock idLock(String docId) {
    return idLocks[Math.floorMod(docId.hashCode(), idLocks.length)];
  }

  /**
   * Writes one buffer of added documents to disk as a segment on the calling thread, so that
   * threads that added in parallel also flush in parallel; the next commit then has little left to
   * write. Neither commits nor changes what searches or {@link #isIndexed} see.
   *
   * @return whether there was a buffer to write
   */
  public boolean flushOneBuffer() throws IOException {
    return writer.flushNextBuffer();
  }

  /** Commits all changes durably and makes them visible to new searches. */
  // commits++ is not atomic, but only this method writes the field, under the write lock
  @SuppressWarnings("NonAtomicVolatileUpdate")
  public void commit() throws IOException {
    commitLock.writeLock().lock();
    try {
      Map<String, String> userData = new HashMap<>(CommitData.commitUserData(analyzerId));
      userData.putAll(extraUserData);
      writer.setLiveCommitData(userData.entrySet());
      writer.commit();
      searchers.maybeRefreshBlocking();
      commits++;
      pending.clear();
    } finally {
      commitLock.writeLock().unlock();
    }
  }

  @Override
  public void close() throws IOException {
    latest.close();
  }

  /**
   * When {@link #pending} is full, refreshes {@link #latest} and forgets the documents it now
   * shows. Every document in the snapshot was written before the refresh began, so the refreshed
   * reader holds it; a document written again meanwhile keeps its newer entry.
   */
  private void handOverWhenFull() throws IOException {
    if (pending.size() < maxPending || !handOver.tryLock()) {
      return;
    }
    try {
      Map<String, String> written = new HashMap<>(pending);
      latest.maybeRefreshBlocking();
      written.forEach(pending::remove);
    } finally {
      handOver.unlock();
    }
  }

  private boolean exists(String docId) throws IOException {
    String known = pending.get(docId);
    if (known != null) {
      return !known.equals(DELETED);
    }
    return indexedHash(docId) != null;
  }

  /** The content hash of the document as {@link #latest} shows it, or null when absent. */
  private String indexedHash(String docId) throws IOException {
    long committed = commits;
    synchronized (latest) {
      // others wait here rather than read a reader from before the commit
      if (latestRefreshedAt < committed) {
        latest.maybeRefreshBlocking();
        latestRefreshedAt = committed;
      }
    }
    DirectoryReader reader = latest.acquire();
    try {
      IndexSearcher searcher = new IndexSearcher(reader);
      TopDocs top =
          searcher.search(
              ChunkVectors.onlySections(new TermQuery(new Term(IndexSchema.DOC_ID, docId))), 1);
      if (top.scoreDocs.length == 0) {
        return null;
      }
      StoredFields fields = searcher.storedFields();
      return fields.document(top.scoreDocs[0].doc).get(IndexSchema.CONTENT_HASH);
    } finally {
      latest.release(reader);
    }
  }
}
