package dev.sectionsearch.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.passage.Highlight;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A word is found by its plain spelling however Unicode encodes it, in the text or the query, and
 * its highlight still covers it in the stored text.
 */
class SectionAnalyzerTest {
  private static final Analyzer ANALYZER = new SectionAnalyzer();

  /** Each term of a text with the stretch of the original text its offsets point at. */
  private static List<String> termsAndSpans(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = ANALYZER.tokenStream("body", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term + "=" + text.substring(offset.startOffset(), offset.endOffset()));
      }
      stream.end();
    }
    return out;
  }

  @Test
  void aDecomposedAccentIsFoundByTheComposedWord() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(Document.builder("d").section("Menu", "A small cafe\u0301 by the river.").build());
      index.commit();
      SearchHit hit = index.search("café").hits().get(0);
      assertEquals("cafe\u0301", highlighted(hit.passages().get(0)).get(0));
      assertEquals(1, index.search("cafe\u0301").totalHits());
      assertEquals(1, index.search("caf\u00e9*").totalHits());
      assertEquals(1, index.search("cafe\u0301*").totalHits());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00ad", "\u200d", "\u200c", "\u2060", "\u202e", "\u200b", "\ufeff"})
  void aWordTouchingAFormatCharacterIsFoundByItsPlainSpelling(String format) {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(
          Document.builder("d")
              .section(
                  "Notes", "Kes" + format + "trels and " + format + "falcons" + format + " hover.")
              .build());
      index.commit();
      if (!format.equals("\u200b")) {
        // inside a word it joins the word; a zero-width space splits it, as it should
        assertEquals(1, index.search("kestrels").totalHits(), "inside a word");
      }
      SearchHit hit = index.search("falcons").hits().get(0);
      assertTrue(highlighted(hit.passages().get(0)).get(0).contains("falcons"));
    }
  }

  @Test
  void offsetsPointAtTheOriginalTextOfEachWord() throws IOException {
    assertEquals(
        List.of(
            "small=small", "café=cafe\u0301", "hyphen=hy\u00adphen", "fine=\ufb01ne", "end=end"),
        termsAndSpans("small cafe\u0301 hy\u00adphen \ufb01ne end"));
  }

  @Test
  void textWithoutAnythingToNormaliseAnalysesAsEnglishAnalysisDoes() throws IOException {
    String text = "The owls' nests were hunted by \"foxes\" at 10:45, e-mail owl@example.org.";
    Analyzer english = new org.apache.lucene.analysis.en.EnglishAnalyzer();
    List<String> expected = new ArrayList<>();
    try (TokenStream stream = english.tokenStream("body", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        expected.add(term + "=" + text.substring(offset.startOffset(), offset.endOffset()));
      }
      stream.end();
    }
    assertEquals(expected, termsAndSpans(text));
  }

  /**
   * Seeded random words, each written composed, decomposed or with format characters inside, in a
   * text long enough to cross the filter's read chunks: every word is found by its plain composed
   * spelling and its offsets cover exactly the word as written.
   */
  @Test
  void randomlyEncodedWordsAreFoundWithExactOffsets() throws IOException {
    long seed = Long.getLong("unicode.seed", System.nanoTime());
    System.out.println("SectionAnalyzerTest seed: -Dunicode.seed=" + seed);
    Random random = new Random(seed);
    String[] words = {"café", "naïve", "résumé", "über", "señor", "façade", "kestrel", "piñata"};
    String[] formats = {"\u00ad", "\u200d", "\u200c", "\u2060", "\u202e", "\ufeff"};
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String word = words[random.nextInt(words.length)];
      String written =
          switch (random.nextInt(3)) {
            case 0 -> word;
            case 1 -> Normalizer.normalize(word, Normalizer.Form.NFD);
            default -> {
              int at = 1 + random.nextInt(word.length() - 1);
              yield word.substring(0, at)
                  + formats[random.nextInt(formats.length)]
                  + word.substring(at);
            }
          };
      text.append(written).append(random.nextBoolean() ? " " : "\n");
      expected.add(stem(word) + "=" + written);
    }
    assertEquals(expected, termsAndSpans(text.toString()), "seed " + seed);
  }

  /**
   * Compatibility characters that NFKC expands to several (a fuzzing finding: U+32C9 is "10" and a
   * month sign; "x\u32c9" made a word end before it started) keep every offset inside the text and
   * in order, whatever surrounds them.
   */
  @Test
  void expandingCharactersKeepOffsetsInOrder() throws IOException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String[] pieces = {
      "\u32c9",
      "\ufb01",
      "\u2474",
      "\u3300",
      "\ufdfa",
      "\u00bd",
      "\u01c6",
      "e\u0301",
      "\u00ad",
      "\u200d",
      "\u200b",
      "x",
      "10",
      " ",
      "q\u0001",
      "\ud946\udc61",
      "\u0561"
    };
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i >= 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      try (TokenStream stream = ANALYZER.tokenStream(IndexSchema.CONTENT, text.toString())) {
        OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
        stream.reset();
        int previousStart = 0;
        while (stream.incrementToken()) {
          assertTrue(
              offset.startOffset() >= previousStart
                  && offset.startOffset() <= offset.endOffset()
                  && offset.endOffset() <= text.length(),
              "seed "
                  + seed
                  + ": "
                  + offset.startOffset()
                  + "-"
                  + offset.endOffset()
                  + " in "
                  + text.codePoints().mapToObj(Integer::toHexString).toList());
          previousStart = offset.startOffset();
        }
        stream.end();
      } catch (IllegalArgumentException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + " in " + text, e);
      }
    }
  }

  private static String stem(String word) throws IOException {
    try (TokenStream stream = ANALYZER.tokenStream("body", word)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      stream.incrementToken();
      String stemmed = term.toString();
      stream.end();
      return stemmed;
    }
  }

  private static List<String> highlighted(Passage passage) {
    List<String> words = new ArrayList<>();
    for (Highlight highlight : passage.highlights()) {
      words.add(passage.text().substring(highlight.start(), highlight.end()));
    }
    return words;
  }
}
