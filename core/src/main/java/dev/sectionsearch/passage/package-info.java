/**
 * Passages, the last stage of the pipeline: for each hit, the few sentences of its section that
 * hold the most query words, as {@link dev.sectionsearch.passage.Passage}s with {@link
 * dev.sectionsearch.passage.Highlight} ranges, built from the offsets stored in the index without
 * analysing the text again. {@link dev.sectionsearch.passage.Passages} renders them as escaped
 * HTML, ANSI colour or plain text.
 */
package dev.sectionsearch.passage;
