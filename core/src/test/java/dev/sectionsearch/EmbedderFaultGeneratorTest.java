package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomised model failures, on adds and on queries (issue 24): whatever an embedder does wrong
 * (throws, returns too few or too many vectors, vectors of the wrong size, null, NaN, infinity),
 * the add or search fails with a {@link SectionSearchException} that names the model and never
 * calls the index corrupt, and every document added before stays indexed and searchable.
 */
class EmbedderFaultGeneratorTest {
  private static final int DIMENSIONS = 4;

  @TempDir Path folder;

  /** What the embedder does on its next call. */
  private enum Fault {
    NONE,
    THROWS,
    THROWS_ERROR,
    NULL_ARRAY,
    TOO_FEW,
    TOO_MANY,
    WRONG_DIMENSIONS,
    NULL_VECTOR,
    NAN,
    INFINITE
  }

  /** An embedder whose next call does what {@link #next} says. */
  private static final class Faulty implements Embedder {
    Fault next = Fault.NONE;

    @Override
    public String modelId() {
      return "test/faulty";
    }

    @Override
    public int dimensions() {
      return DIMENSIONS;
    }

    @Override
    public float[][] embed(List<String> texts) {
      Fault fault = next;
      int count =
          switch (fault) {
            case TOO_FEW -> texts.size() - 1;
            case TOO_MANY -> texts.size() + 1;
            default -> texts.size();
          };
      switch (fault) {
        case THROWS -> throw new IllegalStateException("model server unreachable");
        case THROWS_ERROR -> throw new NoClassDefFoundError("ai/onnxruntime/OrtException");
        case NULL_ARRAY -> {
          return null;
        }
        default -> {}
      }
      float[][] vectors = new float[Math.max(0, count)][];
      for (int i = 0; i < vectors.length; i++) {
        String text = i < texts.size() ? texts.get(i) : "extra";
        float[] vector = {1, text.length() % 7 + 1, text.hashCode() % 5, 0.5f};
        vectors[i] =
            switch (fault) {
              case WRONG_DIMENSIONS -> new float[] {1, 2, 3};
              case NULL_VECTOR -> i == vectors.length - 1 ? null : vector;
              case NAN -> i == 0 ? new float[] {Float.NaN, 1, 1, 1} : vector;
              case INFINITE -> i == 0 ? new float[] {1, Float.NEGATIVE_INFINITY, 1, 1} : vector;
              default -> vector;
            };
      }
      return vectors;
    }
  }

  private static Document note(int n, Random random) {
    Document.Builder builder = Document.builder("note-" + n).title("Note " + n);
    int sections = 1 + random.nextInt(3);
    for (int s = 0; s < sections; s++) {
      builder.section("Part " + s, "a heron waits by pond " + n + " in part " + s + ".");
    }
    return builder.build();
  }

  private static void assertNamesTheModelNotTheIndex(RuntimeException e, Fault fault) {
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("test/faulty"), fault + ": " + message);
    assertFalse(message.contains("corrupt"), fault + ": " + message);
    assertFalse(message.contains("re-create"), fault + ": " + message);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void modelFaultsFailTheirAddOrSearchAloneAndLoseNothing(long seed) {
    Random random = new Random(seed);
    Faulty model = new Faulty();
    Fault[] faults = Fault.values();
    Set<String> indexed = new HashSet<>();
    try (SectionIndex index =
        EmbeddedIndex.builder().folder(folder.resolve("index-" + seed)).embedder(model).build()) {
      for (int n = 0; n < 40; n++) {
        Fault fault = random.nextInt(3) == 0 ? Fault.NONE : faults[random.nextInt(faults.length)];
        model.next = fault;
        Document document = note(n, random);
        try {
          index.add(document);
          if (fault != Fault.NONE) {
            fail(fault + " was accepted for " + document.id());
          }
          indexed.add(document.id());
        } catch (SectionSearchException e) {
          assertTrue(fault != Fault.NONE, "a sound model failed: " + e.getMessage());
          assertNamesTheModelNotTheIndex(e, fault);
          assertTrue(e.getMessage().contains(document.id()), fault + ": " + e.getMessage());
        }

        model.next = faults[random.nextInt(faults.length)];
        try {
          index.search(SearchRequest.of("heron").withMode(SearchMode.SEMANTIC));
          assertEquals(Fault.NONE, model.next, model.next + " was accepted for a query");
        } catch (SectionSearchException e) {
          assertTrue(model.next != Fault.NONE, "a sound model failed: " + e.getMessage());
          assertNamesTheModelNotTheIndex(e, model.next);
        }

        model.next = Fault.NONE;
        index.commit();
        Set<String> found =
            index
                .search(SearchRequest.of("heron").withMode(SearchMode.LEXICAL).withLimit(100))
                .hits()
                .stream()
                .map(hit -> hit.docId())
                .collect(Collectors.toSet());
        assertEquals(indexed, found, "after " + fault + " on " + document.id());
      }
    }
  }
}
