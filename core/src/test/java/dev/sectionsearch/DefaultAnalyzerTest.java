package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sectionsearch.document.Document;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The default analysis is public, so that an application can analyse text as its index does. */
class DefaultAnalyzerTest {
  private static List<String> terms(Analyzer analyzer, String text) throws IOException {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    }
    return terms;
  }

  @Test
  void stemsDropsStopWordsAndNormalisesUnicode() throws IOException {
    try (Analyzer analyzer = EmbeddedIndex.defaultAnalyzer()) {
      assertEquals(
          List.of("drone", "ukrain", "caf\u00e9"),
          terms(analyzer, "The Drones of Ukraine's cafe\u0301"));
    }
  }

  @Test
  void anIndexGivenTheDefaultAnalyzerExplicitlySearchesAsOneGivenNone() throws IOException {
    Document document =
        Document.builder("d")
            .title("Drones")
            .section("Night", "Drones flew over the border at night.")
            .build();
    try (SectionIndex explicit =
            EmbeddedIndex.builder().analyzer(EmbeddedIndex.defaultAnalyzer()).build();
        SectionIndex implicit = EmbeddedIndex.builder().build()) {
      explicit.add(document);
      implicit.add(document);
      explicit.commit();
      implicit.commit();
      for (String query : List.of("drone", "flying borders", "\"over the border\"")) {
        assertEquals(implicit.search(query).totalHits(), explicit.search(query).totalHits(), query);
      }
      assertEquals(1, explicit.search("drone").totalHits());
    }
  }
}
