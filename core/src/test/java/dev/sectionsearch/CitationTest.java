package dev.sectionsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Citations: every passage names the range of its document's source that holds it, so that a
 * program can quote the original file; and a hit leads to its section's whole text.
 */
class CitationTest {
  @TempDir Path folder;

  private static final String MARKDOWN =
      """
      ---
      title: Field notes
      tags: [birds, night]
      ---
      # Field notes

      Intro paragraph about **barn owls** and their [hunting grounds](https://example.com/owls).

      ## Night hunting

      Barn owls hunt at *night* over open fields.
      They find voles by sound alone, even under snow.

      - first, the owl listens
      - then it *strikes* silently

      Use `owl[1]` in code, see [1] for the survey.

      ## Nesting

      Owls nest in old barns and hollow trees. <span class="note">Clutches</span> hold four to
      six eggs.
      """;

  private static final String HTML =
      """
      <!doctype html>
      <html><head><title>Gull guide</title>
      <meta name="keywords" content="birds, coast">
      <script>var gulls = "hidden gulls in script";</script></head>
      <body><nav><a href="/">Home</a> <a href="/gulls">Gulls</a></nav>
      <main>
      <h1>Gull guide</h1>
      <p>Gulls follow <b>fishing</b> boats &amp; ferries along the <i>coast</i>.</p>
      <h2>Feeding</h2>
      <p>Herring gulls drop shellfish onto rocks to break them open.
      Young gulls learn it by watching&nbsp;adults.</p>
      <!-- an aside about rocks -->
      <ul><li>Shellfish</li><li>Fish scraps from <a href="/boats">boats</a></li></ul>
      <h2>Calls</h2>
      <p>The long call of a gull carries over the harbour.</p>
      </main>
      <footer>Copyright gulls inc.</footer>
      </body></html>
      """;

  private static final String TEXT =
      """
      Swift migration

      Common swifts spend almost their whole lives in the air, landing only to nest.

      Crossing the Sahara
      Every autumn the swifts cross the Sahara to Africa, flying day and night.
      They sleep on the wing, gliding at high altitude.[4]
      """;

  @Test
  void passagesOfMarkdownHtmlAndTextPointIntoTheirSourceFiles() throws IOException {
    Path docs = Files.createDirectories(folder.resolve("docs"));
    Files.writeString(docs.resolve("owls.md"), MARKDOWN);
    Files.writeString(docs.resolve("gulls.html"), HTML);
    Files.writeString(docs.resolve("swifts.txt"), TEXT);
    try (SectionIndex index = SectionIndex.open(folder.resolve("index"))) {
      index.addAll(docs, IndexingListener.NONE);
      index.commit();
      int checked = 0;
      for (String query :
          List.of(
              "owls",
              "voles snow",
              "strikes",
              "barns eggs",
              "gulls",
              "shellfish rocks",
              "adults",
              "harbour",
              "ferries",
              "swifts Sahara",
              "wing altitude",
              "owl",
              "boats")) {
        checked += assertCitable(index.search(SearchRequest.of(query).withLimit(50)));
      }
      assertTrue(checked > 20, "passages checked: " + checked);
    }
  }

  @Test
  void theSeedArticlesPassagesPointIntoIt() throws IOException {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.addAll(SeedSearchTest.SEEDS, IndexingListener.NONE);
      index.commit();
      int checked = 0;
      for (String query :
          List.of("Russia Ukraine drones", "Iran", "sanctions", "nuclear", "oil", "relations")) {
        checked += assertCitable(index.search(SearchRequest.of(query).withLimit(50)));
      }
      assertTrue(checked > 10, "passages checked: " + checked);
    }
  }

  @Test
  void randomMarkupStillGivesCitableRanges() throws IOException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    Path docs = Files.createDirectories(folder.resolve("random"));
    for (int i = 0; i < 30; i++) {
      boolean html = random.nextBoolean();
      Files.writeString(
          docs.resolve("doc" + i + (html ? ".html" : ".md")),
          html ? randomHtml(random) : randomMarkdown(random),
          StandardCharsets.UTF_8);
    }
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.addAll(docs, IndexingListener.NONE);
      index.commit();
      for (String word : WORDS) {
        try {
          assertCitable(index.search(SearchRequest.of(word).withLimit(100).withMaxPassages(3)));
        } catch (AssertionError e) {
          throw new AssertionError("seed " + seed + ", query " + word + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * Real documentation, when it has been fetched (../shared/corpora/fetch-debian-docs.sh): every
   * passage of searches over a sample of the Linux and Python HTML pages and their reStructuredText
   * sources (read as plain text) is citable.
   */
  @Test
  void passagesOfRealDocumentationPointIntoTheirSources() throws IOException {
    Path corpus =
        Path.of(System.getProperty("user.home"), ".cache", "section-corpora", "linux-doc", "html");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(corpus), "the Debian docs corpus is not fetched");
    Path sample = Files.createDirectories(folder.resolve("sample"));
    List<Path> pages;
    try (var walk = Files.walk(corpus)) {
      pages =
          walk.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".rst.txt"))
              .sorted()
              .toList();
    }
    int step = Math.max(1, pages.size() / 400);
    for (int i = 0; i < pages.size(); i += step) {
      Path page = pages.get(i);
      String name = i + "-" + page.getFileName().toString().replace(".rst.txt", ".txt");
      Files.copy(page, sample.resolve(name));
    }
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.addAll(sample, IndexingListener.NONE);
      index.commit();
      int checked = 0;
      for (String query :
          List.of(
              "memory allocation",
              "interrupt handler",
              "device tree",
              "scheduler",
              "locking",
              "file system",
              "network driver",
              "power management",
              "kernel module",
              "DMA",
              "the",
              "configuration options",
              "debugging",
              "USB",
              "virtual memory")) {
        checked +=
            assertCitable(index.search(SearchRequest.of(query).withLimit(50).withMaxPassages(3)));
      }
      System.out.println("real documentation: " + checked + " passages citable");
      assertTrue(checked > 500, "passages checked: " + checked);
    }
  }

  /**
   * Sphinx HTML (a word split by a closing link tag, {@code <pre>} with entities, list items) and
   * Markdown with renumbered lists: the shapes next to which an application's audit found citations
   * of a single space at the end of a section.
   */
  @Test
  void sphinxHtmlAndNumberedMarkdownListsAreCitedWhereTheirWordsStand() throws IOException {
    Path docs = Files.createDirectories(folder.resolve("fixtures"));
    for (String name : List.of("dataclasses.html", "api-documentation.md")) {
      try (var in = CitationTest.class.getResourceAsStream("/citations/" + name)) {
        Files.copy(in, docs.resolve(name));
      }
    }
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.addAll(docs, IndexingListener.NONE);
      index.commit();
      int checked = 0;
      for (String query :
          List.of(
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
        checked += assertCitable(index.search(SearchRequest.of(query).withMaxPassages(3)));
      }
      SearchHit hit = index.search("\"for example this code\"").hits().get(0);
      Passage passage = hit.passages().get(0);
      String source = Files.readString(Path.of(hit.source()));
      assertTrue(
          source.substring(passage.sourceStart(), passage.sourceEnd()).contains("this code"),
          passage.toString());
      assertTrue(checked >= 10, "passages checked: " + checked);
    }
  }

  @Test
  void sectionsGivenInCodeCiteTheirTextJoined() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(
          Document.builder("faq")
              .section("Shipping", "Orders ship within two working days.")
              .section("Returns", "Return any item within thirty days for a refund.")
              .build());
      index.commit();
      String joined =
          "Shipping\n\nOrders ship within two working days.\n\n"
              + "Returns\n\nReturn any item within thirty days for a refund.";
      SearchHit hit = index.search("refund").hits().get(0);
      Passage passage = hit.passages().get(0);
      assertEquals(passage.text(), joined.substring(passage.sourceStart(), passage.sourceEnd()));
      assertEquals(
          List.of("faq:" + passage.sourceStart() + "-" + passage.sourceEnd()), hit.citations());
    }
  }

  @Test
  void aHitLeadsToItsWholeSectionAndItsDocument() {
    try (SectionIndex index = SectionIndex.inMemory()) {
      String longBody = "Swifts sleep on the wing. " + "They glide for hours. ".repeat(40);
      index.add(
          Document.builder("swifts")
              .title("Swifts")
              .metadata("tags", "birds")
              .section("Flight", longBody)
              .section("Nests", "Swifts nest under roof tiles.")
              .build());
      index.commit();
      SearchHit hit = index.search("sleep").hits().get(0);
      assertTrue(hit.text().isEmpty(), "text only when asked for");
      Optional<Section> section = index.section(hit.docId(), hit.ordinal());
      assertEquals(longBody, section.orElseThrow().text());
      SearchHit withText =
          index.search(SearchRequest.of("sleep").withSectionText(true)).hits().get(0);
      assertEquals(longBody, withText.text().orElseThrow());

      IndexedDocument document = index.get("swifts").orElseThrow();
      assertEquals("Swifts", document.title());
      assertEquals(
          List.of("Flight", "Nests"), document.sections().stream().map(Section::heading).toList());
      assertEquals(List.of("birds"), document.metadata().get("tags"));
      assertFalse(index.get("no such document").isPresent());
      assertFalse(index.section("swifts", 7).isPresent());
    }
  }

  @Test
  void aMatchAtTheEndOfAVeryLongSectionIsThePassageShown() throws IOException {
    String filler = "Plain filler sentence about nothing in particular. ".repeat(2000);
    String markdown = "# Long\n\n## Part\n\n" + filler + "The kestrel hovers at last.\n";
    Path file = folder.resolve("long.md");
    Files.writeString(file, markdown);
    try (SectionIndex index = SectionIndex.inMemory()) {
      index.add(file);
      index.commit();
      Passage passage = index.search("kestrel").hits().get(0).passages().get(0);
      assertTrue(passage.text().contains("kestrel"), passage.text());
      assertEquals(List.of("kestrel"), passage.highlightedTexts());
      assertTrue(
          markdown.substring(passage.sourceStart(), passage.sourceEnd()).contains("kestrel"));
    }
  }

  /** Checks every passage of the results; returns how many it checked. */
  static int assertCitable(SearchResults results) throws IOException {
    int checked = 0;
    for (SearchHit hit : results.hits()) {
      String source = Files.readString(Path.of(hit.source()));
      for (Passage passage : hit.passages()) {
        // a section with no text of its own shows its first subsection's opening, which follows it
        boolean subsection = passage.start() == passage.end() && passage.highlights().isEmpty();
        assertTrue(
            subsection
                ? passage.sourceStart() >= hit.end()
                : passage.sourceStart() >= hit.start() && passage.sourceEnd() <= hit.end(),
            passage + " outside its section [" + hit.start() + ", " + hit.end() + ")");
        String cited = source.substring(passage.sourceStart(), passage.sourceEnd());
        // markup removed: tags in HTML and Markdown (inline ones without a space, as a browser
        // shows "method</a>s"); plain text has none ("<b>" is text there)
        String withoutTags =
            hit.source().endsWith(".txt")
                ? cited
                : cited.replaceAll(INLINE_TAG, "").replaceAll("<[^>]*>", " ");
        List<String> citedWords = words(Parser.unescapeEntities(withoutTags, false));
        // list numbers are the renderer's (Markdown renumbers "1. 1. 1."), not the source's
        List<String> passageWords =
            words(passage.text().replaceAll("(?m)^\\s*\\d+[.)](\\s|$)", ""));
        assertTrue(
            isSubsequence(passageWords, citedWords),
            "passage words "
                + passageWords
                + " not in order in the cited source: "
                + cited
                + " ("
                + hit.source()
                + ", "
                + passage
                + ")");
        checked++;
      }
    }
    return checked;
  }

  private static final String INLINE_TAG =
      "(?i)</?(a|span|code|em|strong|b|i|abbr|kbd|var|samp|sub|sup|cite|q|small|mark|tt|u|s|del"
          + "|ins|dfn|time|data)(\\s[^>]*)?>";

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : text.split("[^\\p{L}\\p{N}]+", -1)) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static boolean isSubsequence(List<String> needle, List<String> haystack) {
    int at = 0;
    for (String word : haystack) {
      if (at < needle.size() && needle.get(at).equals(word)) {
        at++;
      }
    }
    return at == needle.size();
  }

  private static final List<String> WORDS =
      List.of(
          "alder", "birch", "cedar", "daisy", "elm", "fern", "gorse", "heath", "ivy", "juniper");

  private static String sentence(Random random) {
    StringBuilder out = new StringBuilder();
    int length = 3 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      out.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return out.append('.').toString();
  }

  private static String randomMarkdown(Random random) {
    StringBuilder out = new StringBuilder("# Title ").append(random.nextInt(1000)).append("\n\n");
    for (int block = 0; block < 12; block++) {
      String s = sentence(random);
      String word = WORDS.get(random.nextInt(WORDS.size()));
      String next = sentence(random);
      switch (random.nextInt(7)) {
        case 0 -> out.append("## ").append(word).append("\n\n");
        case 1 -> out.append("Some **").append(s).append("** here.\n\n");
        case 2 ->
            out.append("A [link ")
                .append(s)
                .append("](https://x.org/")
                .append(s.replace(' ', '-'))
                .append(") end.\n\n");
        case 3 -> out.append("- ").append(s).append("\n- ").append(next).append("\n\n");
        case 4 -> out.append("`code ").append(word).append("` and ").append(s).append("\n\n");
        case 5 -> out.append("<b>").append(s).append("</b> tail.\n\n");
        default -> out.append(s).append(' ').append(next).append("\n\n");
      }
    }
    return out.toString();
  }

  private static String randomHtml(Random random) {
    StringBuilder out = new StringBuilder("<html><head><title>T</title></head><body><main>");
    for (int block = 0; block < 12; block++) {
      String s = sentence(random);
      String word = WORDS.get(random.nextInt(WORDS.size()));
      String next = sentence(random);
      switch (random.nextInt(6)) {
        case 0 -> out.append("<h2>").append(word).append("</h2>");
        case 1 -> out.append("<p>Some <em>").append(s).append("</em> here &amp; there.</p>");
        case 2 ->
            out.append("<p><a href=\"/")
                .append(s.replace(' ', '/'))
                .append("\">")
                .append(s)
                .append("</a></p>");
        case 3 ->
            out.append("<ul><li>").append(s).append("</li><li>").append(next).append("</li></ul>");
        case 4 -> out.append("<!-- ").append(s).append(" --><p>").append(next).append("</p>");
        default -> out.append("<p>").append(s).append("<br>").append(next).append("</p>");
      }
    }
    return out.append("</main></body></html>").toString();
  }
}
