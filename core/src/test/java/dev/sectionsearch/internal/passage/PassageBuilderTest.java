package dev.sectionsearch.internal.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The passages a hit carries: sentence-bounded, whole words, matches merged. */
class PassageBuilderTest {
  private static SearchHit search(String body, SearchRequest request) {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(Document.builder("d").section("Notes", body).build());
      index.commit();
      return index.search(request).hits().get(0);
    }
  }

  private static SearchHit search(String body, String query) {
    return search(body, SearchRequest.of(query));
  }

  @Test
  void adjacentMatchedWordsAreOneHighlight() {
    SearchHit hit = search("A barn owl nested in the old mill.", "owl barn");
    assertEquals(List.of("barn owl"), hit.passages().get(0).highlightedTexts());
  }

  @Test
  void aPassageIsWholeSentencesAroundTheMatch() {
    String filler = "Gulls follow the fishing boats out of the harbour every morning. ";
    String body = filler.repeat(5) + "The barn owl hunts at night. " + filler.repeat(5);
    String text = search(body, "owl").passages().get(0).text();
    assertTrue(text.contains("The barn owl hunts at night."), text);
    assertTrue(text.startsWith("Gulls") || text.startsWith("The barn"), text);
    assertTrue(text.endsWith("."), text);
    assertTrue(text.length() < body.length() / 2, text);
  }

  @Test
  void aLongSentenceIsTrimmedAtSpacesAroundTheMatch() {
    String body =
        "Filler words run on "
            + "and on ".repeat(100)
            + "until the owl appears "
            + "and on ".repeat(100)
            + "to the end.";
    Passage passage = search(body, "owl").passages().get(0);
    assertTrue(passage.text().length() <= PassageBuilder.MAX_CHARS, passage.text());
    assertTrue(passage.highlightedTexts().contains("owl"));
    assertEquals(body.substring(passage.start(), passage.end()), passage.text());
    assertTrue(passage.start() == 0 || body.charAt(passage.start() - 1) == ' ');
    assertTrue(passage.end() == body.length() || body.charAt(passage.end()) == ' ');
  }

  @Test
  void passagesComeInReadingOrderUpToTheLimit() {
    String body =
        "The owl woke. "
            + "Nothing happened for a long while in the quiet barn. ".repeat(10)
            + "The owl flew off.";
    List<Passage> passages = search(body, SearchRequest.of("owl").withMaxPassages(2)).passages();
    assertEquals(2, passages.size());
    assertTrue(passages.get(0).start() < passages.get(1).start());
  }

  @Test
  void zeroPassagesCanBeAskedFor() {
    SearchHit hit = search("The owl woke.", SearchRequest.of("owl").withMaxPassages(0));
    assertTrue(hit.passages().isEmpty());
  }
}
