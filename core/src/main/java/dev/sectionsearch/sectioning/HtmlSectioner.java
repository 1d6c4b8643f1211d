package dev.sectionsearch.sectioning;

import dev.sectionsearch.document.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Splits HTML into sections at its {@code h1}-{@code h6} headings, wherever they are nested;
 * heading levels give each section its heading path.
 *
 * <p>Page chrome is removed first: scripts, styles, navigation, site headers and footers, side
 * bars, forms, and elements whose id or class names them as such ({@code nav}, {@code sidebar},
 * {@code footer}, {@code breadcrumb}, ...). Of what is left, the content is the page's only {@code
 * <main>}, else its only {@code <article>}, else its {@code <body>}.
 *
 * <p>The title is the {@code <title>}, else the first {@code <h1>}; an {@code h1} that repeats the
 * title stays out of the other sections' heading paths. The date is the first found of {@code <meta
 * property="article:published_time">}, other common date metadata, and the first {@code <time
 * datetime>} in the content, and last a dateline near the top of the text ("December, 1958"). A
 * page with neither title nor heading is named by its first line.
 *
 * <p>Stateless and thread-safe.
 */
final class HtmlSectioner implements Sectioner {
  private static final String CHROME_ELEMENTS =
      "script, style, noscript, template, nav, aside, form, iframe, svg, button, select, "
          + "object, embed, [role=navigation], [role=banner], [role=contentinfo], "
          + "[role=search], [hidden], a.headerlink";

  /** Class and id words that mark page chrome, matched as whole words. */
  private static final Set<String> CHROME_NAMES =
      Set.of(
          "nav",
          "navbar",
          "navigation",
          "menu",
          "sidebar",
          "sphinxsidebar",
          "footer",
          "breadcrumb",
          "breadcrumbs",
          "cookie",
          "cookies",
          "advert",
          "ads",
          "advertisement",
          "share",
          "social",
          "related",
          "skip-link",
          "toc-sidebar",
          "site-header",
          "site-footer");

  private static final List<String> DATE_METADATA =
      List.of(
          "meta[property=article:published_time]",
          "meta[name=article:published_time]",
          "meta[itemprop=datePublished]",
          "meta[name=date]",
          "meta[name=dc.date]",
          "meta[name=dc.date.issued]",
          "meta[name=dcterms.date]",
          "meta[name=pubdate]",
          "meta[name=publishdate]",
          "meta[property=og:published_time]");

  /** Longest first line taken as the title of a page without one. */
  private static final int MAX_TITLE_CHARS = 150;

  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  /** Elements after which text continues on a new paragraph. */
  private static final Set<String> PARAGRAPHS =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "header",
          "footer",
          "blockquote",
          "pre",
          "table",
          "ul",
          "ol",
          "dl",
          "figure",
          "figcaption",
          "address",
          "details",
          "summary",
          "fieldset",
          "hr",
          "center");

  /** Elements whose text is code, where brackets index arrays rather than cite sources. */
  private static final Set<String> CODE = Set.of("code", "pre", "kbd", "samp");

  /** Elements after which text continues on a new line. */
  /** {@code <meta name>}s that steer browsers, robots and apps rather than describe the page. */
  private static final Set<String> BROWSER_META =
      Set.of(
          "viewport",
          "robots",
          "googlebot",
          "referrer",
          "theme-color",
          "color-scheme",
          "format-detection",
          "msapplication-tilecolor",
          "msapplication-config",
          "generator",
          "apple-mobile-web-app-capable",
          "apple-mobile-web-app-status-bar-style",
          "mobile-web-app-capable",
          "csrf-token",
          "csrf-param");

  private static final Set<String> LINES = Set.of("li", "tr", "dt", "dd", "br", "caption");

  @Override
  public Outline split(String text) {
    Parser parser = Parser.htmlParser().setTrackPosition(true);
    org.jsoup.nodes.Document page = Jsoup.parse(text, "", parser);
    Optional<String> date = date(page);
    Map<String, List<String>> metadata = metadata(page);
    removeChrome(page);
    Element root = contentRoot(page);
    Optional<String> title = Optional.of(fold(page.title())).filter(t -> !t.isEmpty());
    Element titleHeading = titleHeading(root, title);
    if (title.isEmpty() && titleHeading != null) {
      title = Optional.of(headingText(titleHeading)).filter(t -> !t.isEmpty());
    }
    if (date.isEmpty()) {
      date =
          Optional.ofNullable(root.selectFirst("time[datetime]"))
              .map(time -> time.attr("datetime").strip())
              .filter(value -> !value.isEmpty());
    }
    Collector collector = new Collector(titleHeading, text.length());
    NodeTraversor.filter(collector, root);
    List<Section> sections = withoutOverlaps(collector.finish());
    if (!sections.isEmpty()) {
      String opening = sections.get(0).text();
      if (title.isEmpty()) {
        // an untitled page, such as text in a <pre>: its first line names it
        String firstLine = opening.lines().findFirst().orElse("").strip();
        title = Optional.of(firstLine).filter(t -> !t.isEmpty() && t.length() <= MAX_TITLE_CHARS);
      }
      if (date.isEmpty()) {
        date = DateText.findDateline(opening);
      }
    }
    return new Outline(title, date, sections, 0, List.of(), metadata);
  }

  /**
   * Trims each range to end where the next section starts. Markup such as a heading nested in a
   * heading, or an element closed after the next heading, would otherwise make ranges overlap.
   */
  private static List<Section> withoutOverlaps(List<Section> sections) {
    List<Section> trimmed = new ArrayList<>(sections.size());
    int previousEnd = 0;
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      int start = Math.max(section.start(), previousEnd);
      int end = Math.max(start, section.end());
      if (i + 1 < sections.size()) {
        end = Math.max(start, Math.min(end, sections.get(i + 1).start()));
      }
      trimmed.add(
          new Section(
              section.heading(),
              section.headingPath(),
              section.ordinal(),
              section.text(),
              start,
              end));
      previousEnd = end;
    }
    return trimmed;
  }

  /**
   * The page's {@code <meta name="..." content="...">} pairs, such as keywords, author or
   * description, less those that only steer browsers and robots; keywords are split at commas.
   */
  private static Map<String, List<String>> metadata(org.jsoup.nodes.Document page) {
    Map<String, List<String>> metadata = new LinkedHashMap<>();
    for (Element meta : page.select("meta[name][content]")) {
      String name = meta.attr("name").strip().toLowerCase(Locale.ROOT);
      String content = meta.attr("content").strip();
      if (content.isEmpty() || BROWSER_META.contains(name)) {
        continue;
      }
      List<String> values = metadata.computeIfAbsent(name, key -> new ArrayList<>());
      if (name.equals("keywords")) {
        for (String keyword : content.split(",", -1)) {
          if (!keyword.isBlank()) {
            values.add(keyword.strip());
          }
        }
      } else {
        values.add(content);
      }
    }
    return metadata;
  }

  private static Optional<String> date(org.jsoup.nodes.Document page) {
    for (String selector : DATE_METADATA) {
      for (Element meta : page.select(selector)) {
        String content = meta.attr("content").strip();
        if (!content.isEmpty()) {
          return Optional.of(content);
        }
      }
    }
    return Optional.empty();
  }

  private static void removeChrome(org.jsoup.nodes.Document page) {
    page.select(CHROME_ELEMENTS).remove();
    Elements all = page.getAllElements();
    List<Element> chrome = new ArrayList<>();
    for (Element element : all) {
      String tag = element.normalName();
      if (tag.equals("html") || tag.equals("body") || tag.equals("main") || tag.equals("article")) {
        continue;
      }
      if ((tag.equals("header") || tag.equals("footer")) && !insideContent(element)) {
        chrome.add(element);
      } else if (isNamedChrome(element)) {
        chrome.add(element);
      }
    }
    for (Element element : chrome) {
      element.remove();
    }
  }

  /** An article's own header holds its title and date: only site headers are chrome. */
  private static boolean insideContent(Element element) {
    for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
      String tag = parent.normalName();
      if (tag.equals("article") || tag.equals("main")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNamedChrome(Element element) {
    for (String name : element.classNames()) {
      if (CHROME_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return CHROME_NAMES.contains(element.id().toLowerCase(Locale.ROOT));
  }

  private static Element contentRoot(org.jsoup.nodes.Document page) {
    Elements main = page.select("main");
    if (main.size() == 1) {
      return main.first();
    }
    Elements articles = page.select("article");
    if (articles.size() == 1) {
      return articles.first();
    }
    return page.body();
  }

  /**
   * The first heading, when it is an {@code h1} naming the page: it repeats the title, or there is
   * no title.
   */
  private static Element titleHeading(Element root, Optional<String> title) {
    Element first = root.selectFirst("h1, h2, h3, h4, h5, h6");
    if (first == null || !first.normalName().equals("h1")) {
      return null;
    }
    if (title.isEmpty()) {
      return first;
    }
    String heading = headingText(first).toLowerCase(Locale.ROOT);
    String titleText = title.get().toLowerCase(Locale.ROOT);
    return !heading.isEmpty() && titleText.startsWith(heading) ? first : null;
  }

  private static String headingText(Element heading) {
    return fold(heading.text().replace("\u00b6", ""));
  }

  private static String fold(String text) {
    return text.replaceAll("[\\s\\u00a0]+", " ").strip();
  }

  /**
   * Walks the content in document order, without recursion (jsoup's traversal is iterative),
   * collecting text into the current section and opening a new one at each heading.
   */
  private static final class Collector implements NodeFilter {
    private final Element titleHeading;

    /** jsoup can place the end of an element left open at end of input one past the text. */
    private final int textLength;

    private final List<Section> sections = new ArrayList<>();
    private final HeadingPath path = new HeadingPath();
    private final SectionText body = new SectionText();
    private List<String> headingPath = List.of();
    private int start = -1;
    private int end = -1;
    private int preDepth;
    private int codeDepth;

    Collector(Element titleHeading, int textLength) {
      this.titleHeading = titleHeading;
      this.textLength = textLength;
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode textNode) {
        appendText(textNode);
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element element)) {
        return FilterResult.CONTINUE;
      }
      String tag = element.normalName();
      if (HEADINGS.contains(tag)) {
        openSection(element, tag.charAt(1) - '0');
        return FilterResult.SKIP_CHILDREN;
      }
      if (tag.equals("pre")) {
        preDepth++;
      }
      if (CODE.contains(tag)) {
        codeDepth++;
      }
      if (tag.equals("br")) {
        body.append('\n');
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element element) {
        String tag = element.normalName();
        if (tag.equals("pre")) {
          preDepth--;
        }
        if (CODE.contains(tag)) {
          codeDepth--;
        }
        if (PARAGRAPHS.contains(tag)) {
          body.append("\n\n");
        } else if (LINES.contains(tag) && !tag.equals("br")) {
          body.append('\n');
        }
        extendTo(element.endSourceRange());
      }
      return FilterResult.CONTINUE;
    }

    private void appendText(TextNode textNode) {
      String text = preDepth > 0 ? textNode.getWholeText() : textNode.text();
      if (preDepth == 0 && text.isBlank()) {
        if (body.length() > 0 && !Character.isWhitespace(body.charAt(body.length() - 1))) {
          body.append(' ');
        }
        return;
      }
      if (codeDepth > 0) {
        body.appendCode(text);
      } else {
        body.append(text);
      }
      Range range = textNode.sourceRange();
      if (range.isTracked()) {
        if (start < 0) {
          start = range.startPos();
        }
        end = Math.max(end, range.endPos());
      }
    }

    private void extendTo(Range range) {
      if (range.isTracked() && start >= 0) {
        end = Math.max(end, range.endPos());
      }
    }

    private void openSection(Element heading, int level) {
      close();
      headingPath =
          path.enter(
              level,
              headingText(heading),
              heading.equals(titleHeading)); // jsoup: equals is identity
      Range range = heading.sourceRange();
      Range endRange = heading.endSourceRange();
      if (range.isTracked()) {
        start = range.startPos();
        end = endRange.isTracked() ? endRange.endPos() : range.endPos();
      }
    }

    private void close() {
      boolean hasBody = !body.isBlank();
      if (hasBody || !headingPath.isEmpty()) {
        int from = Math.min(Math.max(0, start), textLength);
        int to = Math.min(Math.max(from, end), textLength);
        sections.add(Sectioning.section(headingPath, sections.size(), body, from, to));
      }
      body.clear();
      headingPath = List.of();
      start = -1;
      end = -1;
    }

    List<Section> finish() {
      close();
      return sections;
    }
  }
}
