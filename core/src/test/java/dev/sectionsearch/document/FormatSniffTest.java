package dev.sectionsearch.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sectionsearch.DocumentException;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling a format from content, for files whose name names none. */
class FormatSniffTest {
  @TempDir Path folder;

  @Test
  void htmlByItsOpeningTag() {
    assertEquals(Format.HTML, Format.sniff("<!DOCTYPE html>\n<html><title>T</title>"));
    assertEquals(Format.HTML, Format.sniff("\uFEFF  <HTML lang=\"en\"><body>x"));
    assertEquals(Format.HTML, Format.sniff("<?xml version=\"1.0\"?>\n<!-- saved page -->\n<html>"));
    // a text that mentions a tag is not a page
    assertEquals(Format.TEXT, Format.sniff("Write <html> at the top of the page.\n"));
  }

  @Test
  void markdownByItsHeadingsAndFences() {
    assertEquals(Format.MARKDOWN, Format.sniff("# Owls\n\nOwls hunt at night.\n"));
    assertEquals(
        Format.MARKDOWN, Format.sniff("Owls\n\n```sh\n# not a heading\nmake\n```\n\nDone.\n"));
    // a block of comment lines, a shebang and #include are not headings
    assertEquals(Format.TEXT, Format.sniff("# settings for owls\n# one per line\nnight=true\n"));
    assertEquals(Format.TEXT, Format.sniff("#!/bin/sh\necho owls\n#include <owl.h>\n"));
  }

  @Test
  void restructuredTextByItsAdornmentsAndDirectives() {
    assertEquals(
        Format.RESTRUCTUREDTEXT,
        Format.sniff("=====\nOwls\n=====\n\nOwls hunt.\n\nNight\n-----\n\nAt night.\n"));
    assertEquals(
        Format.RESTRUCTUREDTEXT, Format.sniff("Owls\n====\n\nHunting\n~~~~~~~\n\nAt night.\n"));
    assertEquals(
        Format.RESTRUCTUREDTEXT,
        Format.sniff("Owls\n====\n\n.. note::\n\n   Owls hunt at night.\n"));
    assertEquals(Format.RESTRUCTUREDTEXT, Format.sniff(".. _owls:\n\nOwls\n====\n\nThey hunt.\n"));
  }

  @Test
  void asciidocByItsTitles() {
    assertEquals(Format.ASCIIDOC, Format.sniff("= Owls\nDoc Writer\n\n== Hunting\n\nAt night.\n"));
    assertEquals(
        Format.ASCIIDOC,
        Format.sniff("Intro.\n\n== Hunting\n\nAt night.\n\n== Sleeping\n\nBy day.\n"));
  }

  @Test
  void textUnlessContentShowsMarkup() {
    assertEquals(Format.TEXT, Format.sniff("Owls\n\nOwls hunt at night. See also: mice.\n"));
    // underlines of "=" and "-" alone: the plain-text sectioner reads them as headings
    assertEquals(Format.TEXT, Format.sniff("Owls\n====\n\nThey hunt.\n\nNight\n-----\n\nDark.\n"));
    assertEquals(Format.TEXT, Format.sniff(""));
  }

  @Test
  void aFileIsReadInTheFormatItsContentShows() throws IOException {
    Path readme =
        Files.writeString(folder.resolve("README"), "# Owls\n\n## Hunting\n\nAt night.\n");
    Document document = Document.fromFileSniffingFormat(readme, 1 << 20);
    assertEquals(Format.MARKDOWN, document.format().orElseThrow());
    assertEquals("Owls", Sectioning.split(document).title());
    assertEquals(List.of("Hunting"), Sectioning.split(document).sections().get(0).headingPath());
  }

  @Test
  void aPageWithoutAnExtensionKeepsItsDeclaredCharset() throws IOException {
    Path page = folder.resolve("page");
    Files.write(
        page,
        "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9</title></head><body><h1>Caf\u00e9</h1><p>Owls.</p></body></html>"
            .getBytes(Charset.forName("windows-1252")));
    Document document = Document.fromFileSniffingFormat(page, 1 << 20);
    assertEquals(Format.HTML, document.format().orElseThrow());
    assertEquals("Caf\u00e9", Sectioning.split(document).title());
  }

  @Test
  void aKnownExtensionWinsAndBinaryIsRefusedByName() throws IOException {
    Path notes = Files.writeString(folder.resolve("notes.txt"), "# Not markdown here\n\nText.\n");
    assertEquals(
        Format.TEXT, Document.fromFileSniffingFormat(notes, 1 << 20).format().orElseThrow());
    Path binary = Files.write(folder.resolve("owl.bin"), new byte[] {'O', 0, 'w', 'l'});
    DocumentException e =
        assertThrows(
            DocumentException.class, () -> Document.fromFileSniffingFormat(binary, 1 << 20));
    assertEquals(true, e.getMessage().contains("owl.bin"), e.getMessage());
  }
}
