package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SortOrder;
import dev.sectionsearch.search.Synonyms;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SectionIndex} backend shares, checked against a fresh index from
 * {@link #newIndex()}: adding, replacing and deleting, ranking, passages and their citations,
 * paging, filters, facets, collapsing, totals, reading documents back, statistics and refusals.
 *
 * <p>Ranking, passages and source offsets are compared with the embedded index's on the same
 * documents, so a backend that passes ranks and cites as the embedded one does. Backends extend
 * this class in their own tests ({@code LuceneSectionIndexContractTest}, the OpenSearch module's
 * {@code OpenSearchSectionIndexContractIT}).
 */
public abstract class SectionIndexContract {
  /** For backends' test classes. */
  protected SectionIndexContract() {}

  /** A fresh, empty, writable index of the backend under test, with default settings. */
  protected abstract SectionIndex newIndex();

  /**
   * A fresh, empty, writable index of the backend under test that embeds with this model, for
   * semantic and hybrid search.
   */
  protected abstract SectionIndex newIndex(Embedder embedder);

  private SectionIndex index;

  @BeforeEach
  void openIndex() {
    index = newIndex();
  }

  @AfterEach
  void closeIndex() {
    index.close();
  }

  /** Queries whose hits, order, scores and passages must match the embedded index's. */
  private static final List<String> QUERIES =
      List.of(
          "kestrel",
          "kestrels hunting voles",
          "\"hover over\" fields",
          "migrat*",
          "+owl -barn",
          "owl OR kestrel",
          "falcon's speed",
          "caf\u00e9 birds",
          "ﬁnches",
          "the of",
          "-kestrel");

  private static List<Document> corpus() {
    List<Document> documents = new ArrayList<>();
    documents.add(
        Document.builder("kestrels.md")
            .text(
                "# Kestrels\n\nKestrels hover over fields while hunting voles.\n\n"
                    + "## Hunting\n\nA kestrel hunts voles and mice. It hovers, then drops."
                    + " Kestrels hunting over fields are a common sight.\n\n"
                    + "## Migration\n\nSome kestrels migrate south in winter; most stay.\n",
                Format.MARKDOWN)
            .date(LocalDate.of(2021, 5, 1))
            .metadata("kind", "raptor")
            .metadata("team.name", "field")
            .build());
    documents.add(
        Document.builder("owls")
            .title("Owls")
            .date(LocalDate.of(2022, 3, 10))
            .metadata("kind", "raptor", "nocturnal")
            .section("Barn owls", "The barn owl hunts voles at night over open fields.")
            .section("Tawny owls", "The tawny owl calls at night; it hunts in woods.")
            .build());
    documents.add(
        Document.builder("falcons")
            .title("Falcons")
            .date(LocalDate.of(2023, 7, 2))
            .metadata("kind", "raptor")
            .section("Speed", "The peregrine falcon's speed in a dive is unmatched by any bird.")
            .build());
    documents.add(
        Document.builder("finches")
            .title("Garden birds")
            .date(LocalDate.of(2020, 1, 15))
            .metadata("kind", "songbird")
            .section("Finches", "\ufb01nches visit the caf\u00e9 garden feeder; birds migrate.")
            .section("Tits", "Blue tits nest in boxes. Great tits sing in spring.")
            .build());
    documents.add(
        Document.builder("undated")
            .title("Field notes")
            .metadata("kind", "notes")
            .section("Notes", "A kestrel over the motorway verge; an owl at dusk.")
            .build());
    return documents;
  }

  private void addCorpus(SectionIndex target) {
    for (Document document : corpus()) {
      target.add(document);
    }
    target.commit();
  }

  @Test
  void rankingPassagesAndCitationsMatchTheEmbeddedIndex() {
    addCorpus(index);
    try (SectionIndex embedded = SectionIndex.inMemory()) {
      addCorpus(embedded);
      for (String query : QUERIES) {
        SearchRequest request = SearchRequest.of(query).withMaxPassages(3);
        SearchResults expected = embedded.search(request);
        SearchResults actual = index.search(request);
        assertSameHitsAndScores(expected, actual, "query " + query);
        assertEquals(expected.notes(), actual.notes(), "notes of query " + query);
      }
    }
  }

  /** Synonyms of the corpus's words: an explicit mapping, equivalents, a multi-word entry. */
  private static Synonyms birdSynonyms() throws IOException {
    return Synonyms.read(
        new StringReader(
            "# birds\n"
                + "hawk => kestrel\n"
                + "roadside, motorway verge\n"
                + "peregrines, falcons\n"
                + "tits, chickadees\n"),
        "birds.txt");
  }

  private static final List<String> SYNONYM_QUERIES =
      List.of(
          "hawk",
          "hawks hunting voles",
          "roadside",
          "motorway verge",
          "peregrine speed",
          "+hawk owl",
          "chickadee nest -great",
          "\"hover over\" hawk");

  @Test
  void synonymsFindTheirEntriesAndMatchTheEmbeddedIndex() throws IOException {
    addCorpus(index);
    Synonyms synonyms = birdSynonyms();
    assertTrue(index.search(SearchRequest.of("hawk")).hits().isEmpty());
    SearchResults hawk = index.search(SearchRequest.of("hawk").withSynonyms(synonyms));
    Set<String> hawkDocuments = new HashSet<>();
    hawk.hits().forEach(hit -> hawkDocuments.add(hit.docId()));
    assertEquals(Set.of("kestrels.md", "undated"), hawkDocuments);
    assertTrue(
        hawk.hits().get(0).passages().get(0).highlightedTexts().stream()
            .anyMatch(word -> word.toLowerCase(java.util.Locale.ROOT).startsWith("kestrel")),
        describe(hawk).toString());
    // a mapping finds its right side, not back
    SearchResults kestrel = index.search(SearchRequest.of("kestrel").withSynonyms(synonyms));
    assertEquals(describe(index.search(SearchRequest.of("kestrel"))), describe(kestrel), "kestrel");
    // a multi-word entry matches as a phrase, and its words find the other entries
    SearchResults roadside = index.search(SearchRequest.of("roadside").withSynonyms(synonyms));
    assertEquals(1, roadside.hits().size(), describe(roadside).toString());
    assertEquals("undated", roadside.hits().get(0).docId());
    assertEquals(
        List.of("motorway verge"), roadside.hits().get(0).passages().get(0).highlightedTexts());
    try (SectionIndex embedded = SectionIndex.inMemory()) {
      addCorpus(embedded);
      for (String query : SYNONYM_QUERIES) {
        SearchRequest request = SearchRequest.of(query).withMaxPassages(3).withSynonyms(synonyms);
        SearchResults expected = embedded.search(request);
        SearchResults actual = index.search(request);
        assertSameHitsAndScores(expected, actual, "query " + query);
      }
    }
  }

  /** Three sections alike but for their dates (one undated), and one of another word. */
  private static void addFerries(SectionIndex target) {
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    String text = "The harbour ferry leaves at noon.";
    target.add(
        Document.builder("old")
            .title("Ferries")
            .date(today.minusDays(3000))
            .section("Timetable", text)
            .build());
    target.add(
        Document.builder("new")
            .title("Ferries")
            .date(today.minusDays(10))
            .section("Timetable", text)
            .build());
    target.add(Document.builder("undated").title("Ferries").section("Timetable", text).build());
    target.add(
        Document.builder("other")
            .title("Buses")
            .date(today)
            .section("Timetable", "The bus leaves at noon.")
            .build());
    target.commit();
  }

  @Test
  void recencyRanksTheNewerOfTwoEquallyRelevantSectionsFirst() {
    addFerries(index);
    SearchResults off = index.search(SearchRequest.of("harbour ferry"));
    assertEquals(3, off.hits().size());
    float relevance = off.hits().get(0).score();
    off.hits().forEach(hit -> assertEquals(relevance, hit.score(), 1e-6f, hit.docId()));
    java.time.Duration month = java.time.Duration.ofDays(30);
    SearchResults on = index.search(SearchRequest.of("harbour ferry").withRecency(month));
    List<String> order = new ArrayList<>();
    on.hits().forEach(hit -> order.add(hit.docId()));
    assertEquals(3, order.size(), order.toString());
    assertEquals("new", order.get(0), order.toString());
    double newFactor = 1 + Math.pow(0.5, 10 / 30.0);
    assertEquals(relevance * newFactor, on.hits().get(0).score(), 1e-3 * relevance * newFactor);
    for (SearchHit hit : on.hits().subList(1, 3)) {
      // the undated section keeps its score; the old one gains almost nothing
      assertEquals(relevance, hit.score(), 1e-3 * relevance, hit.docId());
    }
    // an order by date is not changed by recency
    SearchRequest oldest = SearchRequest.of("noon").withSort(SortOrder.OLDEST);
    assertEquals(describe(index.search(oldest)), describe(index.search(oldest.withRecency(month))));
    try (SectionIndex embedded = SectionIndex.inMemory()) {
      addFerries(embedded);
      for (String query : List.of("harbour ferry", "noon", "ferry OR bus", "+noon -bus")) {
        SearchRequest request = SearchRequest.of(query).withRecency(month);
        SearchResults expected = embedded.search(request);
        SearchResults actual = index.search(request);
        assertSameHitsAndScores(expected, actual, "query " + query);
      }
    }
  }

  /** Queries of the semantic and hybrid comparison: words, required and excluded words, none. */
  private static final List<String> MEANING_QUERIES =
      List.of(
          "kestrel",
          "birds hunting small animals at night",
          "+owl hunting",
          "raptor -barn",
          "speed of a dive",
          "where do birds go in winter",
          "the of");

  @Test
  void semanticAndHybridRankingAndPassagesMatchTheEmbeddedIndex() {
    try (SectionIndex withVectors = newIndex(new WordHashEmbedder());
        SectionIndex embedded = EmbeddedIndex.builder().embedder(new WordHashEmbedder()).build()) {
      addCorpus(withVectors);
      addCorpus(embedded);
      for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.SEMANTIC)) {
        for (String query : MEANING_QUERIES) {
          for (SearchRequest request :
              List.of(
                  SearchRequest.of(query).withMode(mode).withMaxPassages(2),
                  SearchRequest.of(query)
                      .withMode(mode)
                      .withFilter("kind", "raptor")
                      .withFacets("kind")
                      .withLimit(3))) {
            SearchResults expected = embedded.search(request);
            SearchResults actual = withVectors.search(request);
            String what = mode + " query " + query + " " + request.filters();
            assertFalse(expected.hits().isEmpty(), what);
            assertEquals(describe(expected), describe(actual), what);
            assertEquals(expected.totalHits(), actual.totalHits(), "total of " + what);
            assertEquals(expected.facets(), actual.facets(), "facets of " + what);
            for (int i = 0; i < expected.hits().size(); i++) {
              assertEquals(
                  expected.hits().get(i).score(),
                  actual.hits().get(i).score(),
                  1e-4f,
                  "score of hit " + i + " of " + what);
            }
          }
        }
      }
      // the default mode of an index with vectors is hybrid, on both
      assertEquals(
          describe(embedded.search(SearchRequest.of("owl hunting"))),
          describe(withVectors.search(SearchRequest.of("owl hunting"))));
      assertTrue(
          withVectors
              .search(
                  SearchRequest.of("birds at night")
                      .withMode(SearchMode.SEMANTIC)
                      .withMaxPassages(1))
              .hits()
              .stream()
              .anyMatch(hit -> hit.passages().stream().anyMatch(Passage::semantic)),
          "a hit without the query's words shows the chunk nearest it");
    }
  }

  @Test
  void aSemanticSearchOfAnIndexWithoutVectorsIsRefused() {
    addCorpus(index);
    QueryException refused =
        assertThrows(
            QueryException.class,
            () -> index.search(SearchRequest.of("kestrel").withMode(SearchMode.SEMANTIC)));
    assertTrue(refused.getMessage().contains("no vectors"), refused.getMessage());
  }

  /**
   * A thousand hits by meaning, as a batch evaluation asks for (the CLI's {@code --queries}): the
   * lexical and the nearest candidates together are more than the 1,024 clauses a query may hold on
   * a Lucene-based engine, and the hits are still the embedded index's.
   */
  @Test
  void aThousandHybridAndSemanticHitsMatchTheEmbeddedIndex() throws InterruptedException {
    List<Document> documents = new ArrayList<>();
    String[] words = {
      "hunting", "voles", "fields", "night", "owl", "winter", "hover", "mice", "woods", "dusk",
      "speed", "dive", "garden", "feeder", "spring", "nest", "boxes", "verge", "motorway", "calls"
    };
    for (int i = 0; i < 1_300; i++) {
      StringBuilder text = new StringBuilder("A kestrel");
      // a different mix of words and lengths for each document: lexical and semantic rankings
      // disagree, so that their candidates together are many more than either
      for (int w = 0; w < words.length; w++) {
        if (((i >> (w % 11)) & 1) == 1 || (i * 7 + w) % 13 == 0) {
          text.append(' ').append(words[w]);
        }
      }
      text.append(" note").append(i).append('.');
      documents.add(
          Document.builder("note-" + i)
              .title("Note " + i)
              .section("Seen", text.toString())
              .build());
    }
    try (SectionIndex withVectors = newIndex(new WordHashEmbedder());
        SectionIndex embedded = EmbeddedIndex.builder().embedder(new WordHashEmbedder()).build()) {
      java.util.concurrent.ExecutorService adders =
          java.util.concurrent.Executors.newFixedThreadPool(16);
      try {
        for (Document document : documents) {
          adders.execute(() -> withVectors.add(document));
        }
      } finally {
        adders.shutdown();
      }
      assertTrue(adders.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES));
      withVectors.commit();
      documents.forEach(embedded::add);
      embedded.commit();
      for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.SEMANTIC)) {
        SearchRequest request =
            SearchRequest.of("kestrel hunting at night").withMode(mode).withLimit(1_000);
        SearchResults expected = embedded.search(request);
        SearchResults actual = withVectors.search(request);
        assertEquals(1_000, expected.hits().size(), mode + " hits");
        assertEquals(1_000, actual.hits().size(), mode + " hits");
        if (mode == SearchMode.HYBRID) {
          assertTrue(expected.totalHits() > 1_024, "candidates: " + expected.totalHits());
        }
        // a total past the 1,000 counted hits is a lower bound, which backends count differently
        assertTrue(actual.totalHits() >= 1_000, mode + " total " + actual.totalHits());
        // HNSW is approximate (one graph here, one a shard there) and the 1,001st lexical
        // candidates tie: the candidate sets may differ in their last places, not in their best
        Set<String> best = new HashSet<>();
        for (SearchHit hit : expected.hits().subList(0, 100)) {
          best.add(hit.docId());
        }
        long shared =
            actual.hits().subList(0, 100).stream()
                .filter(hit -> best.contains(hit.docId()))
                .count();
        assertTrue(shared >= 90, mode + ": " + shared + " of the best 100 shared");
        assertEquals(
            expected.hits().get(0).score(),
            actual.hits().get(0).score(),
            1e-2f,
            mode + " best score");
      }
    }
  }

  /**
   * A small deterministic model: each word of a text adds to one of 24 dimensions chosen by its
   * hash, words of one family (birds of prey, night) to a shared one, so that meaning and words
   * rank differently.
   */
  static final class WordHashEmbedder implements Embedder {
    private static final java.util.regex.Pattern NON_LETTERS =
        java.util.regex.Pattern.compile("[^a-z]+");

    private static final Map<String, Integer> FAMILIES =
        Map.of(
            "kestrel",
            24,
            "kestrels",
            24,
            "owl",
            24,
            "falcon",
            24,
            "raptor",
            24,
            "night",
            25,
            "dusk",
            25,
            "nocturnal",
            25,
            "winter",
            26,
            "migrate",
            26);

    @Override
    public String modelId() {
      return "test/word-hash";
    }

    @Override
    public int dimensions() {
      return 27;
    }

    @Override
    public float[][] embed(List<String> texts) {
      float[][] vectors = new float[texts.size()][];
      for (int t = 0; t < vectors.length; t++) {
        float[] vector = new float[dimensions()];
        vector[0] = 0.05f;
        for (String word : NON_LETTERS.split(texts.get(t).toLowerCase(java.util.Locale.ROOT), -1)) {
          if (!word.isEmpty()) {
            vector[FAMILIES.getOrDefault(word, 1 + Math.floorMod(word.hashCode(), 23))] += 1;
          }
        }
        vectors[t] = vector;
      }
      return vectors;
    }
  }

  @Test
  void aSectionOver64KCharactersIsLaidOutAndFoundAsTheEmbeddedIndexDoes() {
    // one body past 65,536 characters, whose heading ends in stop words just before the body, and
    // whose rare words sit at its start, middle and end
    StringBuilder body = new StringBuilder("Kestrels open this long field diary. ");
    while (body.length() < 40_000) {
      body.append("Voles run under the grass while a bird hovers over the field. ");
    }
    body.append("A merlin crossed the motorway verge at noon. ");
    while (body.length() < 90_000) {
      body.append("Mice and voles hide from hunting birds in the long grass. ");
    }
    body.append("At dusk a hobby took a dragonfly over the reeds.");
    List<Document> documents =
        List.of(
            Document.builder("diary")
                .title("Field diary")
                .section("Birds of the", body.toString())
                .build(),
            Document.builder("short")
                .title("Field notes")
                .section("Birds of the", "Kestrels, a merlin and a hobby over the field.")
                .build());
    documents.forEach(index::add);
    index.commit();
    try (SectionIndex embedded = SectionIndex.inMemory()) {
      documents.forEach(embedded::add);
      embedded.commit();
      for (String query :
          List.of("merlin", "hobby dragonfly", "\"birds kestrels\"", "\"diary birds\"", "voles")) {
        SearchRequest request = SearchRequest.of(query).withMaxPassages(2);
        SearchResults expected = embedded.search(request);
        SearchResults actual = index.search(request);
        assertSameHitsAndScores(expected, actual, "query " + query);
      }
      assertEquals(2, embedded.search("hobby dragonfly").totalHits());
    }
  }

  /**
   * Sphinx HTML and Markdown with renumbered lists, read from their files: where the words of a
   * passage cannot be found in the source with confidence, it cites its whole section, on every
   * backend.
   */
  @Test
  void uncertainCitationsFallBackToTheWholeSectionAsTheEmbeddedIndexDoes() throws IOException {
    List<Document> documents = new ArrayList<>();
    for (String name : List.of("dataclasses.html", "api-documentation.md")) {
      try (InputStream in = SectionIndexContract.class.getResourceAsStream("/citations/" + name)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        documents.add(
            Document.builder(name)
                .text(text, name.endsWith(".html") ? Format.HTML : Format.MARKDOWN)
                .build());
      }
    }
    // a list numbered from 100 but written "1." after that is numbered in the text: most of a
    // passage's letters and digits are then not in the source
    documents.add(
        Document.builder("steps.md")
            .text("# Steps\n\n100. ox\n" + "1. ox\n".repeat(60), Format.MARKDOWN)
            .build());
    documents.forEach(index::add);
    index.commit();
    try (SectionIndex embedded = SectionIndex.inMemory()) {
      documents.forEach(embedded::add);
      embedded.commit();
      for (String query :
          List.of(
              "ox",
              "this code",
              "InventoryItem",
              "quantity_on_hand",
              "default value",
              "automatically added",
              "stability index",
              "classes methods",
              "listeners",
              "module placeholder",
              "step")) {
        SearchRequest request = SearchRequest.of(query).withMaxPassages(3);
        assertEquals(
            describe(embedded.search(request)), describe(index.search(request)), "query " + query);
      }
    }
  }

  /** The hits of a search as text: ids, ordinals, passages, highlights and source offsets. */
  private static List<String> describe(SearchResults results) {
    List<String> lines = new ArrayList<>();
    for (SearchHit hit : results.hits()) {
      StringBuilder line = new StringBuilder(hit.docId() + "#" + hit.ordinal());
      for (Passage passage : hit.passages()) {
        line.append(" | ")
            .append(passage.text())
            .append(' ')
            .append(passage.highlights())
            .append(" @")
            .append(passage.sourceStart())
            .append('-')
            .append(passage.sourceEnd());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Test
  void addSaysWhetherADocumentWasAddedReplacedOrUnchanged() {
    Document first = corpus().get(1);
    assertEquals(AddResult.Status.ADDED, index.add(first).status());
    assertEquals(AddResult.Status.UNCHANGED, index.add(first).status());
    Document changed =
        Document.builder("owls").title("Owls").section("Owls", "Owls are changed.").build();
    AddResult replaced = index.add(changed);
    assertEquals(AddResult.Status.REPLACED, replaced.status());
    assertEquals(1, replaced.sections());
  }

  @Test
  void replacingADocumentLeavesNoneOfItsOldSections() {
    addCorpus(index);
    index.add(Document.builder("owls").title("Owls").section("Owls", "Owls sleep by day.").build());
    index.commit();
    assertEquals(0, index.search("tawny").totalHits());
    assertEquals(1, index.get("owls").orElseThrow().sections().size());
    assertEquals(1, index.search("sleep").totalHits());
  }

  @Test
  void deleteRemovesEverySectionAndSaysWhetherTheDocumentExisted() {
    addCorpus(index);
    assertTrue(index.delete("kestrels.md"));
    assertFalse(index.delete("kestrels.md"));
    assertFalse(index.delete("never-added"));
    index.commit();
    assertTrue(index.get("kestrels.md").isEmpty());
    assertTrue(
        index.search("kestrel").hits().stream().noneMatch(h -> h.docId().equals("kestrels.md")));
  }

  @Test
  void cursorsPageThroughEveryHitOnceInOrder() {
    addCorpus(index);
    List<String> all = ids(index.search(SearchRequest.of("owl kestrel voles").withLimit(100)));
    List<String> paged = new ArrayList<>();
    SearchRequest request = SearchRequest.of("owl kestrel voles").withLimit(2);
    while (true) {
      SearchResults page = index.search(request);
      paged.addAll(ids(page));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      request = request.withAfter(page.nextCursor().get());
    }
    assertEquals(all, paged);
    assertTrue(all.size() > 4, "enough hits for several pages: " + all);
  }

  @Test
  void aCursorFromAnotherQueryOrFilterIsRefused() {
    for (int i = 0; i < 6; i++) {
      index.add(
          Document.builder("d" + i)
              .metadata("kind", "bird")
              .section("Herons " + i, "Herons and egrets wade in the pond " + i + ".")
              .build());
    }
    index.commit();
    String cursor =
        index.search(SearchRequest.of("herons").withLimit(2)).nextCursor().orElseThrow();
    assertEquals(
        2, index.search(SearchRequest.of("herons").withLimit(2).withAfter(cursor)).hits().size());
    for (SearchRequest other :
        List.of(
            SearchRequest.of("egrets").withAfter(cursor),
            SearchRequest.of("herons").withFilter("kind", "bird").withAfter(cursor))) {
      QueryException e = assertThrows(QueryException.class, () -> index.search(other));
      assertTrue(e.getMessage().contains("another search"), e.getMessage());
      assertTrue(e.getMessage().contains(other.query()), e.getMessage());
    }
  }

  @Test
  void collapsedPagesHoldEachDocumentOnceWithItsBestSection() {
    addCorpus(index);
    SearchRequest request = SearchRequest.of("kestrel owl voles").withCollapse(true);
    SearchResults whole = index.search(request.withLimit(100));
    Set<String> documents = new HashSet<>();
    whole.hits().forEach(hit -> assertTrue(documents.add(hit.docId()), hit.docId()));
    assertEquals(documents.size(), whole.totalHits());
    assertTrue(whole.totalHitsExact());
    List<String> paged = new ArrayList<>();
    SearchRequest page = request.withLimit(1);
    while (true) {
      SearchResults results = index.search(page);
      paged.addAll(ids(results));
      if (results.nextCursor().isEmpty()) {
        break;
      }
      page = page.withAfter(results.nextCursor().get());
    }
    assertEquals(ids(whole), paged);
  }

  @Test
  void totalsCountEveryMatchingSection() {
    addCorpus(index);
    SearchResults results = index.search(SearchRequest.of("kestrel").withLimit(1));
    assertEquals(4, results.totalHits());
    assertTrue(results.totalHitsExact());
    assertEquals(1, results.hits().size());
    assertEquals(4, index.search(SearchRequest.of("kestrel").withExactTotal(true)).totalHits());
  }

  @Test
  void dateFiltersKeepOnlySectionsDatedInRange() {
    addCorpus(index);
    SearchResults results =
        index.search(
            SearchRequest.browse()
                .withSince(LocalDate.of(2021, 1, 1))
                .withUntil(LocalDate.of(2022, 12, 31))
                .withLimit(100));
    Set<String> documents = new HashSet<>();
    results.hits().forEach(hit -> documents.add(hit.docId()));
    assertEquals(Set.of("kestrels.md", "owls"), documents);
  }

  @Test
  void browsingListsNewestFirstAndUndatedLast() {
    addCorpus(index);
    List<SearchHit> hits =
        index.search(SearchRequest.browse().withCollapse(true).withLimit(10)).hits();
    List<String> ids = new ArrayList<>();
    hits.forEach(hit -> ids.add(hit.docId()));
    assertEquals(List.of("falcons", "owls", "kestrels.md", "finches", "undated"), ids);
    List<SearchHit> oldest =
        index.search(SearchRequest.of("kestrel").withSort(SortOrder.OLDEST).withLimit(10)).hits();
    assertEquals("kestrels.md", oldest.get(0).docId());
    assertEquals("undated", oldest.get(oldest.size() - 1).docId());
  }

  @Test
  void metadataFiltersAndFacetsCountValues() {
    addCorpus(index);
    SearchResults raptors =
        index.search(
            SearchRequest.browse()
                .withFilter("kind", "raptor")
                .withCollapse(true)
                .withFacets("kind", "date", "team.name"));
    assertEquals(3, raptors.totalHits());
    assertEquals(
        Map.of("raptor", 3L, "nocturnal", 1L), raptors.facets().get("kind"), "document counts");
    assertEquals(
        List.of("raptor", "nocturnal"), List.copyOf(raptors.facets().get("kind").keySet()));
    assertEquals(
        List.of("2023", "2022", "2021"), List.copyOf(raptors.facets().get("date").keySet()));
    assertEquals(Map.of("field", 1L), raptors.facets().get("team.name"));
    SearchResults sections =
        index.search(SearchRequest.browse().withFilter("kind", "raptor").withFacets("kind"));
    assertEquals(6L, sections.facets().get("kind").get("raptor"), "section counts");
    assertEquals(
        1,
        index
            .search(SearchRequest.browse().withFilter("team.name", "field").withCollapse(true))
            .totalHits());
  }

  @Test
  void hitsCarryTheirDocumentsFields() {
    addCorpus(index);
    SearchHit hit = index.search(SearchRequest.of("tawny").withSectionText(true)).hits().get(0);
    assertEquals("owls", hit.docId());
    assertEquals("Owls", hit.title());
    assertEquals("Tawny owls", hit.heading());
    assertEquals(1, hit.ordinal());
    assertEquals(Optional.of(LocalDate.of(2022, 3, 10)), hit.date());
    assertEquals(Map.of("kind", List.of("raptor", "nocturnal")), hit.metadata());
    assertEquals(Optional.of("The tawny owl calls at night; it hunts in woods."), hit.text());
  }

  @Test
  void getAndSectionGiveWholeTextsInOrder() {
    addCorpus(index);
    IndexedDocument kestrels = index.get("kestrels.md").orElseThrow();
    assertEquals("Kestrels", kestrels.title());
    assertEquals(Optional.of(LocalDate.of(2021, 5, 1)), kestrels.date());
    assertEquals(
        Map.of("kind", List.of("raptor"), "team.name", List.of("field")), kestrels.metadata());
    List<Integer> ordinals = new ArrayList<>();
    kestrels.sections().forEach(section -> ordinals.add(section.ordinal()));
    assertEquals(List.of(0, 1, 2), ordinals);
    Section migration = index.section("kestrels.md", 2).orElseThrow();
    assertEquals("Migration", migration.heading());
    assertEquals("Some kestrels migrate south in winter; most stay.", migration.text());
    assertTrue(index.get("absent").isEmpty());
    assertTrue(index.section("owls", 7).isEmpty());
  }

  @Test
  void statsCountDocumentsSectionsAndDates() {
    addCorpus(index);
    IndexStats stats = index.stats();
    assertEquals(5, stats.documents());
    assertEquals(9, stats.sections());
    assertEquals(Optional.of(LocalDate.of(2020, 1, 15)), stats.oldest());
    assertEquals(Optional.of(LocalDate.of(2023, 7, 2)), stats.newest());
    assertTrue(stats.sizeBytes() > 0);
  }

  @Test
  void badIdsQueriesAndCursorsAreRefusedNamingThem() {
    addCorpus(index);
    IllegalArgumentException badId =
        assertThrows(IllegalArgumentException.class, () -> index.delete("bad\u0000id"));
    assertTrue(badId.getMessage().contains("bad"), badId.getMessage());
    QueryException noWords = assertThrows(QueryException.class, () -> index.search("  ()  "));
    assertTrue(noWords.getMessage().contains("no words"), noWords.getMessage());
    QueryException cursor =
        assertThrows(
            QueryException.class,
            () -> index.search(SearchRequest.of("kestrel").withAfter("not-a-cursor")));
    assertTrue(cursor.getMessage().contains("kestrel"), cursor.getMessage());
  }

  @Test
  void aQueryOfStopWordsOnlyFindsNothingAndSaysWhy() {
    addCorpus(index);
    SearchResults results = index.search("the of");
    assertEquals(0, results.totalHits());
    assertEquals(1, results.notes().size());
  }

  /**
   * Whether the backend completes prefixes ({@link SectionIndex#suggest}); one that does not must
   * refuse with a message that says so.
   */
  protected boolean suggests() {
    return true;
  }

  @Test
  void suggestionsCompleteHeadingsTitlesAndWordsOrAreRefusedSayingSo() {
    addCorpus(index);
    if (!suggests()) {
      UnsupportedOperationException refused =
          assertThrows(UnsupportedOperationException.class, () -> index.suggest("kes", 5));
      assertTrue(refused.getMessage().contains("suggestions"), refused.getMessage());
      return;
    }
    // the title "Kestrels" first, then the word of most sections ("kestrels" is both: once)
    assertEquals(List.of("Kestrels", "kestrel"), index.suggest("KES", 5));
    assertEquals(List.of("Tawny owls", "tawny over", "tawny owl"), index.suggest("tawny o", 3));
    // the last word completed, the words before it kept as typed
    assertEquals(List.of("barn hunts", "barn hunting"), index.suggest("barn hunt", 5));
    assertEquals(List.of("Kestrels"), index.suggest("  kes", 1));
    // stop words and words of a single section are not suggested
    assertEquals(List.of(), index.suggest("the", 5));
    assertEquals(List.of(), index.suggest("motorw", 5));
    assertEquals(List.of(), index.suggest(" ", 5));
    assertThrows(IllegalArgumentException.class, () -> index.suggest("kes", 0));
    index.delete("kestrels.md");
    index.refresh();
    assertFalse(index.suggest("kes", 5).contains("Kestrels"), "a deleted title is not suggested");
  }

  private static List<String> ids(SearchResults results) {
    List<String> ids = new ArrayList<>();
    results.hits().forEach(hit -> ids.add(hit.docId() + "#" + hit.ordinal()));
    return ids;
  }

  /**
   * The same hits in the same order, with the same scores up to float rounding (relative to the
   * score), as the embedded index gives.
   */
  /** Sections of the corpus to find related sections of: docId and ordinal. */
  private static final List<Map.Entry<String, Integer>> RELATED_TO =
      List.of(
          Map.entry("kestrels.md", 1),
          Map.entry("kestrels.md", 2),
          Map.entry("owls", 0),
          Map.entry("undated", 0),
          Map.entry("finches", 1));

  @Test
  void relatedSectionsMatchTheEmbeddedIndexAndNeverHoldTheSectionItself() {
    addCorpus(index);
    try (SectionIndex embedded = SectionIndex.inMemory()) {
      addCorpus(embedded);
      for (Map.Entry<String, Integer> section : RELATED_TO) {
        String what = "related to " + section;
        SearchResults expected = embedded.related(section.getKey(), section.getValue(), 5);
        SearchResults actual = index.related(section.getKey(), section.getValue(), 5);
        assertSameHitsAndScores(expected, actual, what);
        assertEquals(expected.query(), actual.query(), what);
        assertFalse(
            describe(actual).stream()
                .anyMatch(hit -> hit.startsWith(section.getKey() + "#" + section.getValue() + " ")),
            what);
      }
      assertFalse(index.related("kestrels.md", 1, 5).hits().isEmpty());
      IllegalArgumentException unknown =
          assertThrows(IllegalArgumentException.class, () -> index.related("no-such", 0, 5));
      assertEquals("document no-such has no section 0", unknown.getMessage());
      assertThrows(IllegalArgumentException.class, () -> index.related("owls", 9, 5));
    }
  }

  @Test
  void relatedSectionsByWordsAndMeaningMatchTheEmbeddedIndex() {
    try (SectionIndex withVectors = newIndex(new WordHashEmbedder());
        SectionIndex embedded = EmbeddedIndex.builder().embedder(new WordHashEmbedder()).build()) {
      addCorpus(withVectors);
      addCorpus(embedded);
      for (Map.Entry<String, Integer> section : RELATED_TO) {
        String what = "related by meaning to " + section;
        SearchResults expected = embedded.related(section.getKey(), section.getValue(), 5);
        SearchResults actual = withVectors.related(section.getKey(), section.getValue(), 5);
        assertFalse(expected.hits().isEmpty(), what);
        assertSameHitsAndScores(expected, actual, what);
        assertEquals(expected.totalHits(), actual.totalHits(), "total of " + what);
      }
    }
  }

  private static void assertSameHitsAndScores(
      SearchResults expected, SearchResults actual, String what) {
    assertEquals(describe(expected), describe(actual), what);
    for (int i = 0; i < expected.hits().size(); i++) {
      assertEquals(
          expected.hits().get(i).score(),
          actual.hits().get(i).score(),
          1e-4f * Math.max(1f, expected.hits().get(i).score()),
          "score of hit " + i + " of " + what);
    }
  }
}
