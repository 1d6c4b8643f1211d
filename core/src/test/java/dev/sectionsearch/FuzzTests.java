package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer) of each format's sectioner and of query parsing. Without {@code
 * JAZZER_FUZZ=1} each test replays its saved inputs as a regression test; with it, the first test
 * selected is fuzzed for its {@code maxDuration} (see docs/reliability.md).
 *
 * <p>Invariants: only the library's documented exceptions escape; section ordinals count from 0;
 * section ranges lie inside the input, in order, without overlapping; for plain text, every visible
 * character of a section comes from the input.
 */
@Tag("slow") // Jazzer replay starts an instrumenting agent; runs in verify
class FuzzTests {
  private static final SectionIndex INDEX = seededIndex();

  private static SectionIndex seededIndex() {
    SectionIndex index = SectionIndex.inMemory();
    index.add(Document.builder("a").section("Owls", "The barn owl hunts at night.").build());
    index.add(Document.builder("b").section("Hawks", "Red hawks hunt by day, alpha beta.").build());
    index.commit();
    return index;
  }

  @FuzzTest(maxDuration = "30s")
  void plainTextSectioningKeepsItsInvariants(@NotNull String text) {
    checkSectioning(text, Format.TEXT, true);
  }

  @FuzzTest(maxDuration = "30s")
  void markdownSectioningKeepsItsInvariants(@NotNull String text) {
    checkSectioning(text, Format.MARKDOWN, false);
  }

  @FuzzTest(maxDuration = "30s")
  void htmlSectioningKeepsItsInvariants(@NotNull String text) {
    checkSectioning(text, Format.HTML, false);
  }

  @FuzzTest(maxDuration = "30s")
  void restructuredTextSectioningKeepsItsInvariants(@NotNull String text) {
    checkSectioning(text, Format.RESTRUCTUREDTEXT, false);
  }

  @FuzzTest(maxDuration = "30s")
  void asciiDocSectioningKeepsItsInvariants(@NotNull String text) {
    checkSectioning(text, Format.ASCIIDOC, false);
  }

  @FuzzTest(maxDuration = "30s")
  void queriesGiveResultsOrAQueryException(@NotNull String query) {
    try {
      long total = INDEX.search(SearchRequest.of(query).withLimit(5)).totalHits();
      assertTrue(total >= 0);
    } catch (QueryException e) {
      assertTrue(e.getMessage().startsWith("query \""), e.getMessage());
    }
  }

  /**
   * An HTML file whose {@code <meta charset>} label and bytes are fuzzed: it is read (by the label
   * when the Encoding Standard knows it, else as UTF-8 or Windows-1252) or refused naming the file,
   * and no control character reaches its title or headings.
   */
  @FuzzTest(maxDuration = "30s")
  void htmlCharsetLabelsDecodeOrFailNamingTheFile(@NotNull String label, byte @NotNull [] body)
      throws IOException {
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    html.writeBytes(
        ("<html><head><meta charset=\"" + label + "\"><title>").getBytes(StandardCharsets.UTF_8));
    html.writeBytes(body);
    html.writeBytes("</title></head><body><h1>Heading ".getBytes(StandardCharsets.UTF_8));
    html.writeBytes(body);
    html.writeBytes("</h1><p>text</p></body></html>".getBytes(StandardCharsets.UTF_8));
    Path file = Files.createTempFile("fuzz", ".html");
    try {
      Files.write(file, html.toByteArray());
      SectionedDocument document;
      try {
        document = Sectioning.split(Document.fromFile(file));
      } catch (DocumentException e) {
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        return;
      }
      assertNoControlCharacters(document.title());
      document.sections().forEach(section -> assertNoControlCharacters(section.heading()));
    } finally {
      Files.delete(file);
    }
  }

  /**
   * Markdown and HTML with fuzzed text: every passage of a search for one of its words cites a
   * source range inside its section that holds the passage's words in order, or the whole section.
   */
  @FuzzTest(maxDuration = "30s")
  void passagesCiteARangeOfTheSourceThatHoldsThem(@NotNull String text, boolean html) {
    Format format = html ? Format.HTML : Format.MARKDOWN;
    String source =
        html ? "<h1>Notes</h1><p>" + text + " kestrel</p>" : "# Notes\n\n" + text + " kestrel\n";
    try (SectionIndex index = SectionIndex.inMemory()) {
      try {
        index.add(Document.builder("fuzz").text(source, format).build());
      } catch (DocumentException e) {
        assertEquals("fuzz", e.document());
        return;
      }
      index.commit();
      for (SearchHit hit : index.search(SearchRequest.of("kestrel").withMaxPassages(3)).hits()) {
        for (Passage passage : hit.passages()) {
          // a section with no text of its own shows its first subsection's opening, after it
          boolean subsection = passage.start() == passage.end() && passage.highlights().isEmpty();
          assertTrue(
              subsection
                  ? passage.sourceStart() >= hit.end() && passage.sourceEnd() <= source.length()
                  : passage.sourceStart() >= hit.start() && passage.sourceEnd() <= hit.end(),
              "inside its section: " + passage);
          if (subsection) {
            continue;
          }
          boolean whole = passage.sourceStart() == hit.start() && passage.sourceEnd() == hit.end();
          // entities and escapes spell a word otherwise than the text does
          if (!whole && source.indexOf('&') < 0 && source.indexOf('\\') < 0) {
            String cited =
                source
                    .substring(passage.sourceStart(), passage.sourceEnd())
                    .replaceAll("<[^>]*>", "")
                    .toLowerCase(Locale.ROOT);
            assertTrue(
                cited.contains("kestrel")
                    || !passage.text().toLowerCase(Locale.ROOT).contains("kestrel"),
                "a passage with the word cites a range with it: " + passage);
          }
        }
      }
    }
  }

  private static void assertNoControlCharacters(String text) {
    text.codePoints()
        .forEach(
            c ->
                assertTrue(
                    !Character.isISOControl(c) || c == '\t' || c == '\n',
                    "control character " + c + " in " + text));
  }

  private static void checkSectioning(String text, Format format, boolean charactersFromInput) {
    SectionedDocument document;
    try {
      document = Sectioning.split(Document.builder("fuzz").text(text, format).build());
    } catch (DocumentException e) {
      assertEquals("fuzz", e.document());
      return;
    }
    List<Section> sections = document.sections();
    assertTrue(!sections.isEmpty(), "a split document has sections");
    Set<Integer> inputCharacters = new HashSet<>();
    text.codePoints().forEach(inputCharacters::add);
    int previousEnd = 0;
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      assertEquals(i, section.ordinal());
      assertTrue(section.end() <= text.length(), "range inside the input: " + section);
      assertTrue(section.start() >= previousEnd, "ranges in order, not overlapping: " + section);
      previousEnd = section.end();
      if (charactersFromInput) {
        section
            .text()
            .codePoints()
            .filter(c -> !Character.isWhitespace(c))
            .forEach(
                c -> assertTrue(inputCharacters.contains(c), "character " + c + " not in input"));
      }
    }
  }
}
