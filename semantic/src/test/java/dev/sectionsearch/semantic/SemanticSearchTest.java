package dev.sectionsearch.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semantic and hybrid search through the public API, on a real on-disk index and the real model.
 */
class SemanticSearchTest {
  private static Embedder model;

  @TempDir Path folder;

  @BeforeAll
  static void loadModel() {
    model = MiniLmEmbedder.create();
  }

  private SectionIndex openWithModel() {
    return EmbeddedIndex.builder().folder(folder).embedder(model).build();
  }

  private static void addCorpus(SectionIndex index) {
    index.add(
        Document.builder("pets")
            .title("Caring for animals")
            .date(LocalDate.of(2023, 3, 1))
            .metadata("topic", "home")
            .section(
                "Dogs",
                "Puppies need several meals a day. Walk your dog twice daily and keep its"
                    + " vaccinations current.")
            .section(
                "Cats",
                "A kitten sleeps most of the day. Provide a scratching post to protect the"
                    + " furniture.")
            .build());
    index.add(
        Document.builder("cars")
            .title("Vehicle maintenance")
            .date(LocalDate.of(2024, 6, 1))
            .metadata("topic", "garage")
            .section(
                "Engine",
                "Change the engine oil every ten thousand kilometres. Check the tyre pressure"
                    + " monthly.")
            .build());
    index.add(
        Document.builder("cooking")
            .title("Kitchen basics")
            .date(LocalDate.of(2022, 1, 1))
            .metadata("topic", "home")
            .section(
                "Bread",
                "Knead the dough for ten minutes. Let it rise in a warm place until it has"
                    + " doubled in size. Bake at a high temperature.")
            .build());
    index.commit();
  }

  @Test
  void queryWithNoWordInCommonFindsItsSection() {
    try (SectionIndex index = openWithModel()) {
      addCorpus(index);
      SearchResults lexical =
          index.search(SearchRequest.of("feline companion").withMode(SearchMode.LEXICAL));
      assertEquals(0, lexical.hits().size(), "no section holds a query word");
      SearchResults semantic =
          index.search(SearchRequest.of("feline companion").withMode(SearchMode.SEMANTIC));
      assertEquals("Cats", semantic.hits().get(0).heading());
      SearchResults hybrid = index.search(SearchRequest.of("feline companion"));
      assertEquals("Cats", hybrid.hits().get(0).heading(), "hybrid is the default mode");
    }
  }

  @Test
  void hitWithoutQueryWordsGetsSemanticPassageWithItsSourceRange() {
    try (SectionIndex index = openWithModel()) {
      addCorpus(index);
      SearchHit hit =
          index
              .search(SearchRequest.of("automobile upkeep lubricant").withMode(SearchMode.SEMANTIC))
              .hits()
              .get(0);
      assertEquals("cars", hit.docId());
      Passage passage = hit.passages().get(0);
      assertTrue(passage.semantic(), "marked semantic: " + passage);
      assertTrue(passage.text().contains("oil"), passage.text());
      String section = index.section("cars", hit.ordinal()).orElseThrow().text();
      assertEquals(passage.text(), section.substring(passage.start(), passage.end()));
      assertTrue(passage.sourceStart() >= hit.start() && passage.sourceEnd() <= hit.end());
    }
  }

  @Test
  void aSearchEmbedsOnlyTheQueryEvenWhenHitsGetSemanticPassages() {
    CountingEmbedder counting = new CountingEmbedder(model);
    try (SectionIndex index = EmbeddedIndex.builder().folder(folder).embedder(counting).build()) {
      addCorpus(index);
      counting.texts.set(0);
      SearchResults results =
          index.search(SearchRequest.of("automobile upkeep lubricant").withMaxPassages(2));
      assertTrue(results.hits().get(0).passages().get(0).semantic());
      assertEquals(1, counting.texts.get(), "texts embedded by the search");
    }
  }

  @Test
  void indexingEmbedsEachChunkOfASectionOnce() {
    CountingEmbedder counting = new CountingEmbedder(model);
    try (SectionIndex index = EmbeddedIndex.builder().folder(folder).embedder(counting).build()) {
      index.add(
          Document.builder("short").section("Cats", "A kitten sleeps most of the day.").build());
      assertEquals(1, counting.texts.get(), "a short section is one chunk");
      counting.texts.set(0);
      String longer =
          ("Puppies need several meals a day and a warm, quiet place to sleep through the night."
                  + " Walk your dog twice daily and keep its vaccinations current with the vet."
                  + " A kitten sleeps most of the day and plays at dusk when the house is quiet. ")
              .repeat(8);
      index.add(Document.builder("long").section("Pets", longer).build());
      int chunks = counting.texts.get();
      assertTrue(chunks >= 4 && chunks <= 6, "about 500 characters a chunk: " + chunks);
      index.commit();
      SearchHit hit =
          index
              .search(SearchRequest.of("resting animal").withMode(SearchMode.SEMANTIC))
              .hits()
              .stream()
              .filter(h -> h.docId().equals("short"))
              .findFirst()
              .orElseThrow();
      assertTrue(hit.passages().get(0).semantic());
      assertEquals("A kitten sleeps most of the day.", hit.passages().get(0).text());
    }
  }

  /**
   * A paraphrase of the last sentence of a section of some 900 words on another subject finds that
   * section first, and its passage is that sentence's chunk. One vector of the section's opening
   * ranked it below sections that merely share the subject's words.
   */
  @Test
  void aParaphraseOfTheEndOfALongSectionFindsItAndShowsThatPart() {
    String logging =
        String.join(
            " ",
            "The service writes its log to the logs folder of its data directory.",
            "Each line starts with a timestamp in UTC, the level and the name of the component.",
            "The default level is INFO; set it to DEBUG to see every request as it arrives.",
            "Log files are rotated at midnight and when they reach one hundred megabytes.",
            "Rotated files are compressed with gzip and kept for fourteen days by default.",
            "To send the log to syslog instead, set the appender option in the configuration.",
            "Structured output as JSON lines is available for collectors that parse fields.",
            "A slow query is logged with its duration once it exceeds the configured threshold.",
            "Audit events go to a separate file, so that they can be kept for longer.",
            "The console shows warnings and errors only, whatever the file's level is.");
    String hidden =
        " If you forget the administrator password, stop the service and run the reset tool"
            + " from the installation folder; it prints a new one-time password.";
    try (SectionIndex index = openWithModel()) {
      index.add(
          Document.builder("manual")
              .title("Operations manual")
              .section("Logging", (logging + " ").repeat(6).strip() + hidden)
              .section("Backups", "Back up the data directory nightly. Test a restore monthly.")
              .build());
      index.add(
          Document.builder("accounts")
              .title("Users")
              .section(
                  "Profiles",
                  "Each user has a profile with a display name, an avatar and a language.")
              .section(
                  "Sign-in", "Users sign in with their e-mail address and a password they choose.")
              .build());
      index.commit();
      SearchResults results =
          index.search(
              SearchRequest.of("locked out, lost the admin credentials, how to regain access")
                  .withMode(SearchMode.SEMANTIC)
                  .withMaxPassages(1));
      SearchHit first = results.hits().get(0);
      assertEquals("Logging", first.heading(), results.hits().toString());
      Passage passage = first.passages().get(0);
      assertTrue(passage.semantic(), passage.toString());
      assertTrue(passage.text().contains("administrator password"), passage.text());
    }
  }

  @Test
  void everyHitWithoutQueryWordsOnAPageGetsSemanticPassages() {
    try (SectionIndex index = openWithModel()) {
      String[] topics = {"sailing", "gardening", "astronomy"};
      String[][] sentences = {
        {
          "The boat heeled as the wind filled the mainsail.",
          "Trim the jib until its telltales stream evenly on both sides.",
          "A reef reduces sail area when gusts grow too strong for the crew.",
          "Coming about, the helmsman calls out before the boom swings across.",
          "At the mooring, the lines are coiled and the sails folded on the boom.",
          "Charts and a compass still matter when the electronics fail at sea."
        },
        {
          "Tomatoes want full sun and deep, regular watering.",
          "Mulch keeps the soil moist and suppresses weeds between the rows.",
          "Prune the side shoots so the plant puts its strength into fruit.",
          "Compost from kitchen scraps feeds the bed for the next season.",
          "Rotate the crops each year so pests find no host waiting in the ground.",
          "Seeds sown indoors in early spring are ready to plant out after the frost."
        },
        {
          "A small telescope shows the rings of Saturn on a clear night.",
          "Let your eyes adapt to the dark for twenty minutes before observing.",
          "The moons of Jupiter change position from one evening to the next.",
          "Light pollution from cities hides all but the brightest stars.",
          "A star chart turned to the date and hour shows which constellations are up.",
          "Binoculars on a tripod reveal craters along the edge of the lit moon."
        }
      };
      for (int i = 0; i < topics.length; i++) {
        index.add(
            Document.builder(topics[i]).section(topics[i], String.join(" ", sentences[i])).build());
      }
      index.commit();
      List<SearchHit> hits =
          index
              .search(
                  SearchRequest.of("hobbies outdoors")
                      .withMode(SearchMode.SEMANTIC)
                      .withMaxPassages(1))
              .hits();
      assertEquals(3, hits.size());
      for (SearchHit hit : hits) {
        assertTrue(hit.passages().get(0).semantic(), hit.docId() + ": " + hit.passages());
      }
    }
  }

  @Test
  void hitWithTheQueryWordsKeepsItsHighlightedPassage() {
    try (SectionIndex index = openWithModel()) {
      addCorpus(index);
      SearchHit hit = index.search(SearchRequest.of("engine oil")).hits().get(0);
      assertEquals("cars", hit.docId());
      assertFalse(hit.passages().get(0).semantic());
      assertFalse(hit.passages().get(0).highlights().isEmpty());
    }
  }

  @Test
  void filtersApplyBeforeTheNearestAreChosen() {
    try (SectionIndex index = openWithModel()) {
      addCorpus(index);
      SearchRequest request =
          SearchRequest.of("automobile upkeep").withMode(SearchMode.SEMANTIC).withLimit(10);
      for (SearchHit hit : index.search(request.withFilter("topic", "home")).hits()) {
        assertEquals(List.of("home"), hit.metadata().get("topic"));
      }
      for (SearchHit hit :
          index
              .search(request.withSince(LocalDate.of(2023, 1, 1)).withMode(SearchMode.HYBRID))
              .hits()) {
        assertTrue(hit.date().orElseThrow().getYear() >= 2023, hit.toString());
      }
      SearchResults excluded = index.search(request.withMode(SearchMode.HYBRID));
      assertTrue(excluded.hits().stream().anyMatch(h -> h.docId().equals("cars")));
      SearchResults withoutCars =
          index.search(SearchRequest.of("automobile upkeep -engine").withMode(SearchMode.SEMANTIC));
      assertTrue(withoutCars.hits().stream().noneMatch(h -> h.docId().equals("cars")));
    }
  }

  @Test
  void collapseAndCursorsWorkOnCandidates() {
    try (SectionIndex index = openWithModel()) {
      addCorpus(index);
      SearchRequest request = SearchRequest.of("animals at home").withLimit(2);
      SearchResults collapsed = index.search(request.withCollapse(true));
      assertEquals(
          collapsed.hits().size(),
          collapsed.hits().stream().map(SearchHit::docId).distinct().count());
      SearchResults first = index.search(request);
      SearchResults second = index.search(request.withAfter(first.nextCursor().orElseThrow()));
      assertEquals(2, first.hits().size());
      assertFalse(second.hits().isEmpty());
      for (SearchHit hit : second.hits()) {
        assertTrue(first.hits().stream().noneMatch(h -> h.equals(hit)), "no repeats");
      }
      assertFalse(first.totalHitsExact(), "candidate totals are not exact");
      SearchResults faceted = index.search(request.withFacets("topic"));
      assertEquals(
          faceted.totalHits(),
          faceted.facets().get("topic").values().stream().mapToLong(Long::longValue).sum(),
          "facets count the candidates");
    }
  }

  @Test
  void semanticSearchOnAnIndexWithoutVectorsIsRefused() {
    try (SectionIndex index = EmbeddedIndex.builder().folder(folder).build()) {
      addCorpus(index);
      QueryException e =
          assertThrows(
              QueryException.class,
              () -> index.search(SearchRequest.of("cats").withMode(SearchMode.SEMANTIC)));
      assertTrue(e.getMessage().contains("embedder"), e.getMessage());
      assertEquals(1, index.search(SearchRequest.of("cats")).hits().size(), "lexical by default");
    }
  }

  @Test
  void openingWithAnotherModelIsRefusedNamingBoth() {
    try (SectionIndex index = openWithModel()) {
      addCorpus(index);
    }
    Embedder other = new OtherModel();
    SectionSearchException e =
        assertThrows(
            SectionSearchException.class,
            () -> EmbeddedIndex.builder().folder(folder).embedder(other).build());
    assertTrue(e.getMessage().contains(MiniLmEmbedder.MODEL_ID), e.getMessage());
    assertTrue(e.getMessage().contains(other.modelId()), e.getMessage());
    SectionSearchException writing =
        assertThrows(
            SectionSearchException.class, () -> EmbeddedIndex.builder().folder(folder).build());
    assertTrue(writing.getMessage().contains(MiniLmEmbedder.MODEL_ID), writing.getMessage());
    try (SectionIndex readOnly = EmbeddedIndex.builder().folder(folder).readOnly().build()) {
      assertEquals(1, readOnly.search(SearchRequest.of("kitten")).hits().size());
      QueryException refused =
          assertThrows(
              QueryException.class,
              () -> readOnly.search(SearchRequest.of("kitten").withMode(SearchMode.HYBRID)));
      assertTrue(refused.getMessage().contains(MiniLmEmbedder.MODEL_ID), refused.getMessage());
    }
  }

  @Test
  void lexicalIndexIsNotOpenedWithAModel() {
    try (SectionIndex index = EmbeddedIndex.builder().folder(folder).build()) {
      addCorpus(index);
    }
    SectionSearchException e = assertThrows(SectionSearchException.class, this::openWithModel);
    assertTrue(e.getMessage().contains("without an embedding model"), e.getMessage());
    try (SectionIndex readOnly =
        EmbeddedIndex.builder().folder(folder).readOnly().embedder(model).build()) {
      assertEquals(1, readOnly.search(SearchRequest.of("kitten")).hits().size(), "lexical");
      assertThrows(
          QueryException.class,
          () -> readOnly.search(SearchRequest.of("kitten").withMode(SearchMode.SEMANTIC)));
    }
  }

  /** The bundled model, counting the texts it is asked to embed. */
  private static final class CountingEmbedder implements Embedder {
    final java.util.concurrent.atomic.AtomicInteger texts =
        new java.util.concurrent.atomic.AtomicInteger();
    private final Embedder model;

    CountingEmbedder(Embedder model) {
      this.model = model;
    }

    @Override
    public String modelId() {
      return model.modelId();
    }

    @Override
    public int dimensions() {
      return model.dimensions();
    }

    @Override
    public float[][] embed(List<String> batch) {
      texts.addAndGet(batch.size());
      return model.embed(batch);
    }
  }

  /** A model with another id, whose vectors are never compared. */
  private static final class OtherModel implements Embedder {
    @Override
    public String modelId() {
      return "example/other-model";
    }

    @Override
    public int dimensions() {
      return 8;
    }

    @Override
    public float[][] embed(List<String> texts) {
      float[][] vectors = new float[texts.size()][8];
      for (float[] vector : vectors) {
        vector[0] = 1;
      }
      return vectors;
    }
  }
}
