package dev.sectionsearch.sectioning;

/** Splits the raw text of one format into sections. Implementations are stateless. */
interface Sectioner {
  /**
   * Splits text into an outline.
   *
   * @param text the document's raw text, never blank
   * @return the outline; its sections may be empty when the text holds no content at all
   */
  Outline split(String text);
}
