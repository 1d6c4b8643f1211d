package dev.sectionsearch.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the bundled model reads of a text, as its documentation says. */
class MiniLmEmbedderTest {
  private static final String[] SENTENCES = {
    "The harbour froze early that winter, and the ferries stopped running in December.",
    "Fishermen dragged their boats onto the ice and waited for the thaw.",
    "In the village school, the children learned to read tide tables and star charts.",
    "A new railway line reached the coast in spring, bringing tourists and timber merchants.",
    "The old lighthouse keeper kept a diary of every ship that passed the point.",
    "By summer the market sold oranges, silk and newspapers from the capital.",
    "Storms in autumn flooded the lower streets twice in one month.",
    "The council voted to build a sea wall of granite blocks quarried inland.",
    "Engineers argued for years about the foundations of the new breakwater.",
    "When the wall was finished, the harbour became the busiest on the coast.",
    "Shipyards opened along the river mouth and employed half the town.",
    "A museum now keeps the keeper's diaries beside models of the ferries."
  };

  @Test
  void readsTheFirst128WordPiecesOfAText() {
    MiniLmEmbedder model = MiniLmEmbedder.create();
    String text = String.join(" ", SENTENCES);
    String longer =
        text
            + " "
            + "Unrelated closing remarks about chemistry, violins and tax law follow.".repeat(30);
    // about 650 characters of English are 128 word pieces: 850 are more than the model reads
    float[] opening = model.embed(List.of(text.substring(0, 850)))[0];
    float[] whole = model.embed(List.of(longer))[0];
    assertEquals(1.0, cosine(opening, whole), 1e-5, "what follows 128 word pieces is not read");
    float[] shorter = model.embed(List.of(text.substring(0, 400)))[0];
    assertTrue(cosine(shorter, whole) < 0.999, "400 characters are within what it reads");
  }

  @Test
  void embedsBlankTextsLikeAnyOther() {
    MiniLmEmbedder model = MiniLmEmbedder.create();
    float[][] vectors = model.embed(List.of("one", "", " \n\t", "three"));
    assertEquals(4, vectors.length);
    for (float[] vector : vectors) {
      assertEquals(model.dimensions(), vector.length);
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return dot / Math.sqrt(aa * bb);
  }
}
