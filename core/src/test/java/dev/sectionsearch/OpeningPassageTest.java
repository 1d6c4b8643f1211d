package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hit none of whose section's text matched (its heading or title did) shows the section's
 * opening, unhighlighted; a section with no text of its own (a heading over subsections) shows the
 * opening of its first subsection, cited where that subsection's words stand in the file.
 */
class OpeningPassageTest {
  @TempDir Path folder;

  private static final String LONG_TEXT =
      "A mast holds the ship by its nose while the crew walks it in from the field. "
          + "It swings with the wind all night, and nothing else is needed for a short stay. "
          + "For a long stay the ship goes into a hangar, where the weather cannot reach it. "
          + "Hangars are costly, so most fields have a mast and only a few have a hangar.";

  @Test
  void aSectionThatMatchedByItsHeadingShowsItsOpeningCutAtASentence() throws IOException {
    Path file = folder.resolve("masts.md");
    Files.writeString(
        file, "# Zeppelins\n\nIntro words.\n\n## Mooring masts\n\n" + LONG_TEXT + "\n");
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(file);
      index.commit();
      SearchHit hit = index.search("mooring").hits().get(0);
      assertEquals("Mooring masts", hit.heading());
      assertEquals(1, hit.passages().size(), hit.passages().toString());
      Passage opening = hit.passages().get(0);
      assertTrue(opening.highlights().isEmpty());
      assertTrue(LONG_TEXT.startsWith(opening.text()), opening.text());
      assertTrue(opening.text().length() >= 100 && opening.text().length() <= 300, opening.text());
      assertTrue(opening.text().endsWith("."), "ends where a sentence ends: " + opening.text());
    }
  }

  @Test
  void aHeadingOverSubsectionsShowsTheOpeningOfItsFirstSubsection() throws IOException {
    Path file = folder.resolve("airships.html");
    String html =
        "<html><head><title>Airship handbook</title></head><body>\n"
            + "<h1>Airship handbook</h1><p>Rigid ships and blimps.</p>\n"
            + "<h2>Mooring examples</h2>\n"
            + "<h3>At a mast</h3><p>"
            + LONG_TEXT
            + "</p>\n"
            + "<h3>In a hangar</h3><p>Doors open wide.</p>\n"
            + "</body></html>\n";
    Files.writeString(file, html);
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(file);
      index.commit();
      SearchHit hit =
          index.search("examples").hits().stream()
              .filter(h -> h.heading().equals("Mooring examples"))
              .findFirst()
              .orElseThrow();
      assertEquals(
          "", index.section(hit.docId(), hit.ordinal()).orElseThrow().text().strip(), "no text");
      assertEquals(1, hit.passages().size(), "an opening instead of nothing");
      Passage opening = hit.passages().get(0);
      assertTrue(opening.highlights().isEmpty());
      assertTrue(LONG_TEXT.startsWith(opening.text()), opening.text());
      String cited = html.substring(opening.sourceStart(), opening.sourceEnd());
      assertTrue(cited.startsWith("A mast holds"), cited);
      assertTrue(cited.contains(opening.text().substring(opening.text().length() - 20)), cited);
      assertEquals(
          List.of(file.toString() + ":" + opening.sourceStart() + "-" + opening.sourceEnd()),
          hit.citations().stream().map(c -> c.replace(hit.source(), file.toString())).toList());
    }
  }

  @Test
  void aPageHeadingOverItsSectionsShowsTheOpeningOfTheFirstWithText() throws IOException {
    Path file = folder.resolve("faq.html");
    String html =
        "<html><head><title>Airship questions</title></head><body>\n"
            + "<h1>Airship questions</h1>\n"
            + "<h2>General matters</h2>\n"
            + "<h3>Why a mast?</h3><p>"
            + LONG_TEXT
            + "</p>\n</body></html>\n";
    Files.writeString(file, html);
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(file);
      index.commit();
      for (SearchHit hit : index.search("questions").hits()) {
        assertEquals(1, hit.passages().size(), hit.headingPath() + ": an opening");
        Passage opening = hit.passages().get(0);
        assertTrue(LONG_TEXT.startsWith(opening.text()), opening.text());
        assertTrue(
            html.substring(opening.sourceStart(), opening.sourceEnd()).startsWith("A mast holds"));
      }
    }
  }
}
