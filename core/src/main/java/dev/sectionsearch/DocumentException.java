package dev.sectionsearch;

/**
 * A document could not be read or split: it is binary, empty, too large, not decodable, or
 * otherwise unusable. The message names the document; nothing already indexed is affected.
 *
 * <p>Immutable and thread-safe.
 */
public class DocumentException extends SectionSearchException {
  private static final long serialVersionUID = 1L;

  /** The file or document id the problem is about (part of the serialized form). */
  private final String document;

  /**
   * Creates an exception for a document.
   *
   * @param document the file path or document id the problem is about
   * @param problem what is wrong, without the document name
   */
  public DocumentException(String document, String problem) {
    super(document + ": " + problem);
    this.document = document;
  }

  /**
   * Creates an exception for a document, keeping the failure that caused it.
   *
   * @param document the document's id or file
   * @param problem what is wrong with it
   * @param cause the failure that caused it
   */
  public DocumentException(String document, String problem, Throwable cause) {
    super(document + ": " + problem, cause);
    this.document = document;
  }

  /** {@return the file path or document id the problem is about} */
  public String document() {
    return document;
  }
}
