package dev.sectionsearch.sectioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * AsciiDoc: section titles by their marks, the header as title, date and metadata, and nothing in a
 * delimited block ever a heading.
 */
class AsciiDocSectionerTest {
  private static final String GUIDE =
      """
      // a comment before the title
      = Jetty Operations Guide
      Doc Writer <doc@example.org>
      v1.2, 2023-04-05: first release
      :toc: left
      :product: Jetty
      :icons: font

      The guide covers *running* Jetty and `jetty.xml` files.
      See link:https://jetty.org[the site] and <<install,Installing>>.

      == Installing

      include::install-steps.adoc[]

      [source,ruby]
      ----
      require 'sinatra'
      == not a heading in a listing
      ----

      NOTE: Installing needs Java 17.

      === From an archive

      ....
      # not a heading in a literal block
      ....

      ====
      Example text.

      ****
      == not a heading in a sidebar inside an example
      ****
      ====

      ////
      == not a heading in a comment block
      secret words
      ////

      ++++
      <b>raw html</b>
      ++++

      ## Running

      . Start it.
      . Stop it.
      """;

  private static Outline split(String text) {
    return new AsciiDocSectioner().split(text);
  }

  @Test
  void sectionTitlesStartSectionsAndNothingInADelimitedBlockIsAHeading() {
    Outline outline = split(GUIDE);
    List<String> headings = outline.sections().stream().map(Section::heading).toList();
    assertEquals(
        List.of("Jetty Operations Guide", "Installing", "From an archive", "Running"), headings);
    assertEquals(List.of("Installing", "From an archive"), outline.sections().get(2).headingPath());
  }

  @Test
  void theHeaderGivesTitleDateAndMetadata() {
    Outline outline = split(GUIDE);
    assertEquals(Optional.of("Jetty Operations Guide"), outline.title());
    assertEquals(Optional.of("2023-04-05"), outline.dateText());
    assertEquals(List.of("Doc Writer <doc@example.org>"), outline.metadata().get("author"));
    assertEquals(List.of("Jetty"), outline.metadata().get("product"));
    assertFalse(outline.metadata().containsKey("toc"));
  }

  @Test
  void markupLinesAndLabelsDoNotReachTheText() {
    Outline outline = split(GUIDE);
    assertEquals(
        "The guide covers running Jetty and jetty.xml files. See the site and Installing.",
        outline.sections().get(0).text());
    String installing = outline.sections().get(1).text();
    assertTrue(installing.contains("require 'sinatra'"), installing);
    assertTrue(installing.contains("Installing needs Java 17."), installing);
    assertFalse(installing.contains("NOTE"), installing);
    assertFalse(installing.contains("include::"), installing);
    assertFalse(installing.contains("[source"), installing);
    String archive = outline.sections().get(2).text();
    assertTrue(archive.contains("Example text."), archive);
    assertTrue(archive.contains("not a heading in a sidebar"), archive);
    assertFalse(archive.contains("secret"), archive);
    assertFalse(archive.contains("raw html"), archive);
    assertEquals("Start it.\n\nStop it.", outline.sections().get(3).text());
  }

  @Test
  void revdateAttributeGivesTheDocumentDate() {
    SectionedDocument document =
        Sectioning.split(
            Document.builder("a")
                .text("= Notes\n:revdate: 2020-01-02\n\nSome text.\n", Format.ASCIIDOC)
                .build());
    assertEquals(Optional.of(LocalDate.of(2020, 1, 2)), document.date());
    assertEquals("Notes", document.title());
  }

  @Test
  void sectionRangesHoldTheirHeadingAndText() {
    String text = "= T\n\nIntro.\n\n== Part\n\nBody of part.\n\n== Next\n\nMore.\n";
    for (Section section : split(text).sections()) {
      String source = text.substring(section.start(), section.end());
      assertTrue(source.contains(section.heading()), source);
      assertTrue(source.contains(section.text()), source);
    }
  }

  @Test
  void fileNamesChooseAsciiDoc() {
    assertEquals(Optional.of(Format.ASCIIDOC), Format.fromFileName(Path.of("guide.adoc")));
    assertEquals(Optional.of(Format.ASCIIDOC), Format.fromFileName(Path.of("g.asciidoc")));
  }

  @Test
  void manyDelimitedBlocksAreNotCountedAsHeadings() {
    String text = "= Blocks\n\n" + "====\nExample text.\n====\n\n".repeat(60_000);
    SectionedDocument document =
        Sectioning.split(Document.builder("a").text(text, Format.ASCIIDOC).build());
    assertEquals(1, document.sections().size());
  }
}
