/**
 * Indexing: {@link dev.sectionsearch.index.IndexSchema} names the Lucene fields of a section
 * (body with offsets for passages, the {@code content} field that ranking scores, title,
 * heading, date and the section key that breaks ties) and {@link
 * dev.sectionsearch.index.SectionWriter} writes a document's sections in one atomic update,
 * skipping documents whose content hash is unchanged. Used by {@link
 * dev.sectionsearch.SectionIndex}; most programs never call it directly.
 */
package dev.sectionsearch.index;
