package dev.sectionsearch.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import java.util.List;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** How offsets in a section's cleaned text map back to its source. */
class SourceMapTest {
  private static String cite(String source, Format format, String text, String passage) {
    Section section = new Section("", List.of(), 0, text, 0, source.length());
    BytesRef map = SourceMap.align(source, format, section);
    int start = text.indexOf(passage);
    int[] range =
        SourceMap.toSource(map, text, start, start + passage.length(), 0, source.length());
    return source.substring(range[0], range[1]);
  }

  @Test
  void plainTextMapsWordForWordAcrossReSpacing() {
    String source = "Owls  hunt\n   at night. Bats sleep.";
    String text = "Owls hunt at night. Bats sleep.";
    assertEquals("hunt\n   at night.", cite(source, Format.TEXT, text, "hunt at night."));
  }

  @Test
  void htmlRangesHoldTheirMarkupAndSkipTagsThatRepeatTheirWords() {
    String source = "<p class=\"night\">Owls <b>hunt</b> at night &amp; day.</p><p>Next.</p>";
    String text = "Owls hunt at night & day.\nNext.";
    assertEquals(
        "Owls <b>hunt</b> at night &amp; day.",
        cite(source, Format.HTML, text, "Owls hunt at night & day."));
    assertEquals("night", cite(source, Format.HTML, text, "night"));
  }

  @Test
  void markdownLinkTargetsAreNotTakenForText() {
    String source = "See [the guide](https://x.org/install/owls) to install owls.";
    String text = "See the guide to install owls.";
    assertEquals("install owls.", cite(source, Format.MARKDOWN, text, "install owls."));
  }

  @Test
  void aRangeWithoutAnyFoundWordCitesTheWholeSection() {
    String source = "caf&eacute;";
    String text = "café";
    assertEquals(source, cite(source, Format.HTML, text, "café"));
  }

  @Test
  void exactMapsOfSectionsGivenInCodeShiftByTheirStart() {
    BytesRef map = SourceMap.exact(10, 20);
    int[] range = SourceMap.toSource(map, null, 5, 9, 0, 30);
    assertEquals(15, range[0]);
    assertEquals(19, range[1]);
  }
}
