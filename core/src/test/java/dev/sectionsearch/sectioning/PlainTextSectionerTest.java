package dev.sectionsearch.sectioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Section;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Plain text as saved from web pages: structure recovered from the shape of its lines. */
class PlainTextSectionerTest {
  private static Outline split(String text) {
    return new PlainTextSectioner().split(text);
  }

  private static List<String> headings(Outline outline) {
    return outline.sections().stream().map(Section::heading).toList();
  }

  @Test
  void theFirstLineIsTheTitle() {
    Outline outline = split("Birds of the Coast\nGulls follow boats. Terns dive.");
    assertEquals(Optional.of("Birds of the Coast"), outline.title());
    assertEquals("Gulls follow boats. Terns dive.", outline.sections().get(0).text());
  }

  @Test
  void aFirstLineEndingInAFullStopIsText() {
    Outline outline = split("Gulls follow boats.\nTerns dive.");
    assertEquals(Optional.empty(), outline.title());
    assertEquals("Gulls follow boats.\nTerns dive.", outline.sections().get(0).text());
  }

  @Test
  void aShortLineBeforeAParagraphIsAHeading() {
    Outline outline =
        split("Title\nIntro text here.\n\nNesting Habits\nGulls nest on cliffs and roofs.");
    assertEquals(List.of("", "Nesting Habits"), headings(outline));
    assertEquals("Gulls nest on cliffs and roofs.", outline.sections().get(1).text());
  }

  @Test
  void aTitleCaseHeadingGluedToAParagraphIsRecovered() {
    Outline outline =
        split("Title\nGulls follow boats for scraps.Nesting on City Roofs\nThey nest on roofs.");
    assertEquals(List.of("", "Nesting on City Roofs"), headings(outline));
    assertEquals("Gulls follow boats for scraps.", outline.sections().get(0).text());
    assertEquals("They nest on roofs.", outline.sections().get(1).text());
  }

  @Test
  void aSentenceMissingItsSpaceIsNotTakenForAHeading() {
    Outline outline = split("Title\nGulls follow boats.They also eat fish from the harbour.");
    assertEquals(List.of(""), headings(outline));
  }

  @Test
  void abbreviationsAreNotTakenForGluedHeadings() {
    Outline outline = split("Title\nThe U.S. Navy studied gulls in 1950.");
    assertEquals(List.of(""), headings(outline));
    assertTrue(outline.sections().get(0).text().contains("U.S. Navy"));
  }

  @Test
  void aTrailingLinkListIsBoilerplate() {
    Outline outline =
        split(
            "Title\nGulls follow boats for scraps.\n- Win A Free Cruise Now\n- Ten Celebrity"
                + " Secrets\n\nUnrelated Headline About Politics\n");
    assertEquals("Gulls follow boats for scraps.", outline.sections().get(0).text());
    assertEquals(3, outline.boilerplateLines());
  }

  @Test
  void aLinkGluedToTheLastSentenceIsBoilerplate() {
    Outline outline = split("Title\nGulls follow boats for scraps.- Win A Free Cruise Now\n");
    assertEquals("Gulls follow boats for scraps.", outline.sections().get(0).text());
    assertEquals(1, outline.boilerplateLines());
  }

  @Test
  void aListInsideTheArticleIsKept() {
    Outline outline =
        split("Title\nWhat gulls eat:\n- fish\n- scraps\n\nThey are not fussy about food.");
    assertTrue(outline.sections().get(0).text().contains("- scraps"));
    assertEquals(0, outline.boilerplateLines());
  }

  @Test
  void shortLinesWithNothingAfterThemAreNotHeadings() {
    Outline outline = split("Title\nGulls follow boats.\nNesting Habits\n");
    assertEquals(List.of(""), headings(outline));
  }

  @Test
  void carriageReturnLineEndsAreReadLikeNewlines() {
    Outline outline = split("Title\r\nNesting Habits\r\nGulls nest on roofs.\r\n");
    assertEquals(List.of("Nesting Habits"), headings(outline));
    assertEquals("Gulls nest on roofs.", outline.sections().get(0).text());
  }

  @Test
  void sectionRangesPointAtTheHeadingInTheRawText() {
    String text = "Title\nIntro.\n\nNesting Habits\nGulls nest on roofs.";
    Section section = split(text).sections().get(1);
    assertEquals(
        "Nesting Habits\nGulls nest on roofs.", text.substring(section.start(), section.end()));
  }

  @Tag("slow") // long-input guard; runs in verify
  @Test
  void manyShortLinesDoNotTakeQuadraticTime() {
    String text = "Title\n" + "Short Line\n".repeat(50_000) + "A closing paragraph.";
    Outline outline = split(text);
    assertTrue(outline.sections().size() >= 1);
  }

  @Test
  void aTextOfOneLineIsBothTitleAndText() {
    Outline outline = split("Remember the bird count on Sunday\n");
    assertEquals(Optional.of("Remember the bird count on Sunday"), outline.title());
    assertEquals("Remember the bird count on Sunday", outline.sections().get(0).text());
  }

  @Test
  void blankTextHasNoSections() {
    assertTrue(split("\n  \n").sections().isEmpty());
  }

  @Test
  void shortLinesInsideAHardWrappedParagraphAreNotHeadings() {
    Outline outline =
        split(
            "Title\n\nGulls follow the fishing boats out of the harbour\n"
                + "Every Morning In Search Of Scraps\n"
                + "and they return at dusk.\n");
    assertEquals(List.of(""), headings(outline));
  }

  @Test
  void aLineEndingMidSentenceIsNotAHeading() {
    Outline outline =
        split("Title\n\nFor instance, gulls can be seen after an\nexceptionally long storm.\n");
    assertEquals(List.of(""), headings(outline));
  }

  @Test
  void underlinedHeadingsAreHeadingsAndTheirUnderlinesAreNotText() {
    Outline outline =
        split(
            "Title\n=====\n\nIntro text.\n\nNesting habits\n--------------\n\nGulls nest on roofs.\n");
    assertEquals(List.of("", "Nesting habits"), headings(outline));
    assertEquals("Intro text.", outline.sections().get(0).text());
    assertEquals("Gulls nest on roofs.", outline.sections().get(1).text());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        ">>> json.loads('1.1', parse_float=decimal.Decimal)",
        "    >>> print(ast.dump(ast.parse('x', mode='eval').body.Constant(value=3)]))",
        "result = parser.parse(text).Tree",
        "see the value of settings.Default_Timeout",
        "call it as module.Function() here"
      })
  void codeIsNeverSplitIntoAGluedHeading(String line) {
    Outline outline =
        split("Title\nSome text before the code.\n\n" + line + "\n\nMore text after it.");
    assertEquals(List.of(""), headings(outline), line);
    assertTrue(outline.sections().get(0).text().contains(line.strip()), line);
  }

  @Test
  void aHeadingWithNoTextUnderItIsNotASeparateHit() {
    dev.sectionsearch.document.SectionedDocument document =
        Sectioning.split(
            dev.sectionsearch.document.Document.builder("d")
                .text(
                    "# Guide\n\n## Setup\n\n### Linux\n\nRun the installer.\n\n## Empty\n\n## Usage\n\nRun it.\n",
                    dev.sectionsearch.document.Format.MARKDOWN)
                .build());
    List<List<String>> paths = document.sections().stream().map(Section::headingPath).toList();
    // "Setup" is in its subsection's path; "Empty" joins the path of the section after it
    assertEquals(List.of(List.of("Setup", "Linux"), List.of("Empty", "Usage")), paths);
    assertTrue(document.sections().stream().noneMatch(s -> s.text().isBlank()));
  }
}
