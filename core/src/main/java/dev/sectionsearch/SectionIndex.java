package dev.sectionsearch;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.DocumentId;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

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
 * <p>This interface is the contract only: a backend's builder picks the implementation. {@link
 * EmbeddedIndex#builder()} opens the embedded one, a Lucene index in a folder or in memory ({@link
 * #open(Path)} and {@link #inMemory()} are its shortcuts). Other backends (such as the OpenSearch
 * module's) implement this same interface, so an application written against it changes backend by
 * changing only where its index comes from. Documents are split into sections on the application's
 * side whatever the backend.
 *
 * <p>Changes ({@code add}, {@code delete}) become visible to searches within the {@linkplain
 * EmbeddedIndex.Builder#refreshInterval(Duration) refresh interval} (one second unless set
 * otherwise), or at once after {@link #refresh()}, without being durable: they become durable at
 * {@link #commit()}, which also makes them visible, and {@link #close()} commits what is pending. A
 * crash loses every change since the last commit, whether searches saw it or not; the index itself
 * stays as the last commit left it. The next pages of a search (see {@link
 * SearchRequest#withAfter(String)}) read the index as its first page did, for at least ten minutes
 * after a newer view replaced it, so that changes in between neither move nor repeat hits. A
 * document's sections are replaced all at once, so a search never sees half of an old and half of a
 * new version.
 *
 * <p>Thread-safe: any number of threads may search while others add and commit. Only one writable
 * embedded index may be open on a directory at a time, across processes; a {@linkplain
 * EmbeddedIndex.Builder#readOnly() read-only} one may be opened beside it and sees each new commit
 * within the refresh interval, or at once after {@link #refresh()}.
 */
public interface SectionIndex extends AutoCloseable {
  /**
   * Opens (or creates) a writable embedded index in a folder with the default settings: a shortcut
   * for {@code EmbeddedIndex.builder().folder(folder).build()}.
   *
   * @param folder the index's folder, created when missing
   * @return the open index; close it when done
   */
  static SectionIndex open(Path folder) {
    return EmbeddedIndex.builder().folder(folder).build();
  }

  /**
   * Creates an empty writable embedded index held in memory, with the default settings: a shortcut
   * for {@code EmbeddedIndex.builder().build()}.
   *
   * @return the open index; close it when done
   */
  static SectionIndex inMemory() {
    return EmbeddedIndex.builder().build();
  }

  /**
   * Adds a document, or replaces the one with the same id, atomically (all its sections together).
   * A document whose content is unchanged since it was last added is left as it is. Searches see
   * the change within the refresh interval, or at once after {@link #refresh()}; it is durable from
   * the next {@link #commit()} (see the class documentation).
   *
   * @param document the document
   * @return what adding it did
   * @throws DocumentException naming the document when it cannot be split (no text, etc.)
   * @throws IllegalStateException when the index is read-only
   */
  AddResult add(Document document);

  /**
   * Adds one file; its id and source are its real path (see {@link Document#fileId(Path)}), the
   * same id {@link #addAll} gives it.
   *
   * @param file the file
   * @return what adding it did
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
   * indexed in parallel on {@link EmbeddedIndex.Builder#indexingThreads(int)} threads, as many at a
   * time as the heap holds.
   *
   * <p>Document ids: every file's id is its real path (see {@link Document#fileId(Path)}), so ids
   * depend neither on the working directory nor on the path given, and two different files never
   * share one.
   *
   * @param path a file or a folder
   * @param listener told of each file as it is added or skipped
   * @return what the run added, replaced, left unchanged and skipped
   * @throws DocumentException when {@code path} does not exist
   */
  IndexSummary addAll(Path path, IndexingListener listener);

  /**
   * Like {@link #addAll(Path, IndexingListener)}, giving every file the same date, which wins over
   * dates in the files' content and names.
   *
   * @param path a file or a folder
   * @param date the date every file gets
   * @param listener told of each file as it is added or skipped
   * @return what the run added, replaced, left unchanged and skipped
   */
  IndexSummary addAll(Path path, LocalDate date, IndexingListener listener);

  /**
   * Like {@link #addAll(Path, IndexingListener)}, under control of {@code options}: which files
   * (include and exclude patterns), the metadata, date and format they get, and whether the
   * documents of files no longer under the folder are removed (the default: the summary counts
   * them). Files that include patterns leave out are not listed as skipped.
   *
   * @param path a file or a folder
   * @param options which files, their format, metadata and date, and whether documents of deleted
   *     files are removed
   * @param listener told of each file as it is added or skipped
   * @return what the run added, replaced, left unchanged, skipped and removed
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
   * @param docId the document's id
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
   * @param request the query and its options
   * @return one page of hits, best first (or in the order asked for)
   * @throws dev.sectionsearch.QueryException when the query cannot be run (too many terms, invalid
   *     cursor); never for malformed syntax, which is read as well as it can be
   */
  SearchResults search(SearchRequest request);

  /**
   * Searches for a query's top sections by relevance; see {@link SearchRequest}.
   *
   * @param query the words to search for
   * @return the top hits, best first
   */
  default SearchResults search(String query) {
    return search(SearchRequest.of(query));
  }

  /**
   * A document with every section's whole text, as searches see the index now: what to show or hand
   * to a language model when a hit's passages are not enough.
   *
   * @param docId the document's id
   * @return empty when the index holds no document with that id
   */
  Optional<IndexedDocument> get(String docId);

  /**
   * One section of a document, such as the section of a {@link dev.sectionsearch.search.SearchHit}
   * ({@code hit.docId()}, {@code hit.ordinal()}), with its whole text.
   *
   * @param docId the document's id
   * @param ordinal the section's position in its document, from 0
   * @return empty when the index holds no such document or section
   */
  default Optional<Section> section(String docId, int ordinal) {
    return get(docId).flatMap(document -> document.section(ordinal));
  }

  /**
   * The sections like one, best first, never the section itself: a search for the section's most
   * telling words (those it uses most that few other sections use, as Lucene's {@code MoreLikeThis}
   * picks them), fused, when the index has vectors, with the sections nearest the section's own
   * vector, as a hybrid search fuses them. The hits are ordinary search hits, with passages showing
   * the shared words; the results' {@link SearchResults#query()} is the words searched.
   *
   * @param docId the section's document, such as {@code hit.docId()} of a {@link
   *     dev.sectionsearch.search.SearchHit}
   * @param ordinal the section's ordinal in its document ({@code hit.ordinal()})
   * @param limit the most hits, 1 to {@value SearchRequest#MAX_LIMIT}
   * @return one page of related sections, best first
   * @throws IllegalArgumentException naming the document and ordinal when the index holds no such
   *     section, or when {@code limit} is out of range
   * @throws UnsupportedOperationException when the backend does not find related sections
   */
  default SearchResults related(String docId, int ordinal, int limit) {
    throw new UnsupportedOperationException(
        "related sections are not supported by the " + getClass().getSimpleName() + " backend");
  }

  /**
   * Completions of what a person has typed into a search box so far, best first, for search as you
   * type: titles and headings that start with {@code prefix} (in any case), then {@code prefix}
   * with its last word completed by words the sections use (in two sections or more, no stop
   * words), the most used first. Each suggestion is a whole query: {@code "russia ukr"} may give
   * {@code "russia Ukraine"}. Blank input, or input longer than 256 characters, gets none.
   *
   * <p>The embedded index reads the stored text of a segment the first time it is asked for a
   * suggestion after the segment appeared, and keeps what it needs while the segment lives; later
   * suggestions take microseconds (see docs/search-features.md).
   *
   * @param limit the most suggestions returned, 1 or more
   * @param prefix what has been typed so far
   * @return the completions, at most {@code limit}
   * @throws IllegalArgumentException when {@code limit} is not positive
   * @throws UnsupportedOperationException when the backend does not suggest (OpenSearch)
   */
  default List<String> suggest(String prefix, int limit) {
    throw new UnsupportedOperationException(
        "suggestions are not supported by the " + getClass().getSimpleName() + " backend");
  }

  /**
   * Counts what the index holds as of the last commit.
   *
   * @return the counts and the date range
   */
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
   * it durable (see {@link #commit()}). On a {@linkplain EmbeddedIndex.Builder#readOnly()
   * read-only} index, makes the latest commit visible.
   */
  void refresh();

  /**
   * {@return what this index can do beyond lexical search (semantic and hybrid modes, typo
   * tolerance, folder options), as it was opened: a search asking for anything else is refused}
   */
  Capabilities capabilities();

  /** {@return whether this index was opened read-only} */
  boolean isReadOnly();

  /**
   * Commits pending changes (unless read-only) and releases the index and its lock.
   *
   * @throws SectionSearchException when the final commit fails
   */
  @Override
  void close();
}
