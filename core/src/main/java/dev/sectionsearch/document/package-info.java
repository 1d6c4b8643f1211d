/**
 * The document model, the first stage of the pipeline: a {@link
 * dev.sectionsearch.document.Document} is what a caller adds (built in code, or read from a file
 * with its text decoded and its {@link dev.sectionsearch.document.Format} taken from the
 * extension), and a {@link dev.sectionsearch.document.SectionedDocument} is the same document split
 * into {@link dev.sectionsearch.document.Section}s, each with its heading path, cleaned text and
 * the character range it came from in the original.
 */
package dev.sectionsearch.document;
