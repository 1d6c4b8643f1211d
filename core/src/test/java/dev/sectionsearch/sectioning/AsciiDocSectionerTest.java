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

  /** A manual page as git ships its AsciiDoc sources: every title two lines, no {@code ==}. */
  private static final String MANPAGE =
      """
      git-bisect(1)
      =============

      NAME
      ----
      git-bisect - Use binary search to find the commit that introduced a bug

      SYNOPSIS
      --------
      [verse]
      'git bisect' <subcommand> <options>

      DESCRIPTION
      -----------
      The command takes various subcommands.

      Basic bisect commands: start, bad, good
      ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

      Start a session with:

      ------------------------------------------------
      git bisect start
      Not a title
      -----------
      ------------------------------------------------

      Bisect log
      ^^^^^^^^^^

      ====
      Inside an example
      ~~~~~~~~~~~~~~~~~
      ====

      exit 1
      ------
      $ git bisect run
      ------

      OPTIONS
      -------
      --no-checkout::
      +
      Do not check out the new working tree.
      """;

  @Test
  void twoLineTitlesAreSectionsAtTheLevelOfTheirUnderline() {
    Outline outline = split(MANPAGE);
    assertEquals(Optional.of("git-bisect(1)"), outline.title());
    List<String> headings = outline.sections().stream().map(Section::heading).toList();
    assertEquals(
        List.of(
            "git-bisect(1)",
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "Basic bisect commands: start, bad, good",
            "Bisect log",
            "OPTIONS"),
        headings);
    assertEquals(
        List.of("DESCRIPTION", "Basic bisect commands: start, bad, good", "Bisect log"),
        outline.sections().get(5).headingPath());
    assertEquals(
        "git-bisect - Use binary search to find the commit that introduced a bug",
        outline.sections().get(1).text());
  }

  @Test
  void delimitersAndBlockContentAreNeverTwoLineTitles() {
    Outline outline = split(MANPAGE);
    String basic = outline.sections().get(4).text();
    assertTrue(basic.contains("git bisect start\nNot a title\n-----------"), basic);
    String log = outline.sections().get(5).text();
    assertTrue(log.contains("Inside an example ~~~~~~~~~~~~~~~~~"), log);
    assertTrue(log.contains("exit 1\n\n$ git bisect run"), log);
    String options = outline.sections().get(6).text();
    assertTrue(options.contains("Do not check out the new working tree."), options);
    for (Section section : outline.sections()) {
      String source = MANPAGE.substring(section.start(), section.end());
      assertTrue(source.startsWith(section.heading()), source);
    }
  }

  @Test
  void closingMarksAndInlineAnchorsAreNotPartOfTitles() {
    String text =
        "= Sparse checkout\n\n== Terminology ==\n\nWords.\n\n"
            + "GIT URLS[[URLS]]\n----------------\n\nURLs.\n";
    List<String> headings = split(text).sections().stream().map(Section::heading).toList();
    assertEquals(List.of("Sparse checkout", "Terminology", "GIT URLS"), headings);
  }

  /** A listing opened and never closed, as in git's api-config.txt before its fix. */
  private static final String UNCLOSED =
      """
      = Config API

      == Reading

      Call it like this:

      -------
      git_config(fn, data);
      --------

      == Writing

      Writing is done with `git_config_set`.

      [source,c]
      ----
      int main(void)
      == not a title: no blank line before it

      === Errors

      Errors are returned.

      Options
      ~~~~~~~

      Ends here.
      """;

  @Test
  void anUnclosedListingEndsBeforeTheNextSectionTitleWithAWarning() {
    Outline outline = split(UNCLOSED);
    List<String> headings = outline.sections().stream().map(Section::heading).toList();
    assertEquals(List.of("Config API", "Reading", "Writing", "Errors", "Options"), headings);
    String reading = outline.sections().get(1).text();
    assertTrue(reading.contains("git_config(fn, data);"), reading);
    assertFalse(reading.contains("--------"), reading);
    String writing = outline.sections().get(2).text();
    assertTrue(writing.contains("int main(void)\n== not a title"), writing);
    assertEquals("Errors are returned.", outline.sections().get(3).text());
    assertEquals("Ends here.", outline.sections().get(4).text());
    assertEquals(2, outline.warnings().size(), outline.warnings().toString());
    assertTrue(outline.warnings().get(0).startsWith("line 7: unterminated listing block"));
    assertTrue(outline.warnings().get(1).startsWith("line 16: unterminated listing block"));
    for (Section section : outline.sections()) {
      String source = UNCLOSED.substring(section.start(), section.end());
      assertTrue(source.contains(section.heading()), source);
      assertTrue(
          source.contains(section.text().substring(0, Math.min(10, section.text().length()))),
          source);
    }
  }

  @Test
  void anUnclosedExampleOrCommentBlockEndsBeforeTheNextSectionTitle() {
    String text =
        "= Blocks\n\n== One\n\n====\nExample text.\n\n== Two\n\nMore.\n\n"
            + "////\nhidden words\n\n== Three\n\nLast.\n";
    Outline outline = split(text);
    List<String> headings = outline.sections().stream().map(Section::heading).toList();
    assertEquals(List.of("One", "Two", "Three"), headings.subList(1, headings.size()));
    assertEquals("Example text.", outline.sections().get(1).text());
    assertEquals("More.", outline.sections().get(2).text());
    assertEquals("Last.", outline.sections().get(3).text());
    assertEquals(2, outline.warnings().size(), outline.warnings().toString());
  }

  @Test
  void aListingUnclosedInsideAnExampleEndsWithTheExample() {
    String text = "= B\n\n====\n----\ncode line\n====\n\n== After\n\nText.\n";
    Outline outline = split(text);
    List<String> headings = outline.sections().stream().map(Section::heading).toList();
    assertEquals(List.of("B", "After"), headings);
    assertEquals("code line", outline.sections().get(0).text());
    assertEquals("Text.", outline.sections().get(1).text());
  }

  @Test
  void labeledListTermsQuotesAndCharacterAttributesReadAsText() {
    String text =
        "git-add(1)\n==========\n\n"
            + "Using ``git commit -a''\n-----------------------\n\n"
            + "Add a new command, +git psuh+, see `Interactive mode' for details.\n\n"
            + "-i::\n--interactive::\n\tAdd contents interactively.\n\n"
            + "CPU:: The brain.\nRAM:: Memory.\n\n"
            + "a. The contribution was created by me.\nb. It is based on earlier work.\n\n"
            + "Other <rev>{caret} Parent Shorthand\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n\n"
            + "Shorthands such as HEAD{caret}{caret} and ModPerl::Registry stay.\n";
    Outline outline = split(text);
    List<String> headings = outline.sections().stream().map(Section::heading).toList();
    assertEquals(
        List.of("git-add(1)", "Using \"git commit -a\"", "Other <rev>^ Parent Shorthand"),
        headings);
    assertEquals(
        "Add a new command, git psuh, see 'Interactive mode' for details.\n\n-i\n\n"
            + "--interactive\n\nAdd contents interactively.\n\nCPU\n\nThe brain.\n\nRAM\n\n"
            + "Memory.\n\nThe contribution was created by me.\n\nIt is based on earlier work.",
        outline.sections().get(1).text());
    assertEquals(
        "Shorthands such as HEAD^^ and ModPerl::Registry stay.", outline.sections().get(2).text());
  }

  @Test
  void anIndentedLineOfDashesOpensNoBlock() {
    String text =
        "= Trivial merge\n\n== Rules\n\n   index   tree    result\n   -----------------------\n"
            + "   *       (empty) (empty)\n\nTwo-way merge\n-------------\n\nText.\n";
    Outline outline = split(text);
    List<String> headings = outline.sections().stream().map(Section::heading).toList();
    assertEquals(List.of("Trivial merge", "Rules", "Two-way merge"), headings);
    assertEquals(List.of(), outline.warnings());
  }
}
