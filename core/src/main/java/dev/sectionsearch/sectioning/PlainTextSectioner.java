package dev.sectionsearch.sectioning;

import dev.sectionsearch.document.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits plain text, as saved from web articles, into sections.
 *
 * <p>Such text has lost its markup, so structure is recovered from the shape of lines:
 *
 * <ul>
 *   <li>the first line is the title when it reads like one (short, no closing full stop);
 *   <li>a short line without closing punctuation, followed by more text, is a heading;
 *   <li>a heading glued onto the end of a paragraph ({@code "...stance.The Post-Soviet Era"}), as
 *       text extraction leaves it, is recognised by a sentence end followed at once by a capital
 *       letter and a title-case run of words to the end of the line;
 *   <li>a tail of list items and short unpunctuated lines after the last paragraph (link lists,
 *       unrelated headlines) is boilerplate: it is left out of the sections and counted.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class PlainTextSectioner implements Sectioner {
  /** Longest line taken for a title or heading, in characters. */
  static final int MAX_HEADING_CHARS = 150;

  private static final int MAX_HEADING_WORDS = 20;

  /** Most words of a heading in sentence case that runs straight into its text. */
  private static final int MAX_SENTENCE_CASE_HEADING_WORDS = 6;

  /** Longest line of a boilerplate tail: link texts and headlines are short. */
  private static final int MAX_TAIL_LINE_CHARS = 160;

  /**
   * A sentence end directly followed by a capital letter, the mark of a glued heading. The sentence
   * must end in a lower-case letter, digit or bracket, so that abbreviations such as "U.S.Army" are
   * not split.
   */
  private static final Pattern GLUED_HEADING_START =
      Pattern.compile("(?<=[\\p{Ll}\\p{N})\\]][.!?][\"”’]?)(?=[\\p{Lu}\"“])");

  /** A sentence end directly followed by a list item, the mark of a glued link list. */
  private static final Pattern GLUED_LIST_START = Pattern.compile("(?<=[.!?\"”])[-*•] (?=\\S)");

  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*•+]|\\d{1,3}[.)])\\s+\\S");

  /** A sentence break inside a line: a heading never has one. */
  private static final Pattern SENTENCE_BREAK = Pattern.compile("[.!?][\"”’)]?\\s+\\S");

  /** A sentence end with more text after it: headlines and link texts have none. */
  private static final Pattern SENTENCE_INSIDE = Pattern.compile("[.!?][\"”’)]?\\s*\\S");

  private static final Set<String> MINOR_WORDS =
      Set.of(
          "a", "an", "the", "and", "or", "but", "nor", "for", "so", "yet", "of", "in", "on", "at",
          "to", "by", "with", "from", "into", "onto", "upon", "over", "under", "via", "vs", "as",
          "per", "than", "is", "are", "its", "their", "his", "her", "our", "your", "s", "up", "off",
          "out", "about", "after", "before", "between", "within", "without", "through");

  @Override
  public Outline split(String text) {
    List<Line> lines = Line.split(text);
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    Optional<String> title = Optional.empty();
    if (first < lines.size() && isTitle(lines.get(first).content())) {
      title = Optional.of(cleanHeading(lines.get(first).content()));
      first++;
    }
    Tail tail = findTail(lines, first);
    List<Section> sections =
        new SectionCollector(text).collect(lines.subList(first, tail.firstLine), tail.cut);
    if (sections.isEmpty() && title.isPresent()) {
      // a note of one line is its own title and its own text, so that it can be found
      Line only = lines.get(first - 1);
      sections =
          List.of(
              new Section(
                  "",
                  List.of(),
                  0,
                  TextCleanup.cleanPlainText(only.content()),
                  only.start(),
                  only.end()));
    }
    Optional<String> dateline =
        sections.isEmpty() ? Optional.empty() : DateText.findDateline(sections.get(0).text());
    return new Outline(title, dateline, sections, tail.boilerplateLines, List.of());
  }

  /** Where the boilerplate tail begins, and how many lines it holds. */
  private record Tail(int firstLine, int cut, int boilerplateLines) {}

  /**
   * Finds the boilerplate tail: the longest run of list items, short unpunctuated lines and blank
   * lines at the end, when it follows a paragraph. A link list glued onto the end of that paragraph
   * belongs to the tail too.
   */
  private static Tail findTail(List<Line> lines, int first) {
    int start = lines.size();
    int nonBlank = 0;
    while (start > first && isTailLine(lines.get(start - 1).content())) {
      start--;
      if (!lines.get(start).isBlank()) {
        nonBlank++;
      }
    }
    while (start < lines.size() && lines.get(start).isBlank()) {
      start++;
    }
    int lastBody = start - 1;
    while (lastBody >= first && lines.get(lastBody).isBlank()) {
      lastBody--;
    }
    // the run stopped at a line that is not boilerplate-shaped: the article's last paragraph
    if (lastBody < first) {
      return new Tail(lines.size(), -1, 0);
    }
    Line paragraph = lines.get(lastBody);
    Matcher glued = GLUED_LIST_START.matcher(paragraph.content());
    int cut = -1;
    int gluedItems = 0;
    while (glued.find()) {
      String rest = paragraph.content().substring(glued.start());
      if (isTailLine(rest) && !SENTENCE_BREAK.matcher(rest).find()) {
        cut = paragraph.start() + glued.start();
        gluedItems = 1;
        break;
      }
    }
    if (nonBlank == 0 && cut < 0) {
      return new Tail(lines.size(), -1, 0);
    }
    return new Tail(lastBody + 1, cut, nonBlank + gluedItems);
  }

  private static boolean isTailLine(String line) {
    String stripped = line.strip();
    if (stripped.isEmpty()) {
      return true;
    }
    if (stripped.length() > MAX_TAIL_LINE_CHARS) {
      return false;
    }
    return LIST_ITEM.matcher(stripped).find()
        || (!endsSentence(stripped) && !SENTENCE_INSIDE.matcher(stripped).find());
  }

  /** A line made of one mark repeated, such as {@code =====} or {@code -----}. */
  static boolean isUnderline(String line) {
    String stripped = line.strip();
    if (stripped.length() < 3 || "=-~^*#+`:'\"._".indexOf(stripped.charAt(0)) < 0) {
      return false;
    }
    for (int i = 1; i < stripped.length(); i++) {
      if (stripped.charAt(i) != stripped.charAt(0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a line ends with sentence punctuation, closing quotes and brackets aside. Scans
   * backwards by hand: an end-anchored regular expression is quadratic on long runs of the
   * characters it skips.
   */
  private static boolean endsSentence(String line) {
    int i = line.length() - 1;
    while (i >= 0 && "\"”’)]* \t".indexOf(line.charAt(i)) >= 0) {
      i--;
    }
    return i >= 0 && ".!?:;,".indexOf(line.charAt(i)) >= 0;
  }

  private static boolean isTitle(String line) {
    String stripped = line.strip();
    return stripped.length() <= 2 * MAX_HEADING_CHARS
        && !stripped.endsWith(".")
        && !LIST_ITEM.matcher(stripped).find();
  }

  /** A line on its own that reads as a heading: short, capitalised, no closing punctuation. */
  static boolean isStandaloneHeading(String line) {
    String stripped = stripMarkup(line);
    if (stripped.isEmpty() || stripped.length() > MAX_HEADING_CHARS) {
      return false;
    }
    if (stripped.startsWith(">>>")) {
      return false;
    }
    char first = stripped.charAt(0);
    boolean capitalised = Character.isUpperCase(first) || Character.isDigit(first);
    char last = stripped.charAt(stripped.length() - 1);
    return capitalised
        && ".,;:".indexOf(last) < 0
        && !LIST_ITEM.matcher(stripped).find()
        && stripped.split("\\s+").length <= MAX_HEADING_WORDS
        && !SENTENCE_BREAK.matcher(stripped).find()
        && gluedHeadingStart(stripped) < 0;
  }

  /**
   * The offset in {@code line} where a heading glued to its end begins, or -1. The glued text must
   * run to the end of the line, hold no sentence break, and be in title case, which sets it apart
   * from an ordinary next sentence that merely lacks its space.
   */
  static int gluedHeadingStart(String line) {
    if (looksLikeCode(line)) {
      return -1;
    }
    Matcher matcher = GLUED_HEADING_START.matcher(line);
    int found = -1;
    int searchFrom = Math.max(0, line.length() - MAX_HEADING_CHARS - 4);
    if (!matcher.find(searchFrom)) {
      return -1;
    }
    do {
      String candidate = line.substring(matcher.start()).strip();
      if (candidate.length() <= MAX_HEADING_CHARS
          && !cannotBeGluedHeading(candidate)
          && !SENTENCE_BREAK.matcher(candidate).find()
          && !endsWithFullStop(candidate)
          && isTitleCase(candidate)) {
        found = matcher.start();
        break;
      }
    } while (matcher.find());
    return found;
  }

  /**
   * Whether a line reads as code: a doctest or shell prompt, or an assignment or call. Code such as
   * {@code >>> json.loads('1.1', parse_float=decimal.Decimal)} has a lower-case letter, a full stop
   * and a capital in a row, which the glued-heading repair would otherwise split into a heading
   * "Decimal)".
   */
  static boolean looksLikeCode(String line) {
    String stripped = line.strip();
    return stripped.startsWith(">>>")
        || stripped.startsWith("...")
        || stripped.startsWith("$ ")
        || stripped.startsWith("#include")
        || stripped.endsWith(";")
        || stripped.endsWith("{")
        || stripped.contains("();")
        || stripped.contains(" = ");
  }

  /**
   * Whether text glued to a sentence cannot be a heading: headings do not end in a bracket or hold
   * code punctuation ({@code =}, {@code (}, {@code >>>}, {@code _}, {@code ::}).
   */
  private static boolean cannotBeGluedHeading(String candidate) {
    char last = candidate.charAt(candidate.length() - 1);
    return ")]}>".indexOf(last) >= 0
        || candidate.indexOf('=') >= 0
        || candidate.indexOf('(') >= 0
        || candidate.indexOf('_') >= 0
        || candidate.indexOf('{') >= 0
        || candidate.indexOf('`') >= 0
        || candidate.contains(">>>")
        || candidate.contains("::");
  }

  private static boolean endsWithFullStop(String text) {
    char last = text.charAt(text.length() - 1);
    return ".,;:".indexOf(last) >= 0;
  }

  /** Whether most words other than minor ones (articles, prepositions) are capitalised. */
  static boolean isTitleCase(String text) {
    String[] words = text.split("\\s+", -1);
    if (words.length == 0 || words.length > MAX_HEADING_WORDS) {
      return false;
    }
    int counted = 0;
    int capitalised = 0;
    for (int i = 0; i < words.length; i++) {
      String word = words[i].replaceAll("^[^\\p{L}\\p{N}]+", "");
      if (word.isEmpty() || Character.isDigit(word.charAt(0))) {
        continue;
      }
      boolean upper = Character.isUpperCase(word.charAt(0));
      if (i == 0 && !upper) {
        return false;
      }
      String bare = word.replaceAll("[^\\p{L}]+$", "").toLowerCase(java.util.Locale.ROOT);
      if (!upper && MINOR_WORDS.contains(bare)) {
        continue;
      }
      counted++;
      if (upper) {
        capitalised++;
      }
    }
    return counted > 0 && capitalised * 4 >= counted * 3;
  }

  private static String stripMarkup(String line) {
    return line.replace("**", "").replace("__", "").replaceFirst("^#{1,6}\\s+", "").strip();
  }

  private static String cleanHeading(String line) {
    return stripMarkup(line).replaceAll("\\s+", " ");
  }

  /** One line of the text with its offsets, line break excluded. */
  private record Line(String content, int start, int end) {
    boolean isBlank() {
      return content.isBlank();
    }

    static List<Line> split(String text) {
      List<Line> lines = new ArrayList<>();
      int start = 0;
      int n = text.length();
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r') {
          lines.add(new Line(text.substring(start, i), start, i));
          if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
            i++;
          }
          start = i + 1;
        }
      }
      if (start < n) {
        lines.add(new Line(text.substring(start), start, n));
      }
      return lines;
    }
  }

  /** Walks the body lines, opening a section at each heading. Used once, by one thread. */
  private static final class SectionCollector {
    private final String text;
    private final List<Section> sections = new ArrayList<>();
    private String heading = "";
    private int sectionStart = -1;
    private int bodyStart = -1;
    private int bodyEnd = -1;
    private int headingEnd = -1;

    SectionCollector(String text) {
      this.text = text;
    }

    List<Section> collect(List<Line> lines, int cut) {
      boolean[] paragraphFollows = paragraphFollows(lines);
      // whether the text before the current line ends a paragraph: a heading can only start
      // after one, never in the middle of a hard-wrapped paragraph
      boolean atParagraphStart = true;
      for (int i = 0; i < lines.size(); i++) {
        Line line = lines.get(i);
        if (line.isBlank()) {
          atParagraphStart = true;
          continue;
        }
        int end = cut >= line.start() && cut <= line.end() ? cut : line.end();
        String content = text.substring(line.start(), end);
        if (isUnderline(content)) {
          // underlines and rules are decoration, whether or not a heading stands above
          atParagraphStart = true;
          continue;
        }
        if (isUnderlinedHeading(content, lines, i)
            || (atParagraphStart
                && isStandaloneHeading(content)
                && paragraphFollows[i]
                && !continuesOnNextLine(lines, i)
                && readsAsHeading(content, lines, i))) {
          open(cleanHeading(content), line.start(), end);
          atParagraphStart = true;
          continue;
        }
        int glued = gluedHeadingStart(content);
        if (glued > 0) {
          extendBody(line.start(), line.start() + glued);
          open(cleanHeading(content.substring(glued)), line.start() + glued, end);
          atParagraphStart = true;
        } else {
          extendBody(line.start(), end);
          atParagraphStart = endsSentence(content.strip());
        }
      }
      close();
      return sections;
    }

    /** A heading in the setext or reStructuredText way: a short line over a line of marks. */
    private static boolean isUnderlinedHeading(String content, List<Line> lines, int i) {
      if (i + 1 >= lines.size() || !isUnderline(lines.get(i + 1).content())) {
        return false;
      }
      String stripped = content.strip();
      return stripped.length() <= MAX_HEADING_CHARS && !LIST_ITEM.matcher(stripped).find();
    }

    /**
     * Whether a heading-shaped line is set apart as a heading: title case, a blank line after it,
     * or only a few words. A longer sentence-case line running straight into more text is more
     * likely the first line of a hard-wrapped paragraph.
     */
    private static boolean readsAsHeading(String content, List<Line> lines, int i) {
      boolean blankAfter = i + 1 >= lines.size() || lines.get(i + 1).isBlank();
      return blankAfter
          || isTitleCase(content.strip())
          || content.strip().split("\\s+", -1).length <= MAX_SENTENCE_CASE_HEADING_WORDS;
    }

    /** Whether the next line carries on the sentence, as in hard-wrapped text. */
    private static boolean continuesOnNextLine(List<Line> lines, int i) {
      if (i + 1 >= lines.size() || lines.get(i + 1).isBlank()) {
        return false;
      }
      String next = lines.get(i + 1).content().strip();
      return !next.isEmpty() && Character.isLowerCase(next.charAt(0));
    }

    /**
     * For each line, whether a paragraph follows it before the end, so that a run of short lines
     * with nothing under them is read as text, not as headings.
     */
    private static boolean[] paragraphFollows(List<Line> lines) {
      boolean[] follows = new boolean[lines.size()];
      boolean seen = false;
      for (int i = lines.size() - 1; i >= 0; i--) {
        follows[i] = seen;
        Line line = lines.get(i);
        if (!line.isBlank() && !isStandaloneHeading(line.content())) {
          seen = true;
        }
      }
      return follows;
    }

    private void open(String newHeading, int start, int end) {
      close();
      heading = newHeading;
      sectionStart = start;
      headingEnd = end;
    }

    private void extendBody(int start, int end) {
      if (end <= start) {
        return;
      }
      if (bodyStart < 0) {
        bodyStart = start;
      }
      if (sectionStart < 0) {
        sectionStart = start;
      }
      bodyEnd = end;
    }

    private void close() {
      String body = bodyStart < 0 ? "" : text.substring(bodyStart, bodyEnd);
      boolean hasBody = !body.isBlank();
      if (hasBody || !heading.isEmpty()) {
        List<String> path = heading.isEmpty() ? List.of() : List.of(heading);
        int end = hasBody ? bodyEnd : headingEnd;
        Sectioning.checkSectionCount(sections.size());
        sections.add(
            new Section(
                heading,
                path,
                sections.size(),
                TextCleanup.cleanPlainText(body),
                sectionStart,
                end));
      }
      heading = "";
      sectionStart = -1;
      bodyStart = -1;
      bodyEnd = -1;
    }
  }
}
