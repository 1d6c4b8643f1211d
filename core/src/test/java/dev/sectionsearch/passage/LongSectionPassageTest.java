package dev.sectionsearch.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Passages of sections far longer than a screen: the match is found wherever it is. */
class LongSectionPassageTest {
  private static final String FILLER =
      "Gulls follow the fishing boats out of the harbour every morning. ";

  private static SearchHit search(String body, SearchRequest request) {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(Document.builder("d").section("Notes", body).build());
      index.commit();
      return index.search(request).hits().get(0);
    }
  }

  @Test
  void aMatchInTheLastSentenceOfA93000CharacterSectionIsThePassage() {
    String last = "The barn owl nests in the old mill.";
    String body = FILLER.repeat(93_000 / FILLER.length() + 1) + last;
    assertTrue(body.length() > 93_000);
    Passage passage = search(body, SearchRequest.of("owl")).passages().get(0);
    assertTrue(passage.text().endsWith(last), passage.text());
    assertEquals(List.of("owl"), passage.highlightedTexts());
    assertEquals(body.length(), passage.end());
  }

  @Test
  void everyHighlightIsAQueryWordInsideItsPassage() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<String> words = List.of("gull", "boat", "harbour", "morning", "owl", "barn", "mill");
    StringBuilder body = new StringBuilder();
    while (body.length() < 60_000) {
      int sentence = 3 + random.nextInt(random.nextInt(10) == 0 ? 200 : 20);
      for (int i = 0; i < sentence; i++) {
        body.append(random.nextInt(6) == 0 ? words.get(random.nextInt(words.size())) : "sea");
        body.append(i + 1 < sentence ? " " : ". ");
      }
    }
    String text = body.toString().strip();
    Set<String> query = Set.of("owl", "mill");
    SearchHit hit = search(text, SearchRequest.of("owl mill").withMaxPassages(10));
    assertTrue(!hit.passages().isEmpty(), "seed " + seed);
    for (Passage passage : hit.passages()) {
      assertEquals(text.substring(passage.start(), passage.end()), passage.text(), "seed " + seed);
      for (String highlighted : passage.highlightedTexts()) {
        for (String word : highlighted.toLowerCase(Locale.ROOT).split(" ", -1)) {
          assertTrue(query.contains(word), "seed " + seed + ": highlighted " + highlighted);
        }
      }
    }
  }

  /**
   * The time to find passages grows with the section's length, not its square: a section 8 times
   * longer, with 8 times the matches, takes well under 64 times as long. Shapes: a match every few
   * sentences, one endless sentence, and nothing but matches. Measured in this thread's CPU time,
   * best of five after a warm-up, so that other processes on a loaded machine do not count.
   */
  @ParameterizedTest
  @ValueSource(strings = {FILLER + FILLER + FILLER + "The owl flew. ", "and on and owl ", "owl "})
  @Tag("slow")
  void passageCostGrowsLinearlyWithSectionLength(String unit) {
    int repeats = 50_000 / unit.length();
    try (SectionIndex small = indexOf(unit.repeat(repeats));
        SectionIndex large = indexOf(unit.repeat(8 * repeats))) {
      bestCpuNanos(small);
      bestCpuNanos(large);
      long smallNanos = bestCpuNanos(small);
      long largeNanos = bestCpuNanos(large);
      assertTrue(
          largeNanos < smallNanos * 24,
          "8x longer took " + (double) largeNanos / smallNanos + "x as long: quadratic?");
    }
  }

  private static SectionIndex indexOf(String body) {
    SectionIndex index = SectionIndex.inMemory();
    index.add(Document.builder("d").section("Notes", body).build());
    index.commit();
    return index;
  }

  private static long bestCpuNanos(SectionIndex index) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    SearchRequest request = SearchRequest.of("owl").withMaxPassages(10);
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = threads.getCurrentThreadCpuTime();
      index.search(request);
      best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
    }
    return best;
  }
}
