package dev.sectionsearch.sectioning;

import dev.sectionsearch.document.Section;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;

/**
 * Splits Markdown (CommonMark) into sections at its ATX ({@code ## Heading}) and setext
 * (underlined) headings; nesting levels give each section its heading path. Only headings at the
 * top level of the document count: a {@code #} line inside a code block, quote or list is text.
 *
 * <p>YAML front matter between {@code ---} lines gives the title and date ({@code title:}, {@code
 * date:}). Without a title there, a document whose first heading is its only level-1 heading takes
 * that heading as its title, and the heading stays out of the other sections' heading paths.
 * Section text is the Markdown's plain text: emphasis and link syntax removed, code kept, list
 * items on lines of their own.
 *
 * <p>Stateless and thread-safe.
 */
final class MarkdownSectioner implements Sectioner {
  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  @Override
  public Outline split(String text) {
    try {
      return splitMarkdown(text);
    } catch (StackOverflowError e) {
      // commonmark's inline parser recurses per nesting level: 100,000 nested "*" overflow it
      Outline plain = new PlainTextSectioner().split(text);
      List<String> warnings = new ArrayList<>(plain.warnings());
      warnings.add("Markdown nested too deeply to parse; read as plain text");
      return new Outline(
          plain.title(), plain.dateText(), plain.sections(), plain.boilerplateLines(), warnings);
    }
  }

  private Outline splitMarkdown(String text) {
    FrontMatter frontMatter = FrontMatter.read(text);
    String body = text.substring(frontMatter.end);
    Node document = PARSER.parse(body);
    List<Heading> headings = new ArrayList<>();
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof Heading heading) {
        headings.add(heading);
      }
    }
    Heading titleHeading = titleHeading(headings);
    Optional<String> title =
        frontMatter.title.or(
            () -> Optional.ofNullable(titleHeading).map(h -> PlainText.of(h).toString().strip()));
    List<Section> sections = new Collector(frontMatter.end, titleHeading).collect(document);
    return new Outline(title, frontMatter.date, sections, 0, List.of(), frontMatter.metadata);
  }

  /** The first heading when it is the document's only level-1 heading: its title. */
  private static Heading titleHeading(List<Heading> headings) {
    if (headings.isEmpty() || headings.get(0).getLevel() != 1) {
      return null;
    }
    long levelOne = headings.stream().filter(h -> h.getLevel() == 1).count();
    return levelOne == 1 ? headings.get(0) : null;
  }

  /**
   * The {@code title}, {@code date} and other keys of YAML front matter, and where the content
   * begins. Reads the flat subset of YAML that front matter uses: {@code key: value}, {@code key:
   * [a, b]} and a key followed by {@code - item} lines; nested maps are passed over.
   */
  private record FrontMatter(
      Optional<String> title, Optional<String> date, Map<String, List<String>> metadata, int end) {
    static FrontMatter read(String text) {
      FrontMatter none = new FrontMatter(Optional.empty(), Optional.empty(), Map.of(), 0);
      if (!text.startsWith("---")) {
        return none;
      }
      int lineEnd = text.indexOf('\n');
      if (lineEnd < 0 || !text.substring(0, lineEnd).strip().equals("---")) {
        return none;
      }
      Optional<String> title = Optional.empty();
      Optional<String> date = Optional.empty();
      Map<String, List<String>> metadata = new LinkedHashMap<>();
      String listKey = null;
      int start = lineEnd + 1;
      while (start < text.length()) {
        int end = text.indexOf('\n', start);
        int next = end < 0 ? text.length() : end + 1;
        String raw = text.substring(start, end < 0 ? text.length() : end);
        String line = raw.strip();
        start = next;
        if (line.equals("---") || line.equals("...")) {
          return new FrontMatter(title, date, metadata, next);
        }
        if (listKey != null && line.startsWith("- ")) {
          metadata
              .computeIfAbsent(listKey, k -> new ArrayList<>())
              .add(unquote(line.substring(2).strip()));
          continue;
        }
        listKey = null;
        int colon = line.indexOf(':');
        if (colon <= 0 || Character.isWhitespace(raw.charAt(0)) || line.startsWith("#")) {
          continue;
        }
        String key = line.substring(0, colon).strip();
        String value = line.substring(colon + 1).strip();
        if (value.isEmpty()) {
          listKey = key;
        } else if (key.equals("title")) {
          title = Optional.of(unquote(value)).filter(t -> !t.isEmpty());
        } else if (key.equals("date")) {
          date = Optional.of(unquote(value)).filter(d -> !d.isEmpty());
        } else if (value.startsWith("[") && value.endsWith("]")) {
          List<String> values = new ArrayList<>();
          for (String item : value.substring(1, value.length() - 1).split(",", -1)) {
            // an empty list, or a trailing comma, holds no value (not a blank one to warn about)
            if (!item.isBlank()) {
              values.add(unquote(item.strip()));
            }
          }
          metadata.put(key, values);
        } else {
          metadata.put(key, new ArrayList<>(List.of(unquote(value))));
        }
      }
      // never closed: not front matter, just a document that starts with a rule
      return none;
    }

    private static String unquote(String value) {
      if (value.length() >= 2) {
        char first = value.charAt(0);
        char last = value.charAt(value.length() - 1);
        if ((first == '"' || first == '\'') && last == first) {
          return value.substring(1, value.length() - 1);
        }
      }
      return value;
    }
  }

  /** Walks the top-level blocks, opening a section at each heading. Used once. */
  private static final class Collector {
    private final int offset;
    private final Heading titleHeading;
    private final List<Section> sections = new ArrayList<>();
    private final HeadingPath path = new HeadingPath();
    private List<String> headingPath = List.of();
    private final SectionText body = new SectionText();
    private int start = -1;
    private int end = -1;

    Collector(int offset, Heading titleHeading) {
      this.offset = offset;
      this.titleHeading = titleHeading;
    }

    List<Section> collect(Node document) {
      for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
        if (node instanceof Heading heading) {
          close();
          open(heading);
        } else if (node instanceof Block) {
          SectionText text = PlainText.of(node);
          if (!text.isBlank()) {
            body.append(text).append("\n\n");
          }
          extend(node);
        }
      }
      close();
      return sections;
    }

    private void open(Heading heading) {
      String text = PlainText.of(heading).toString().strip();
      headingPath = path.enter(heading.getLevel(), text, heading == titleHeading);
      start = -1;
      extend(heading);
    }

    private void extend(Node node) {
      List<SourceSpan> spans = node.getSourceSpans();
      if (spans.isEmpty()) {
        return;
      }
      SourceSpan first = spans.get(0);
      SourceSpan last = spans.get(spans.size() - 1);
      if (start < 0) {
        start = offset + first.getInputIndex();
      }
      end = Math.max(end, offset + last.getInputIndex() + last.getLength());
    }

    private void close() {
      boolean hasBody = !body.isBlank();
      if ((hasBody || !headingPath.isEmpty()) && start >= 0) {
        sections.add(Sectioning.section(headingPath, sections.size(), body, start, end));
      }
      body.clear();
      headingPath = List.of();
      start = -1;
      end = -1;
    }
  }

  /**
   * The plain text of a Markdown node: what a reader sees, without syntax, with its code marked.
   * Walks the tree with an explicit stack, so that deeply nested input cannot overflow the call
   * stack.
   */
  static final class PlainText {
    /** Ends a line unless the text already ends one: list items and their paragraphs. */
    private static final Object LINE_END = new Object();

    private PlainText() {}

    static SectionText of(Node root) {
      SectionText out = new SectionText();
      Deque<Object> stack = new ArrayDeque<>();
      stack.push(root);
      while (!stack.isEmpty()) {
        Object item = stack.pop();
        if (item instanceof String literal) {
          out.append(literal);
        } else if (item == LINE_END) {
          if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
          }
        } else {
          visit((Node) item, out, stack);
        }
      }
      return out;
    }

    private static void visit(Node node, SectionText out, Deque<Object> stack) {
      if (node instanceof Text text) {
        out.append(text.getLiteral());
      } else if (node instanceof Code code) {
        out.appendCode(code.getLiteral());
      } else if (node instanceof SoftLineBreak) {
        out.append(' ');
      } else if (node instanceof HardLineBreak) {
        out.append('\n');
      } else if (node instanceof FencedCodeBlock code) {
        out.appendCode(code.getLiteral()).append("\n\n");
      } else if (node instanceof IndentedCodeBlock code) {
        out.appendCode(code.getLiteral()).append("\n\n");
      } else if (node instanceof HtmlBlock html) {
        out.append(Jsoup.parseBodyFragment(html.getLiteral()).text()).append("\n\n");
      } else if (node instanceof HtmlInline
          || node instanceof ThematicBreak
          || node instanceof LinkReferenceDefinition) {
        // markup only: nothing a reader sees
      } else {
        stack.push(suffix(node));
        List<Node> children = new ArrayList<>();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
          children.add(child);
        }
        for (int i = children.size() - 1; i >= 0; i--) {
          stack.push(children.get(i));
          if (node instanceof BulletList || node instanceof OrderedList) {
            stack.push(marker(node, i));
          }
        }
      }
    }

    private static String marker(Node list, int index) {
      if (list instanceof OrderedList ordered) {
        Integer first = ordered.getMarkerStartNumber();
        return ((first == null ? 1 : first) + index) + ". ";
      }
      return "- ";
    }

    private static Object suffix(Node node) {
      if (node instanceof Paragraph) {
        return node.getParent() instanceof ListItem ? LINE_END : "\n\n";
      }
      if (node instanceof ListItem) {
        return LINE_END;
      }
      if (node instanceof Heading
          || node instanceof BlockQuote
          || node instanceof BulletList
          || node instanceof OrderedList) {
        return "\n\n";
      }
      return "";
    }
  }
}
