package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.sectioning.Sectioning;
import java.util.HashSet;
import java.util.List;
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
