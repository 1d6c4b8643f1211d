package dev.sectionsearch.sectioning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits AsciiDoc into sections at its section titles ({@code ==} to {@code ======}, or Markdown's
 * {@code ##}); the number of marks is the level. Two-line titles, as the git manual pages use, are
 * sections too: a line of text at the start of a block with an underline of {@code =}, {@code -},
 * {@code ~}, {@code ^} or {@code +} (levels 0 to 4, in that order) as long as the text within two
 * characters. The document title ({@code = Title}, or a title underlined with {@code =}) and the
 * header under it give the title, the date ({@code :revdate:}, or the revision line) and metadata
 * (the author line, {@code :author:}, other attribute entries).
 *
 * <p>Nothing inside a delimited block is a heading: listing ({@code ----}), literal ({@code ....})
 * and fenced blocks are code; example ({@code ====}), sidebar ({@code ****}), quote ({@code ____})
 * and open ({@code --}) blocks are text; passthrough ({@code ++++}) and comment ({@code ////})
 * blocks and {@code //} comments give no text. Attribute entries, block attribute lines ({@code
 * [source,ruby]}), block macros such as {@code include::} (never followed) and admonition labels
 * ({@code NOTE:}) do not reach the text.
 *
 * <p>A block closes at the next line identical to its opening delimiter, as in Asciidoctor. A block
 * with no such line before the end of the document, or of the block enclosing it, is unterminated:
 * Asciidoctor warns and runs it to that end, so that one missing delimiter turns the rest of a
 * document into code. Here it is warned about too (in the outline's warnings, naming its line), but
 * an unterminated listing, literal, passthrough or comment block ends at the first of: a delimiter
 * of the same character and another length (where AsciiDoc Python closed it: {@code -------} closed
 * by {@code --------}), the line before a section title that follows a blank line ({@code ==
 * Title}, or a two-line title), the end of its enclosing block; an unterminated example, sidebar,
 * quote, open block or table is no block at all (its delimiter is dropped and its lines read as
 * text). Later section titles stay headings.
 *
 * <p>Stateless and thread-safe.
 */
final class AsciiDocSectioner implements Sectioner {
  private static final Pattern SECTION_TITLE = Pattern.compile("^(={1,6}|#{1,6})[ \\t]+(\\S.*)$");

  /** The underline characters of two-line titles, by level: the document title's first. */
  private static final String UNDERLINES = "=-~^+";

  /** How much an underline's length may differ from its title's. */
  private static final int UNDERLINE_SLACK = 2;

  /** How far past an underline a closing delimiter is looked for, so that the walk stays linear. */
  private static final int LOOKAHEAD = 400;

  private static final Pattern ATTRIBUTE_ENTRY =
      Pattern.compile("^:!?([A-Za-z0-9_][\\w-]{0,60})!?:(?:[ \\t]+(.*))?$");

  private static final Pattern BLOCK_MACRO = Pattern.compile("^[a-z][\\w-]{0,30}::\\S*\\[.*\\]$");

  private static final Pattern ADMONITION =
      Pattern.compile("^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \\t]+");

  private static final Pattern LIST_MARKER =
      Pattern.compile(
          "^(?:[*\\-]{1,5}|\\.{1,5}|\\d{1,4}\\.|[A-Za-z]\\.|[ivxlcdm]{1,6}\\)|[IVXLCDM]{1,6}\\))"
              + "[ \\t]+(?=\\S)");

  /**
   * A labeled list's term ({@code --verbose::}, {@code term;;}), with its text on the line or not.
   */
  private static final Pattern LABELED_TERM =
      Pattern.compile("^(\\S.*?)(?::{2,4}|;;)(?:[ \\t]+(\\S.*))?$");

  /** The attributes every AsciiDoc document has that stand for characters. */
  private static final Map<String, String> CHARACTER_ATTRIBUTES =
      Map.ofEntries(
          Map.entry("caret", "^"),
          Map.entry("tilde", "~"),
          Map.entry("plus", "+"),
          Map.entry("startsb", "["),
          Map.entry("endsb", "]"),
          Map.entry("vbar", "|"),
          Map.entry("brvbar", "\u00a6"),
          Map.entry("apos", "'"),
          Map.entry("quot", "\""),
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("nbsp", " "),
          Map.entry("sp", " "),
          Map.entry("empty", ""),
          Map.entry("blank", ""),
          Map.entry("zwsp", ""),
          Map.entry("backslash", "\\"),
          Map.entry("backtick", "`"),
          Map.entry("two-colons", "::"),
          Map.entry("two-semicolons", ";;"),
          Map.entry("cpp", "C++"),
          Map.entry("pp", "++"),
          Map.entry("deg", "\u00b0"),
          Map.entry("ldquo", "\u201c"),
          Map.entry("rdquo", "\u201d"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("rsquo", "\u2019"));

  private static final Pattern ATTRIBUTE_REFERENCE = Pattern.compile("\\{([a-z][a-z-]{1,20})\\}");

  private static final Pattern REVISION_LINE =
      Pattern.compile("^v?\\d[\\w.]*,[ \\t]*([^:]+?)(?::.*)?$");

  private static final Pattern INLINE =
      Pattern.compile(
          "``(?<doubleQuoted>[^`\\n"
              + "]{1,500}?)''|`(?<singleQuoted>[^`'\\n"
              + "]{1,500})'(?![\\w'])|`(?<code>[^`\\n"
              + "]{1,2000})`|(?<![\\w+])\\+(?<plusCode>[^+\\s](?:[^+\\n"
              + "]{0,500}[^+\\s])?)\\+(?![\\w+])|(?:link|xref|mailto|https?|ftp|file)(?::[^\\s\\[]{0,500})?\\[(?<linkText>[^\\]\\[\\n"
              + "]{0,500})\\]|(?<anchor>\\[\\[[^\\[\\]\\n"
              + "]{1,200}\\]\\])|<<(?<ref>[^,<>\\n"
              + "]{1,200})(?:,(?<refText>[^<>\\n"
              + "]{1,200}))?>>|(?<![\\w*])\\*{1,2}(?<strong>[^*\\s](?:[^*\\n"
              + "]{0,1000}[^*\\s])?)\\*{1,2}(?![\\w*])|(?<![\\w_])_{1,2}(?<emphasis>[^_\\s](?:[^_\\n"
              + "]{0,1000}[^_\\s])?)_{1,2}(?![\\w_])");

  /** Header attributes that are settings of the converter, not facts about the document. */
  private static final Set<String> SETTINGS =
      Set.of(
          "toc",
          "toclevels",
          "toc-title",
          "icons",
          "source-highlighter",
          "imagesdir",
          "experimental",
          "sectnums",
          "sectanchors",
          "sectlinks",
          "idprefix",
          "idseparator",
          "doctype",
          "nofooter",
          "stylesheet",
          "stylesdir",
          "linkcss",
          "data-uri",
          "encoding",
          "lang",
          "hardbreaks",
          "showtitle",
          "notitle",
          "sectnumlevels",
          "tip-caption",
          "note-caption",
          "important-caption",
          "warning-caption",
          "caution-caption",
          "table-caption",
          "figure-caption",
          "example-caption",
          "xrefstyle",
          "outfilesuffix",
          "page-layout",
          "navtitle",
          "reftext",
          "includedir",
          "source-language",
          "listing-caption",
          "pdf-theme");

  @Override
  public Outline split(String text) {
    return new Walk(text).run();
  }

  /** The walk over one document's lines. Used once, by one thread. */
  private static final class Walk {
    private final List<SourceLine> lines;
    private final LineSections sections = new LineSections();
    private final Map<String, List<String>> metadata = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /** For each delimiter line, the next line identical to it, else {@code lines.size()}. */
    private final int[] nextSame;

    /** The lines closing the open text blocks (example, sidebar ...), innermost first. */
    private final Deque<Integer> openBlocks = new ArrayDeque<>();

    private final StringBuilder paragraph = new StringBuilder();
    private Optional<String> title = Optional.empty();
    private Optional<String> dateText = Optional.empty();

    Walk(String text) {
      this.lines = SourceLine.split(text);
      this.nextSame = new int[lines.size()];
      Map<String, Integer> seen = new HashMap<>();
      for (int k = lines.size() - 1; k >= 0; k--) {
        String delimiter = delimiterAt(lines.get(k).content());
        if (delimiter != null) {
          nextSame[k] = seen.getOrDefault(delimiter, lines.size());
          seen.put(delimiter, k);
        }
      }
    }

    Outline run() {
      int i = header();
      while (i < lines.size()) {
        i = step(i);
      }
      flush();
      return new Outline(title, dateText, sections.finish(), 0, warnings, metadata);
    }

    /** Reads the document title and its header; returns the first line of the body. */
    private int header() {
      int i = 0;
      while (i < lines.size()
          && (lines.get(i).isBlank() || isLineComment(lines.get(i).content().strip()))) {
        i++;
      }
      while (i < lines.size() && attribute(lines.get(i).content().strip())) {
        i++;
      }
      if (i >= lines.size()) {
        return i;
      }
      Matcher titleLine = SECTION_TITLE.matcher(lines.get(i).content().strip());
      int titleEnd;
      String titleText;
      if (titleLine.matches() && titleLine.group(1).length() == 1) {
        titleText = titleText(titleLine);
        titleEnd = i;
      } else if (twoLineLevel(i) == 1) {
        titleText = lines.get(i).content().strip();
        titleEnd = i + 1;
      } else {
        return 0;
      }
      String shown = inline(titleText);
      title = Optional.of(shown).filter(t -> !t.isEmpty());
      sections.heading(1, shown, true, lines.get(i).start(), lines.get(titleEnd).end());
      i = titleEnd + 1;
      int headerLine = 0;
      while (i < lines.size() && !lines.get(i).isBlank()) {
        String content = lines.get(i).content().strip();
        if (!attribute(content) && !isLineComment(content)) {
          if (headerLine == 0) {
            for (String author : content.split(";", -1)) {
              put("author", author.strip());
            }
          } else if (headerLine == 1) {
            Matcher revision = REVISION_LINE.matcher(content);
            if (revision.matches() && dateText.isEmpty()) {
              dateText = Optional.of(revision.group(1).strip());
            }
          }
          headerLine++;
        }
        i++;
      }
      return i;
    }

    /** Reads an attribute entry into the date or metadata; whether the line was one. */
    private boolean attribute(String content) {
      Matcher entry = ATTRIBUTE_ENTRY.matcher(content);
      if (!entry.matches()) {
        return false;
      }
      String name = entry.group(1).toLowerCase(Locale.ROOT);
      String value = entry.group(2) == null ? "" : entry.group(2).strip();
      if (name.equals("revdate") || name.equals("date")) {
        dateText = Optional.of(value).filter(v -> !v.isEmpty());
      } else if (name.equals("authors")) {
        for (String author : value.split("[;,]", -1)) {
          put("author", author.strip());
        }
      } else if (name.equals("title") || name.equals("doctitle")) {
        title = Optional.of(inline(value)).filter(t -> !t.isEmpty());
      } else if (!SETTINGS.contains(name)) {
        put(name, value);
      }
      return true;
    }

    private void put(String key, String value) {
      if (!value.isEmpty()) {
        metadata.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }

    private int step(int i) {
      SourceLine line = lines.get(i);
      String content = line.content();
      String stripped = content.strip();
      if (stripped.isEmpty()) {
        flush();
        return i + 1;
      }
      String delimiter = delimiterAt(content);
      if (delimiter != null) {
        flush();
        if (!openBlocks.isEmpty() && openBlocks.peek() == i) {
          openBlocks.pop();
          return i + 1;
        }
        return openBlock(i, delimiter);
      }
      if (isLineComment(stripped)) {
        return i + 1;
      }
      if (openBlocks.isEmpty() && paragraph.length() == 0) {
        Matcher titleLine = SECTION_TITLE.matcher(content);
        if (titleLine.matches() && titleLine.group(1).length() > 1) {
          sections.heading(
              titleLine.group(1).length(),
              inline(titleText(titleLine)),
              false,
              line.start(),
              line.end());
          return i + 1;
        }
        int level = twoLineLevel(i);
        if (level > 0) {
          sections.heading(level, inline(stripped), false, line.start(), lines.get(i + 1).end());
          return i + 2;
        }
      }
      if (ATTRIBUTE_ENTRY.matcher(stripped).matches()
          || (stripped.startsWith("[") && stripped.endsWith("]"))
          || BLOCK_MACRO.matcher(stripped).matches()
          || stripped.equals("+")) {
        flush();
        return i + 1;
      }
      if (stripped.startsWith("|")) {
        // a table's row: its cells as text
        flush();
        appendProse(stripped.replace('|', ' '), line);
        flush();
        return i + 1;
      }
      Matcher term = LABELED_TERM.matcher(stripped);
      if (term.matches()
          && (paragraph.length() == 0
              || LABELED_TERM.matcher(lines.get(i - 1).content().strip()).matches())) {
        // a labeled list's term is a line of its own, without its marks; its text follows
        flush();
        appendProse(term.group(1), line);
        flush();
        if (term.group(2) != null) {
          appendProse(term.group(2), line);
        }
        return i + 1;
      }
      String prose = stripped;
      Matcher item = LIST_MARKER.matcher(prose);
      if (item.find()) {
        flush();
        prose = prose.substring(item.end());
      } else if (paragraph.length() == 0 && isBlockTitle(prose)) {
        flush();
        appendProse(prose.substring(1), line);
        flush();
        return i + 1;
      }
      Matcher admonition = ADMONITION.matcher(prose);
      if (admonition.find()) {
        prose = prose.substring(admonition.end());
      }
      appendProse(prose, line);
      return i + 1;
    }

    /**
     * The level (1 for the document title's {@code =}) of a two-line title whose text is line
     * {@code i}, or 0. The text must be a line of words at the left margin that no other construct
     * claims, and the underline one of {@link #UNDERLINES} repeated, as long as the text within
     * {@link #UNDERLINE_SLACK}; a delimiter under a line of another length opens a block.
     */
    private int twoLineLevel(int i) {
      if (i + 1 >= lines.size()) {
        return 0;
      }
      String text = lines.get(i).content();
      String underline = lines.get(i + 1).content().stripTrailing();
      if (underline.length() < 2 || UNDERLINES.indexOf(underline.charAt(0)) < 0) {
        return 0;
      }
      for (int k = 1; k < underline.length(); k++) {
        if (underline.charAt(k) != underline.charAt(0)) {
          return 0;
        }
      }
      String title = text.stripTrailing();
      if (Math.abs(title.length() - underline.length()) > UNDERLINE_SLACK
          || !canBeTwoLineTitle(title)
          || closesBeforeABlankLine(i + 1, underline)) {
        return 0;
      }
      return UNDERLINES.indexOf(underline.charAt(0)) + 1;
    }

    /**
     * Whether the line at {@code i}, a delimiter, has its closing delimiter before the next blank
     * line: a short listing ({@code exit 1} over {@code ------}, code, {@code ------}) and not a
     * title's underline, whose section goes on after a blank line.
     */
    private boolean closesBeforeABlankLine(int i, String delimiter) {
      if (delimiter(delimiter) == null) {
        return false;
      }
      int limit = Math.min(lines.size(), i + 1 + LOOKAHEAD);
      for (int k = i + 1; k < limit && !lines.get(k).isBlank(); k++) {
        if (lines.get(k).content().stripTrailing().equals(delimiter)) {
          return true;
        }
      }
      return false;
    }

    /** A delimited block opened at line {@code i}; returns the line after what it consumed. */
    private int openBlock(int i, String delimiter) {
      char mark = delimiter.charAt(0);
      boolean verbatim = (mark == '-' && delimiter.length() > 2) || mark == '.' || mark == '`';
      boolean hidden = mark == '/' || mark == '+';
      int bound = openBlocks.isEmpty() ? lines.size() : openBlocks.peek();
      boolean terminated = nextSame[i] < bound;
      if (!verbatim && !hidden) {
        // example, sidebar, quote, open and table blocks hold text, never headings
        if (terminated) {
          openBlocks.push(nextSame[i]);
        } else {
          warn(i, delimiter, "read as text");
        }
        return i + 1;
      }
      int end = terminated ? nextSame[i] : unterminatedEnd(i, delimiter, bound);
      if (verbatim && end > i + 1) {
        StringBuilder code = new StringBuilder();
        for (int k = i + 1; k < end; k++) {
          code.append(lines.get(k).content()).append('\n');
        }
        if (!code.toString().isBlank()) {
          sections.body().appendCode(code.toString().strip()).append("\n\n");
          sections.extend(lines.get(i + 1).start(), lines.get(end - 1).end());
        }
      }
      boolean closedByDelimiter = end < bound && delimiterAt(lines.get(end).content()) != null;
      return closedByDelimiter && end < lines.size() ? end + 1 : end;
    }

    /**
     * Where a verbatim or hidden block opened at line {@code i} with no closing line before {@code
     * bound} ends: at a delimiter of its character and another length, before a section title that
     * follows a blank line, or at {@code bound}; warns naming the line.
     */
    private int unterminatedEnd(int i, String delimiter, int bound) {
      char mark = delimiter.charAt(0);
      for (int k = i + 1; k < bound; k++) {
        String other = delimiterAt(lines.get(k).content());
        if (other != null && mark != '`' && other.length() >= 4 && other.charAt(0) == mark) {
          warn(i, delimiter, "closed by the delimiter of another length on line " + (k + 1));
          return k;
        }
        if (openBlocks.isEmpty() && lines.get(k - 1).isBlank() && isSectionTitle(k)) {
          warn(i, delimiter, "ended before the section title on line " + (k + 1));
          return k;
        }
      }
      warn(
          i,
          delimiter,
          bound < lines.size()
              ? "ended with its enclosing block on line " + (bound + 1)
              : "runs to the end of the document");
      return bound;
    }

    /** Whether line {@code k} starts a section: {@code == Title} or a two-line title. */
    private boolean isSectionTitle(int k) {
      Matcher titleLine = SECTION_TITLE.matcher(lines.get(k).content());
      return (titleLine.matches()
              && titleLine.group(1).charAt(0) == '='
              && titleLine.group(1).length() > 1)
          || twoLineLevel(k) > 1;
    }

    private void warn(int i, String delimiter, String outcome) {
      warnings.add(
          "line " + (i + 1) + ": unterminated " + blockName(delimiter) + " block, " + outcome);
    }

    private void appendProse(String prose, SourceLine line) {
      if (paragraph.length() > 0) {
        paragraph.append(' ');
      }
      paragraph.append(prose);
      sections.extend(line.start(), line.end());
    }

    private void flush() {
      if (paragraph.length() == 0) {
        return;
      }
      renderInline(paragraph.toString(), sections.body());
      sections.body().append("\n\n");
      paragraph.setLength(0);
    }
  }

  /**
   * The delimiter a line of the document is, or null: delimiters stand at the left margin (an
   * indented line of dashes is part of a literal paragraph, as in git's tables drawn in text).
   */
  static String delimiterAt(String content) {
    if (content.isEmpty() || Character.isWhitespace(content.charAt(0))) {
      return null;
    }
    return delimiter(content.strip());
  }

  /**
   * The delimiter a line is, or null: four or more of one of {@code - . = * + / _}, {@code --},
   * {@code |===} or a Markdown fence.
   */
  static String delimiter(String stripped) {
    if (stripped.equals("--") || stripped.startsWith("```")) {
      return stripped.startsWith("```") ? "```" : "--";
    }
    if (stripped.startsWith("|===")) {
      return stripped;
    }
    if (stripped.length() < 4 || "-.=*+/_".indexOf(stripped.charAt(0)) < 0) {
      return null;
    }
    for (int i = 1; i < stripped.length(); i++) {
      if (stripped.charAt(i) != stripped.charAt(0)) {
        return null;
      }
    }
    return stripped;
  }

  /** The name Asciidoctor gives the block a delimiter opens. */
  private static String blockName(String delimiter) {
    if (delimiter.equals("--")) {
      return "open";
    }
    if (delimiter.startsWith("|===")) {
      return "table";
    }
    switch (delimiter.charAt(0)) {
      case '-':
        return "listing";
      case '.':
        return "literal";
      case '`':
        return "fenced code";
      case '=':
        return "example";
      case '*':
        return "sidebar";
      case '_':
        return "quote";
      case '+':
        return "passthrough";
      default:
        return "comment";
    }
  }

  /**
   * Whether a line can be a two-line title's text: at the left margin, holding a letter or digit,
   * and none of a block title ({@code .Title}), a block attribute line, a comment, a delimiter, a
   * list item, a labeled list's term ({@code --verbose::}), a table row or an attribute entry.
   */
  private static boolean canBeTwoLineTitle(String line) {
    if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
      return false;
    }
    char first = line.charAt(0);
    if (first == '.' || first == '[' || first == '|' || first == '/' || first == ':') {
      return false;
    }
    if (line.endsWith("::")
        || line.endsWith(";;")
        || delimiter(line) != null
        || LIST_MARKER.matcher(line).find()
        || BLOCK_MACRO.matcher(line).matches()) {
      return false;
    }
    for (int k = 0; k < line.length(); k++) {
      if (Character.isLetterOrDigit(line.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A one-line title's text without the closing marks of the symmetric form ({@code == Title ==}).
   */
  private static String titleText(Matcher titleLine) {
    String text = titleLine.group(2).strip();
    char mark = titleLine.group(1).charAt(0);
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == mark) {
      end--;
    }
    if (end < text.length() && end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      return text.substring(0, end).strip();
    }
    return text;
  }

  private static boolean isLineComment(String stripped) {
    return stripped.startsWith("//") && !stripped.startsWith("////");
  }

  /** A block title: {@code .Title} above a block, shown to readers but not a section. */
  private static boolean isBlockTitle(String stripped) {
    return stripped.length() > 1
        && stripped.charAt(0) == '.'
        && !Character.isWhitespace(stripped.charAt(1))
        && stripped.charAt(1) != '.';
  }

  private static String inline(String markup) {
    SectionText out = new SectionText();
    renderInline(markup, out);
    return TextCleanup.foldSpace(out.toString());
  }

  /**
   * Appends the text of AsciiDoc inline markup: links by their text, monospace as code, the quotes
   * of AsciiDoc Python ({@code ``text''}, {@code `text'}) as quotes, character attributes ({@code
   * {caret}}) as their character.
   */
  private static void renderInline(String markup, SectionText out) {
    Matcher matcher = INLINE.matcher(markup);
    int last = 0;
    while (matcher.find()) {
      out.append(characters(markup.substring(last, matcher.start())));
      if (matcher.group("doubleQuoted") != null) {
        out.append('"').append(characters(matcher.group("doubleQuoted"))).append('"');
      } else if (matcher.group("singleQuoted") != null) {
        out.append('\'').append(characters(matcher.group("singleQuoted"))).append('\'');
      } else if (matcher.group("code") != null) {
        out.appendCode(characters(matcher.group("code")));
      } else if (matcher.group("plusCode") != null) {
        out.appendCode(characters(matcher.group("plusCode")));
      } else if (matcher.group("linkText") != null) {
        String linkText = matcher.group("linkText");
        out.append(linkText.isBlank() ? matcher.group().replaceAll("\\[.*$", "") : linkText);
      } else if (matcher.group("anchor") != null) {
        // an inline anchor ([[id]]): a target, not text
      } else if (matcher.group("ref") != null) {
        String refText = matcher.group("refText");
        out.append(refText != null ? refText.strip() : matcher.group("ref"));
      } else if (matcher.group("strong") != null) {
        out.append(matcher.group("strong"));
      } else {
        out.append(matcher.group("emphasis"));
      }
      last = matcher.end();
    }
    out.append(characters(markup.substring(last)));
  }

  /** Text with the character attributes ({@code {caret}}, {@code {plus}}...) it names replaced. */
  private static String characters(String text) {
    if (text.indexOf('{') < 0) {
      return text;
    }
    Matcher reference = ATTRIBUTE_REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (reference.find()) {
      String value = CHARACTER_ATTRIBUTES.get(reference.group(1));
      if (value != null) {
        out.append(text, last, reference.start()).append(value);
        last = reference.end();
      }
    }
    return out.append(text, last, text.length()).toString();
  }
}
