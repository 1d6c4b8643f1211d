package dev.sectionsearch.sectioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Section;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Markdown: headings make sections, nesting makes heading paths, front matter gives metadata. */
class MarkdownSectionerTest {
  private static Outline split(String text) {
    return new MarkdownSectioner().split(text);
  }

  private static List<String> headings(Outline outline) {
    return outline.sections().stream().map(Section::heading).toList();
  }

  @Test
  void atxHeadingsStartSections() {
    Outline outline = split("## Install\nRun the installer.\n\n## Usage\nRun the tool.\n");
    assertEquals(List.of("Install", "Usage"), headings(outline));
    assertEquals("Run the installer.", outline.sections().get(0).text());
    assertEquals("Run the tool.", outline.sections().get(1).text());
  }

  @Test
  void setextHeadingsStartSections() {
    Outline outline = split("Install\n=======\nRun it.\n\nUsage\n-----\nUse it.\n");
    assertEquals(List.of("Install", "Usage"), headings(outline));
  }

  @Test
  void headingPathFollowsNestingAndLeavesOutTheTitle() {
    Outline outline = split("# Guide\nIntro.\n## Install\nA.\n### Linux\nB.\n## Usage\nC.\n");
    assertEquals(Optional.of("Guide"), outline.title());
    List<List<String>> paths = outline.sections().stream().map(Section::headingPath).toList();
    assertEquals(
        List.of(
            List.of("Guide"), List.of("Install"), List.of("Install", "Linux"), List.of("Usage")),
        paths);
  }

  @Test
  void severalTopLevelHeadingsAreAllInPaths() {
    Outline outline = split("# Part One\n## Intro\nA.\n# Part Two\n## Intro\nB.\n");
    assertEquals(Optional.empty(), outline.title());
    assertEquals(List.of("Part Two", "Intro"), outline.sections().get(3).headingPath());
  }

  @Test
  void frontMatterGivesTitleAndDateAndIsNotText() {
    Outline outline =
        split(
            "---\ntitle: \"Release notes\"\ndate: 2024-03-05\ntags: [a]\n---\n# Notes\nFixed bugs.\n");
    assertEquals(Optional.of("Release notes"), outline.title());
    assertEquals(Optional.of("2024-03-05"), outline.dateText());
    for (Section section : outline.sections()) {
      assertFalse(section.text().contains("tags"), section.text());
    }
  }

  @Test
  void unclosedFrontMatterIsOrdinaryText() {
    Outline outline = split("---\ntitle: x\nSome text.\n");
    assertEquals(Optional.empty(), outline.dateText());
    assertTrue(outline.sections().get(0).text().contains("Some text."));
  }

  @Test
  void hashLinesInCodeBlocksAreNotHeadings() {
    Outline outline =
        split("## Shell\n```\n# not a heading\necho hi\n```\n\n    # indented code\n");
    assertEquals(List.of("Shell"), headings(outline));
    assertTrue(outline.sections().get(0).text().contains("# not a heading"));
  }

  @Test
  void markupIsRemovedFromText() {
    Outline outline =
        split("## A *nice* heading\nSome **bold**, a [link](http://x.org) and `code`.\n");
    Section section = outline.sections().get(0);
    assertEquals("A nice heading", section.heading());
    assertEquals("Some bold, a link and code.", section.text());
  }

  @Test
  void listItemsStayOnLinesOfTheirOwn() {
    Outline outline = split("## Steps\n1. Download\n2. Install\n\n- one\n- two\n");
    assertEquals("1. Download\n2. Install\n\n- one\n- two", outline.sections().get(0).text());
  }

  @Test
  void textBeforeTheFirstHeadingIsASectionWithoutHeading() {
    Outline outline = split("Preamble text.\n\n## Usage\nUse it.\n");
    assertEquals(List.of("", "Usage"), headings(outline));
    assertEquals(List.of(), outline.sections().get(0).headingPath());
  }

  @Test
  void sectionRangeCoversHeadingAndBodyInTheOriginalText() {
    String text = "---\ntitle: T\n---\nIntro.\n\n## Usage\nUse it.\n";
    Section usage = split(text).sections().get(1);
    assertEquals("## Usage\nUse it.", text.substring(usage.start(), usage.end()));
  }

  @Test
  void htmlBlocksContributeOnlyTheirText() {
    Outline outline =
        split("## Box\n<div class=\"note\"><b>Careful</b> now</div>\n\n<script>x()</script>\n");
    assertEquals("Careful now", outline.sections().get(0).text());
  }

  @Tag("slow") // long-input guard; runs in verify
  @Test
  void deeplyNestedQuotesDoNotOverflowTheStack() {
    Outline outline = split(">".repeat(50_000) + " deep\n");
    assertTrue(outline.sections().get(0).text().contains("deep"));
  }

  @Test
  void emptyMarkdownHasNoSections() {
    assertTrue(split("\n\n   \n").sections().isEmpty());
  }

  @Tag("slow") // long-input guard; runs in verify
  @Test
  void emphasisNestedTooDeeplyIsReadAsPlainTextWithAWarning() {
    Outline outline = split("Deep\n" + "*".repeat(100_000) + "owl" + "*".repeat(100_000) + "\n");
    assertTrue(outline.sections().get(0).text().contains("owl"));
    assertTrue(outline.warnings().get(0).contains("too deeply"), outline.warnings().toString());
  }

  @Test
  void bracketedNumbersInCodeSpansAndBlocksAreKept() {
    Outline outline =
        split("## Arrays\n`arr[1]` is the second element [2].\n\n```\nx = arr[1] [2]\n```\n");
    String text = outline.sections().get(0).text();
    assertTrue(text.startsWith("arr[1] is the second element."), text);
    assertTrue(text.contains("x = arr[1] [2]"), text);
  }
}
