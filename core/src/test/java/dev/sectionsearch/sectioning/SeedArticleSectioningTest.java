package dev.sectionsearch.sectioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The article the project was created from, as saved from the web: the reference input. */
class SeedArticleSectioningTest {
  static final Path SEED = Path.of("..", "seeds", "000_225a28f7e574bad2.txt");

  static final List<String> HEADINGS =
      List.of(
          "A Historical Perspective: From Mistrust to Strategic Alignment",
          "The Post-Soviet Era: Building Cordial Relations",
          "The Foundation of an Alliance: Shared Opposition to Western Hegemony",
          "Military and Security Cooperation: A Growing Partnership",
          "Iran\u2019s Support for Russia in Ukraine",
          "Russia\u2019s Role in Iran\u2019s Nuclear Program",
          "Economic Dimensions of the Alliance: Oil, Trade, and Sanctions",
          "Geopolitical Balancing Act: Russia\u2019s Complex Ties in the Middle East",
          "Navigating Relations with Israel",
          "Iran\u2019s Broader Alliance Network: The \"Axis of Resistance\"",
          "The Limits and Future of the Iran-Russia Partnership",
          "The Question of Direct Military Intervention",
          "Conclusion: A Pragmatic Alliance in a Multipolar World");

  private static String text;
  private static SectionedDocument article;

  @BeforeAll
  static void splitSeed() throws IOException {
    text = Files.readString(SEED, StandardCharsets.UTF_8);
    article = Sectioning.split(Document.fromFile(SEED));
  }

  private static List<String> normalized(List<String> headings) {
    return headings.stream().map(h -> h.replace('\u2019', '\'')).toList();
  }

  @Test
  void firstLineIsTheTitle() {
    assertEquals(
        "Are Iran And Russia Allies? A Deep Dive Into Their Strategic Ties", article.title());
  }

  @Test
  void yieldsTheThirteenSectionsWithTheirExactHeadings() {
    List<String> headings = article.sections().stream().map(Section::heading).toList();
    assertEquals(normalized(HEADINGS), normalized(headings));
    for (String heading : headings) {
      assertTrue(text.contains(heading), "heading taken verbatim from the text: " + heading);
    }
  }

  @Test
  void headingsGluedToParagraphsAreNotLeftInBodies() {
    for (Section section : article.sections()) {
      for (String heading : headings()) {
        assertFalse(
            section.text().contains(heading),
            "section " + section.ordinal() + " still holds heading " + heading);
      }
    }
  }

  @Test
  void bodiesEndWithTheLastSentenceBeforeTheNextHeading() {
    Section postSovietPredecessor = article.sections().get(0);
    assertTrue(
        postSovietPredecessor.text().endsWith("paving the way for a more cooperative stance."),
        postSovietPredecessor.text());
  }

  @Test
  void spamLinksAndUnrelatedHeadlinesAreInNoSection() {
    for (Section section : article.sections()) {
      for (String spam :
          List.of(
              "Meggnut",
              "Movie Rules",
              "Tommy Lee Jones",
              "Ferrigno",
              "Shag Carpet",
              "Daily Caller",
              "Defense Ministry",
              "Airspace")) {
        assertFalse(section.text().contains(spam), spam + " in section " + section.ordinal());
        assertFalse(section.heading().contains(spam), spam + " in heading " + section.ordinal());
      }
    }
  }

  @Test
  void boilerplateTailIsCounted() {
    // the glued first link, four more links and three headlines
    assertEquals(8, article.boilerplateLines());
  }

  @Test
  void lastSectionEndsWithTheArticlesLastSentence() {
    Section last = article.sections().get(article.sections().size() - 1);
    assertTrue(last.text().endsWith("deepen your understanding of global affairs."), last.text());
  }

  @Test
  void emphasisAndCitationMarkersAreRemovedFromBodies() {
    for (Section section : article.sections()) {
      assertFalse(section.text().contains("**"), "emphasis in section " + section.ordinal());
      assertFalse(
          section.text().matches("(?s).*\\[\\d+\\].*"), "citation in section " + section.ordinal());
    }
  }

  @Test
  void sectionRangesStartAtTheirHeadingsInTheOriginalText() {
    for (Section section : article.sections()) {
      String range = text.substring(section.start(), section.end());
      assertTrue(range.startsWith(section.heading()), "range of " + section.heading());
    }
  }

  @Test
  void sectionRangesFollowEachOtherWithoutOverlap() {
    int previousEnd = 0;
    for (Section section : article.sections()) {
      assertTrue(section.start() >= previousEnd, "section " + section.ordinal() + " overlaps");
      previousEnd = section.end();
    }
    assertTrue(previousEnd < text.indexOf("Meggnut"), "last range stops before the spam");
  }

  private static List<String> headings() {
    return article.sections().stream().map(Section::heading).toList();
  }
}
