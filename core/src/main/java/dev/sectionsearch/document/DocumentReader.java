package dev.sectionsearch.document;

import java.nio.file.Path;
import java.util.Set;

/**
 * Reads files of a format the core does not split itself, such as PDF, into documents. An optional
 * module provides one through {@link java.util.ServiceLoader}, in a {@code
 * META-INF/services/dev.sectionsearch.document.DocumentReader} entry; with the module on the
 * classpath, {@link Document#fromFile(Path)} and folder indexing read the files whose extensions it
 * names. The extensions of a {@link Format} are the core's and cannot be taken over.
 *
 * <p>A reader returns a document {@linkplain Document.Builder#section(java.util.List, String) given
 * as sections}, so that its citations are ranges of the sections' text joined with blank lines (the
 * text the reader extracted).
 *
 * <p>Implementations must be thread-safe: folder indexing calls one instance from several threads.
 */
public interface DocumentReader {
  /**
   * {@return the file name extensions this reader reads, lower case and without the dot: {@code
   * pdf}} Compared with a file's name without regard to case.
   */
  Set<String> extensions();

  /**
   * Reads a file into a document whose id is {@code id} and whose source is the file's path as
   * given.
   *
   * @param file the file, whose name ends in one of {@link #extensions()}
   * @param id the document id to give it
   * @param maxBytes files larger than this are refused
   * @return the document, not yet split into sections
   * @throws dev.sectionsearch.DocumentException naming the file when it cannot be read: empty, too
   *     large, broken, encrypted, or without text
   */
  Document read(Path file, String id, long maxBytes);
}
