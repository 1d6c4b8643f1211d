package dev.sectionsearch.bench.speed;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One page of the benchmark corpus as extracted by the library's HTML ingestion: the same title,
 * headings and section texts go into every system compared.
 *
 * @param id the document id, unique within a run (repeats of the corpus get new ids)
 * @param title the page title
 * @param sections the page's sections in order
 */
record CorpusDocument(String id, String title, List<CorpusSection> sections) {

  /** A section: its heading and its text. */
  record CorpusSection(String heading, String text) {}

  /** The UTF-8 size of the section texts, headings and title: the text an engine indexes. */
  long textBytes() {
    long bytes = title.getBytes(StandardCharsets.UTF_8).length;
    for (CorpusSection section : sections) {
      bytes += section.heading().getBytes(StandardCharsets.UTF_8).length;
      bytes += section.text().getBytes(StandardCharsets.UTF_8).length;
    }
    return bytes;
  }

  /** The text a scored field holds for a section: title, heading and body, a line each. */
  String content(CorpusSection section) {
    return title + "\n" + section.heading() + "\n" + section.text();
  }

  /** This document under another id, as a repeat of the corpus is indexed. */
  CorpusDocument withId(String newId) {
    return new CorpusDocument(newId, title, sections);
  }
}
