/**
 * The library's entry point: {@link dev.sectionsearch.SectionIndex} opens an index, adds
 * documents and files, commits, and searches; the records it returns ({@link
 * dev.sectionsearch.AddResult}, {@link dev.sectionsearch.IndexSummary}, {@link
 * dev.sectionsearch.IndexStats}, {@link dev.sectionsearch.SkippedFile}) and the unchecked
 * exceptions it throws ({@link dev.sectionsearch.SectionSearchException} and its subclasses)
 * live here too.
 *
 * <p>The work is done by one package per stage of the pipeline, each depending only on the ones
 * before it: {@link dev.sectionsearch.document} and {@link dev.sectionsearch.sectioning} turn
 * files and text into sections, {@link dev.sectionsearch.index} writes them to Lucene, {@link
 * dev.sectionsearch.search} finds them, and {@link dev.sectionsearch.passage} cuts the passages
 * shown for each hit. {@code SectionIndex} ties them together so that most programs need
 * nothing else.
 */
package dev.sectionsearch;
