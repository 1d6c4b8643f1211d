/**
 * Sectioning: splits a document's text into sections, one sectioner per format (plain text,
 * Markdown, HTML, reStructuredText, AsciiDoc) behind {@link
 * dev.sectionsearch.sectioning.Sectioning}. Each finds the title, the headings and their nesting,
 * removes what is not content (HTML chrome, link-list tails, citation markers) and reads the
 * document's date from metadata, a dateline or the file name. Nothing here touches the index.
 */
package dev.sectionsearch.sectioning;
