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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * reStructuredText: titles by adornment, levels by order of appearance, docinfo as metadata, and
 * nothing indented, commented or literal ever a heading. The inputs are shaped on the Python and
 * Linux documentation sources.
 */
class RstSectionerTest {
  private static Outline split(String text) {
    return new RstSectioner().split(text);
  }

  private static SectionedDocument sectioned(String text) {
    return Sectioning.split(Document.builder("doc").text(text, Format.RESTRUCTUREDTEXT).build());
  }

  private static List<String> headings(Outline outline) {
    return outline.sections().stream().map(Section::heading).toList();
  }

  private static final String JSON_PAGE =
      """
      :mod:`!json` --- JSON encoder and decoder
      =========================================

      .. module:: json
         :synopsis: Encode and decode the JSON format.

      .. moduleauthor:: Bob Ippolito <bob@redivi.com>

      **Source code:** :source:`Lib/json/__init__.py`

      JSON, specified by :rfc:`7159` and :pep:`101`, is a lightweight format.
      See :func:`~json.dumps` and `the spec <https://json.org>`_.

      Basic Usage
      -----------

      .. function:: dumps(obj, *, skipkeys=False, \\
                          indent=None)

         Serialize *obj* to a JSON formatted :class:`str`.

      Using ``parse_float``::

          >>> json.loads('1.1', parse_float=decimal.Decimal)
          Decimal('1.1')
          Heading in code
          ---------------

      .. note::

         Keys in key/value pairs of JSON are always of the type str.

         Not a heading
         -------------

      Encoders and Decoders
      ---------------------

      .. class:: JSONDecoder(*, object_hook=None)

         Simple JSON decoder.
      """;

  @Test
  void titlesWithUnderlinesStartSectionsAndTheFirstIsTheDocumentTitle() {
    Outline outline = split(JSON_PAGE);
    assertEquals(Optional.of("json --- JSON encoder and decoder"), outline.title());
    assertEquals(
        List.of("json --- JSON encoder and decoder", "Basic Usage", "Encoders and Decoders"),
        headings(outline));
    // the lone top-level title is the document's, above its sections
    assertEquals(List.of("Basic Usage"), outline.sections().get(1).headingPath());
  }

  @Test
  void codeLiteralBlocksAndDirectiveBodiesAreTextButNeverHeadings() {
    Outline outline = split(JSON_PAGE);
    String usage = outline.sections().get(1).text();
    assertTrue(usage.contains(">>> json.loads('1.1', parse_float=decimal.Decimal)"), usage);
    assertTrue(usage.contains("Heading in code"), usage);
    assertTrue(usage.contains("Keys in key/value pairs of JSON"), usage);
    assertTrue(usage.contains("Not a heading"), usage);
    assertTrue(usage.contains("Using parse_float:"), usage);
    assertTrue(usage.contains("dumps(obj, *, skipkeys=False, indent=None)"), usage);
    assertFalse(usage.contains("::"), usage);
    assertFalse(headings(outline).contains("Decimal)"));
  }

  @Test
  void rolesReadAsTheirText() {
    String intro = split(JSON_PAGE).sections().get(0).text();
    assertTrue(intro.contains("specified by RFC 7159 and PEP 101, is a lightweight"), intro);
    assertTrue(intro.contains("See dumps and the spec."), intro);
    assertTrue(intro.contains("Source code: Lib/json/__init__.py"), intro);
    assertFalse(intro.contains("synopsis"), intro);
    assertFalse(intro.contains("Ippolito"), intro);
  }

  @Test
  void overAndUnderlinedTitlesAndLevelsByOrderOfAppearance() {
    Outline outline =
        split(
            """
            =============
            Logging HOWTO
            =============

            :Author: Vinay Sajip <vinay_sajip at red-dove dot com>
            :Date: 2024-03-01
            :Release: 1.2

            Basic Tutorial
            --------------

            Logging tracks events.

            When to use logging
            ^^^^^^^^^^^^^^^^^^^

            Use it often.

            Advanced Tutorial
            -----------------

            Loggers and handlers.
            """);
    assertEquals(Optional.of("Logging HOWTO"), outline.title());
    assertEquals(Optional.of("2024-03-01"), outline.dateText());
    assertEquals(
        List.of("Vinay Sajip <vinay_sajip at red-dove dot com>"), outline.metadata().get("author"));
    assertEquals(List.of("1.2"), outline.metadata().get("release"));
    List<List<String>> paths = outline.sections().stream().map(Section::headingPath).toList();
    assertEquals(
        List.of(
            List.of("Logging HOWTO"),
            List.of("Basic Tutorial"),
            List.of("Basic Tutorial", "When to use logging"),
            List.of("Advanced Tutorial")),
        paths);
    assertFalse(outline.sections().get(0).text().contains("Vinay"));
  }

  @Test
  void commentsAreNotTextAndGiveNoDate() {
    SectionedDocument document =
        sectioned(
            """
            .. SPDX-License-Identifier: GPL-2.0

            ===================
            Serial Programming
            ===================

            .. revised by ESR, January 2000
               and again in March 2001

            Serial ports are old.

            ..
               a comment of many lines
               with no text on its first line

            They still work.
            """);
    assertEquals("Serial Programming", document.title());
    assertEquals(Optional.empty(), document.date());
    String text = document.sections().get(0).text();
    assertEquals("Serial ports are old.\n\nThey still work.", text);
  }

  @Test
  void linuxAuthorsListGivesOneValueEach() {
    Outline outline =
        split(
            """
            ======
            Driver
            ======

            :Authors: - T. Long Nguyen <tom@example.com>
                      - Yanmin Zhang <yanmin@example.com>

            :Copyright: |copy| 2006 Intel Corporation

            Overview
            ========

            Text.
            """);
    assertEquals(
        List.of("T. Long Nguyen <tom@example.com>", "Yanmin Zhang <yanmin@example.com>"),
        outline.metadata().get("author"));
    assertEquals(List.of("copy 2006 Intel Corporation"), outline.metadata().get("copyright"));
  }

  @Test
  void aFieldListAfterTheBodyIsText() {
    Outline outline = split("Title\n=====\n\nSome text.\n\n:Note: this is text\n");
    assertTrue(outline.metadata().isEmpty());
    assertTrue(outline.sections().get(0).text().contains("Note: this is text"));
  }

  @Test
  void hiddenDirectivesTargetsAndSubstitutionsGiveNoText() {
    Outline outline =
        split(
            """
            Guide
            =====

            .. toctree::
               :maxdepth: 2

               intro
               usage

            .. _a-target:

            .. |version| replace:: 3.12

            .. index:: single: logging

            .. include:: ../other.rst

            Real text here.
            """);
    assertEquals("Real text here.", outline.sections().get(0).text());
  }

  @Test
  void headingsWithoutTextUnderThemFoldIntoTheirSubsections() {
    SectionedDocument document =
        sectioned(
            """
            Guide
            =====

            Overview
            --------

            About this guide
            ~~~~~~~~~~~~~~~~

            It describes things.

            User Guide
            ----------

            Usage
            ~~~~~

            Use it.
            """);
    List<String> headings = document.sections().stream().map(Section::heading).toList();
    assertEquals(List.of("About this guide", "Usage"), headings);
    assertEquals(List.of("Overview", "About this guide"), document.sections().get(0).headingPath());
    assertEquals(0, document.sections().get(0).ordinal());
    assertEquals(1, document.sections().get(1).ordinal());
  }

  @Test
  void sectionRangesHoldTheirHeadingAndText() {
    String text = "Intro text.\n\nPart\n====\n\nBody of part.\n\nNext\n====\n\nMore.\n";
    Outline outline = split(text);
    for (Section section : outline.sections()) {
      String source = text.substring(section.start(), section.end());
      assertTrue(source.startsWith(section.heading()), source);
      assertTrue(source.contains(section.text()), source);
    }
  }

  @Test
  void gridTablesKeepTheirWordsButNotTheirBorders() {
    Outline outline =
        split(
            """
            Levels
            ======

            +--------------+-------------+
            | Task         | Tool        |
            +==============+=============+
            | Display      | print       |
            +--------------+-------------+
            """);
    String text = outline.sections().get(0).text();
    assertTrue(text.contains("Display print"), text);
    assertFalse(text.contains("+--"), text);
  }

  @ParameterizedTest
  @CsvSource({
    "a.rst, RESTRUCTUREDTEXT",
    "b.rest, RESTRUCTUREDTEXT",
    "library/json.rst.txt, RESTRUCTUREDTEXT",
    "notes.RST.TXT, RESTRUCTUREDTEXT",
    "page.rst.gz, RESTRUCTUREDTEXT",
    "notes.txt, TEXT"
  })
  void fileNamesChooseTheFormat(String name, Format format) {
    assertEquals(Optional.of(format), Format.fromFileName(Path.of(name)));
  }

  @Test
  void docinfoDateBecomesTheDocumentDate() {
    SectionedDocument document = sectioned("Notes\n=====\n\n:Date: 2001-02-03\n\nText.\n");
    assertEquals(Optional.of(LocalDate.of(2001, 2, 3)), document.date());
  }

  /** The text of a one-section document, titled "T". */
  private static String body(String rst) {
    return split("Title\n=====\n\n" + rst).sections().get(0).text();
  }

  @Test
  void rolesAfterPunctuationAndAtALineStartReadAsTheirText() {
    String text = body("Call it (see os.:func:`open`).\n:meth:`x.close` ends it.\n");
    assertEquals("Call it (see os.open). x.close ends it.", text);
  }

  @Test
  void aLiteralBlockInAListItemEndsAtTheItemsTextColumn() {
    String text =
        body(
            "- Hash lists by their address; e.g.::\n\n"
                + "     mydict = {[1, 2]: '12'}\n\n"
                + "  would raise a :exc:`KeyError` exception.\n");
    assertTrue(text.contains("mydict = {[1, 2]: '12'}"), text);
    assertTrue(text.endsWith("would raise a KeyError exception."), text);
  }

  @Test
  void aLiteralBlockInADirectiveBodyEndsAtTheBodysIndent() {
    String text =
        body(
            ".. note::\n   You could emulate :c:func:`Py_CLEAR` by writing::\n\n"
                + "      tmp = self->first;\n\n"
                + "   Nevertheless, always use :c:func:`Py_CLEAR` when deleting.\n");
    assertTrue(text.contains("emulate Py_CLEAR by writing:"), text);
    assertTrue(text.endsWith("Nevertheless, always use Py_CLEAR when deleting."), text);
  }

  @Test
  void aListTableCellsTextGoesOnPastItsNestedBullets() {
    String text =
        body(
            ".. list-table::\n\n"
                + "    * - :meth:`transport.get_write_buffer_size()\n"
                + "        <WriteTransport.get_write_buffer_size>`\n"
                + "      - Return the current size of the output buffer.\n");
    assertEquals(
        "transport.get_write_buffer_size()\n\nReturn the current size of the output buffer.", text);
  }

  @Test
  void aFootnotesFirstParagraphGoesOnInItsIndentedLines() {
    String text =
        body(
            ".. [1] Originally added in 3.4 as a :term:`provisional module <provisional\n"
                + "       package>`.  Docs moved to :ref:`compat32_message`.\n");
    assertEquals(
        "Originally added in 3.4 as a provisional module. Docs moved to compat32_message.", text);
  }

  @Test
  void aFlatTablesTitleIsProse() {
    String text =
        body(".. flat-table:: Video Standards (based on :ref:`itu470`)\n    :header-rows:  1\n");
    assertEquals("Video Standards (based on itu470)", text);
  }

  @Test
  void listItemsReadWithoutTheirBulletsAndNumbers() {
    String text =
        body(
            "* first item\n  goes on\n- second\n+ third\n\n#. auto\n#. numbered\n\n"
                + "1. one\n2) two\n(3) three\nA. letter\niv. roman\n\n"
                + "Mr. Smith starts a paragraph.\n");
    assertEquals(
        "first item goes on\n\nsecond\n\nthird\n\nauto\n\nnumbered\n\none\n\ntwo\n\nthree"
            + "\n\nletter\n\nroman\n\nMr. Smith starts a paragraph.",
        text);
  }

  @Test
  void tabbedItemsFieldsInItemsAndTableCellsReadAsText() {
    String text =
        body(
            "0.\tIs RCU being applied to a read-mostly situation?  If the data\n"
                + "\tstructure is updated often, use another approach.\n\n"
                + "- :Title: BIOS and Kernel Developer's Guide\n\n"
                + "+------------------------------+-----+\n"
                + "| .. c:macro:: PyBUF_INDIRECT  | yes |\n"
                + "+------------------------------+-----+\n"
                + "| #. CPU 0 has been idle       | no  |\n"
                + "+------------------------------+-----+\n");
    assertEquals(
        "Is RCU being applied to a read-mostly situation? If the data structure is updated often,"
            + " use another approach.\n\nTitle: BIOS and Kernel Developer's Guide\n\n"
            + "PyBUF_INDIRECT yes\n\nCPU 0 has been idle no",
        text);
  }
}
