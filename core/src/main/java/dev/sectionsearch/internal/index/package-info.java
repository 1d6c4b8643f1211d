/**
 * Internal, not API: no compatibility is promised and the module does not export it. The index
 * layout: {@link dev.sectionsearch.internal.index.IndexSchema} names the Lucene fields of a section
 * (the {@code content} field that ranking scores and passages are highlighted from, with offsets;
 * the stored body, title, heading, date, metadata, vectors, the map back to the source and the
 * section key that breaks ties); {@link dev.sectionsearch.internal.index.SectionWriter} writes a
 * document's sections in one atomic update, skipping documents whose content hash is unchanged;
 * {@link dev.sectionsearch.internal.index.SourceMap} maps section text back to source offsets.
 */
package dev.sectionsearch.internal.index;
