/**
 * The library's entry point: {@link dev.sectionsearch.SectionIndex} opens an index, adds documents
 * and files, commits, and searches; the records it returns ({@link dev.sectionsearch.AddResult},
 * {@link dev.sectionsearch.IndexSummary}, {@link dev.sectionsearch.IndexStats}, {@link
 * dev.sectionsearch.SkippedFile}) and the unchecked exceptions it throws ({@link
 * dev.sectionsearch.SectionSearchException} and its subclasses) live here too.
 *
 * <p>The API has one package per stage of the pipeline: {@link dev.sectionsearch.document} and
 * {@link dev.sectionsearch.sectioning} turn files and text into sections, {@link
 * dev.sectionsearch.search} asks for and returns hits, and {@link dev.sectionsearch.passage} holds
 * the passages shown for each hit. The work itself is done in {@code dev.sectionsearch.internal.*}
 * (the index layout, the searcher, the passage builder), which the module does not export. {@code
 * SectionIndex} ties them together so that most programs need nothing else.
 */
package dev.sectionsearch;
