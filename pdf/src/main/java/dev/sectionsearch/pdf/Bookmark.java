package dev.sectionsearch.pdf;

/**
 * One entry of a PDF's outline, flattened.
 *
 * @param title its title, spaces collapsed
 * @param depth 0 for a top-level entry
 * @param page the page it points to, from 1
 */
record Bookmark(String title, int depth, int page) {}
