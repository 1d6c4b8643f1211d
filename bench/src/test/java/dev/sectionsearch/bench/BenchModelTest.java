package dev.sectionsearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The candidate models load from their jars and read a query differently from a passage. */
class BenchModelTest {

  @Test
  void eachCandidateLoadsAndPrefixesQueriesOnly() {
    for (String name : List.of("bge-small", "e5-small")) {
      BenchModel model = BenchModel.named(name);
      assertEquals(model.documents().modelId(), model.queries().modelId());
      String text = "Cats purr when they are content.";
      float[] document = model.documents().embed(List.of(text))[0];
      float[] query = model.queries().embed(List.of(text))[0];
      assertEquals(384, document.length, name);
      assertEquals(384, query.length, name);
      double cosine = cosine(document, query);
      // the same words read as a query and as a passage: near, and not the same vector
      assertTrue(cosine > 0.7 && cosine < 0.9999, name + ": " + cosine);
      // a related passage is nearer the query than an unrelated one
      float[] related = model.documents().embed(List.of("Felines make a purring sound."))[0];
      float[] unrelated = model.documents().embed(List.of("The compiler emits byte code."))[0];
      assertTrue(cosine(query, related) > cosine(query, unrelated), name);
    }
  }

  @Test
  void theBundledModelIsOneEmbedderForBoth() {
    BenchModel model = BenchModel.named("MiniLM");
    assertEquals(model.documents(), model.queries());
  }

  @Test
  void anUnknownModelIsRefusedNamingTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BenchModel.named("gte-small"));
    assertTrue(e.getMessage().contains("bge-small"), e.getMessage());
    assertNotEquals(-1, e.getMessage().indexOf("gte-small"));
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
