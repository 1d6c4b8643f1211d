package dev.sectionsearch.index;

import dev.sectionsearch.document.SectionedDocument;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Writes whole documents into the index: replaces all sections of a document in one atomic
 * update, remembers content hashes to skip unchanged documents, and commits. Internal to the
 * library; not part of its API.
 *
 * <p>Thread-safe: {@link #put} and {@link #delete} run concurrently; {@link #commit} waits for
 * those under way and holds new ones back while it runs.
 */
public final class SectionWriter {
  /** Marks a document deleted since the last commit in {@link #pending}. */
  private static final String DELETED = "";

  private final IndexWriter writer;
  private final SearcherManager searchers;

  /** Content hash of each document written or deleted since the last commit. */
  private final Map<String, String> pending = new ConcurrentHashMap<>();

  private final ReadWriteLock commitLock = new ReentrantReadWriteLock();

  /**
   * Creates a writer.
   *
   * @param writer the Lucene writer, owned by the caller
   * @param searchers the searchers to refresh after each commit, owned by the caller
   */
  public SectionWriter(IndexWriter writer, SearcherManager searchers) {
    this.writer = writer;
    this.searchers = searchers;
  }

  /** Whether the document with this id is indexed (or pending) with this content hash. */
  public boolean isIndexed(String docId, String contentHash) throws IOException {
    String known = pending.get(docId);
    if (known != null) {
      return known.equals(contentHash);
    }
    return contentHash.equals(committedHash(docId));
  }

  /**
   * Writes all sections of a document, replacing any earlier version in one atomic update.
   *
   * @return whether an earlier version was replaced
   */
  public boolean put(SectionedDocument document, String contentHash) throws IOException {
    commitLock.readLock().lock();
    try {
      boolean existed = exists(document.id());
      writer.updateDocuments(
          new Term(IndexSchema.DOC_ID, document.id()), IndexSchema.toLucene(document, contentHash));
      pending.put(document.id(), contentHash);
      return existed;
    } finally {
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
    try {
      boolean existed = exists(docId);
      writer.deleteDocuments(new Term(IndexSchema.DOC_ID, docId));
      pending.put(docId, DELETED);
      return existed;
    } finally {
      commitLock.readLock().unlock();
    }
  }

  /** Commits all changes durably and makes them visible to new searches. */
  public void commit() throws IOException {
    commitLock.writeLock().lock();
    try {
      writer.setLiveCommitData(IndexSchema.commitUserData().entrySet());
      writer.commit();
      searchers.maybeRefreshBlocking();
      pending.clear();
    } finally {
      commitLock.writeLock().unlock();
    }
  }

  private boolean exists(String docId) throws IOException {
    String known = pending.get(docId);
    if (known != null) {
      return !known.equals(DELETED);
    }
    return committedHash(docId) != null;
  }

  private String committedHash(String docId) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs top = searcher.search(new TermQuery(new Term(IndexSchema.DOC_ID, docId)), 1);
      if (top.scoreDocs.length == 0) {
        return null;
      }
      StoredFields fields = searcher.storedFields();
      return fields.document(top.scoreDocs[0].doc).get(IndexSchema.CONTENT_HASH);
    } finally {
      searchers.release(searcher);
    }
  }
}
