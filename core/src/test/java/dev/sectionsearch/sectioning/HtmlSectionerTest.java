package dev.sectionsearch.sectioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.document.Section;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** HTML pages: chrome removed, headings make sections, metadata gives title and date. */
class HtmlSectionerTest {
  private static Outline split(String html) {
    return new HtmlSectioner().split(html);
  }

  private static List<String> headings(Outline outline) {
    return outline.sections().stream().map(Section::heading).toList();
  }

  private static String allText(Outline outline) {
    return String.join(
        "\n", outline.sections().stream().map(s -> s.heading() + "\n" + s.text()).toList());
  }

  @Test
  void headingsStartSectionsWhereverTheyAreNested() {
    Outline outline =
        split(
            "<body><div><section><h2>Install</h2><p>Run it.</p></section>"
                + "<div><div><h2>Usage</h2></div><p>Use it.</p></div></div></body>");
    assertEquals(List.of("Install", "Usage"), headings(outline));
    assertEquals("Use it.", outline.sections().get(1).text());
  }

  @Test
  void titleComesFromTheTitleElement() {
    Outline outline = split("<title> The  Guide </title><h2>Intro</h2><p>Hi.</p>");
    assertEquals(Optional.of("The Guide"), outline.title());
  }

  @Test
  void withoutATitleElementTheFirstH1IsTheTitle() {
    Outline outline = split("<h1>The Guide</h1><p>Intro.</p><h2>Install</h2><p>Run it.</p>");
    assertEquals(Optional.of("The Guide"), outline.title());
    assertEquals(List.of("Install"), outline.sections().get(1).headingPath());
  }

  @Test
  void headingPathFollowsLevels() {
    Outline outline =
        split(
            "<title>Guide</title><h1>Guide</h1><h2>Install</h2><p>A</p><h3>Linux</h3><p>B</p>"
                + "<h2>Usage</h2><p>C</p>");
    List<List<String>> paths = outline.sections().stream().map(Section::headingPath).toList();
    assertEquals(
        List.of(
            List.of("Guide"), List.of("Install"), List.of("Install", "Linux"), List.of("Usage")),
        paths);
  }

  @Test
  void scriptStyleNavigationAndFootersNeverReachSections() {
    Outline outline =
        split(
            "<html><head><style>.x{color:red}</style><script>var secret=1;</script></head><body>"
                + "<header>Site Name Menu</header><nav><a>Home</a> <a>About</a></nav>"
                + "<div class=\"sidebar\">Popular posts</div>"
                + "<h2>Owls</h2><p>Owls hunt at night.</p>"
                + "<div id=\"footer\">Copyright</div><footer>Contact us</footer></body></html>");
    String text = allText(outline);
    for (String chrome :
        List.of("color:red", "secret", "Site Name", "Home", "Popular", "Copyright", "Contact")) {
      assertFalse(text.contains(chrome), chrome + " leaked into: " + text);
    }
    assertTrue(text.contains("Owls hunt at night."));
  }

  @Test
  void theOnlyMainElementIsTheContent() {
    Outline outline =
        split(
            "<body><div><h2>Elsewhere</h2><p>Promo.</p></div><main><h2>Owls</h2><p>Hunt.</p></main></body>");
    assertEquals(List.of("Owls"), headings(outline));
  }

  @Test
  void anArticlesOwnHeaderIsKept() {
    Outline outline = split("<article><header><h1>Owls</h1></header><p>They hunt.</p></article>");
    assertEquals(Optional.of("Owls"), outline.title());
    assertEquals("They hunt.", outline.sections().get(0).text());
  }

  @Test
  void publishedTimeMetadataGivesTheDate() {
    Outline outline =
        split(
            "<head><meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\">"
                + "</head><body><p>Text.</p><time datetime=\"2020-01-01\">old</time></body>");
    assertEquals(Optional.of("2024-03-05T10:00:00Z"), outline.dateText());
  }

  @Test
  void aTimeElementGivesTheDateWhenThereIsNoMetadata() {
    Outline outline =
        split("<article><time datetime=\"2023-07-08\">July 8</time><p>Text.</p></article>");
    assertEquals(Optional.of("2023-07-08"), outline.dateText());
  }

  @Test
  void paragraphsAndListItemsKeepTheirBreaks() {
    Outline outline =
        split(
            "<h2>Steps</h2><p>First   paragraph.</p><p>Second.</p><ul><li>one</li><li>two</li></ul>");
    assertEquals("First paragraph.\n\nSecond.\n\none\ntwo", outline.sections().get(0).text());
  }

  @Test
  void headerLinkMarksAreNotPartOfHeadings() {
    Outline outline =
        split("<h2>Install<a class=\"headerlink\" href=\"#install\">\u00b6</a></h2><p>Run.</p>");
    assertEquals("Install", outline.sections().get(0).heading());
  }

  @Test
  void sectionRangeStartsAtTheHeadingInTheOriginalText() {
    String html = "<html><body><p>Intro.</p><h2>Usage</h2><p>Use it.</p></body></html>";
    Section usage = split(html).sections().get(1);
    String range = html.substring(usage.start(), usage.end());
    assertTrue(range.startsWith("<h2>Usage</h2>"), range);
    assertTrue(range.contains("Use it."), range);
  }

  @Test
  void malformedHtmlStillSplits() {
    Outline outline = split("<h2>Owls</h2><p>They <b>hunt <i>at</b> night.<h2>Hawks</h3><p>By day");
    assertEquals(List.of("Owls", "Hawks"), headings(outline));
    assertEquals("They hunt at night.", outline.sections().get(0).text());
    assertEquals("By day", outline.sections().get(1).text());
  }

  @Tag("slow") // long-input guard; runs in verify
  @Test
  void deeplyNestedHtmlDoesNotOverflowTheStack() {
    String html = "<div>".repeat(100_000) + "<h2>Deep</h2><p>Down here.</p>";
    Outline outline = split(html);
    assertEquals(List.of("Deep"), headings(outline));
  }

  @Test
  void randomBytesDoNotThrow() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      char[] chars = new char[random.nextInt(400)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = "<>/=\"' abhp12&;#!-\n".charAt(random.nextInt(19));
      }
      split(new String(chars));
    }
  }

  @Test
  void aPreformattedPageIsNamedByItsFirstLineAndDatedByItsDateline() {
    Outline outline =
        split(
            "<html><pre>\n\nPreliminary Report on Algol\n\nCACM December, 1958\n\nPerlis, A. J.\n</pre></html>");
    assertEquals(Optional.of("Preliminary Report on Algol"), outline.title());
    assertEquals(Optional.of("December, 1958"), outline.dateText());
    assertEquals(
        Optional.of(java.time.LocalDate.of(1958, 12, 1)), DateText.parse("December, 1958"));
  }

  @Test
  void anElementLeftOpenAtTheEndKeepsTheRangeInsideTheText() {
    String html = "C<bFqQV";
    for (Section section : split(html).sections()) {
      assertTrue(section.end() <= html.length(), section.toString());
    }
  }

  @Test
  void nestedHeadingsGiveRangesThatDoNotOverlap() {
    String html = "<h2>Owls<h3>Barn</h3>more</h2><p>Text</p><div><h2>Hawks</h2><p>Day</div>";
    int previousEnd = 0;
    for (Section section : split(html).sections()) {
      assertTrue(section.start() >= previousEnd, section.toString());
      assertTrue(section.end() <= html.length(), section.toString());
      previousEnd = section.end();
    }
  }

  @Test
  void bracketedNumbersInCodeAndPreAreKept() {
    Outline outline =
        split(
            "<h2>Arrays</h2><p><code>arr[1]</code> is the second element.[2]</p>"
                + "<pre>x = [1] [2]</pre>");
    assertEquals("arr[1] is the second element.\n\nx = [1] [2]", outline.sections().get(0).text());
  }
}
