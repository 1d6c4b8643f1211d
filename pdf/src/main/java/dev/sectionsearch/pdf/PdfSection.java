package dev.sectionsearch.pdf;

import java.util.List;

/**
 * A section found in a PDF, before it becomes a {@link dev.sectionsearch.document.Section}.
 *
 * @param headingPath the headings from the outermost down to its own; empty for text before the
 *     first heading
 * @param body its text
 * @param page the page its heading (or first line) is on, from 1
 */
record PdfSection(List<String> headingPath, String body, int page) {}
