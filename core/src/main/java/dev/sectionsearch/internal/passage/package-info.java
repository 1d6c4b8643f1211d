/**
 * Internal, not API: no compatibility is promised and the module does not export it. Building
 * passages: {@link dev.sectionsearch.internal.passage.PassageBuilder} picks each hit's best
 * sentences with Lucene's unified highlighter, from offsets stored in the index.
 */
package dev.sectionsearch.internal.passage;
