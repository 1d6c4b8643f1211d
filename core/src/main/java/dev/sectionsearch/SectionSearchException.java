package dev.sectionsearch;

/**
 * Base of the library's exceptions. Every failure the library reports is one of these, with a
 * message a user can read; I/O failures keep their cause.
 *
 * <p>Immutable and thread-safe, like all the library's exceptions.
 */
public class SectionSearchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the file, id or query
   */
  public SectionSearchException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that caused it.
   *
   * @param message what went wrong, naming the file, id or query
   * @param cause the failure that caused it
   */
  public SectionSearchException(String message, Throwable cause) {
    super(message, cause);
  }
}
