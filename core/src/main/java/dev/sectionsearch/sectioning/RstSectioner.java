package dev.sectionsearch.sectioning;

import dev.sectionsearch.document.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits reStructuredText (docutils, Sphinx) into sections at its section titles: a line of text
 * with an underline, or with an over- and underline, of one punctuation character repeated. As in
 * docutils, levels come from the order in which adornment styles first appear, and titles stand
 * only at the left margin and at the start of a block, so that nothing indented (literal blocks,
 * directive bodies, quotes) is ever a heading.
 *
 * <ul>
 *   <li>The first title is the document's title; when its style is used by no other title it stays
 *       out of the other sections' heading paths, as docutils promotes it.
 *   <li>A field list before the body ({@code :Date:}, {@code :Author:}) is the document's
 *       bibliography: {@code Date} gives the date, other fields metadata; it is not text.
 *   <li>Comments ({@code ..} followed by text that is no directive, target or footnote, with their
 *       indented bodies), hyperlink targets and substitution definitions are not text. Directives
 *       such as {@code toctree}, {@code index} and {@code include} (never followed) give no text;
 *       the bodies of code directives and literal blocks ({@code ::}) are kept as code.
 *   <li>Inline markup is shown as a reader sees it: {@code :pep:`101`} reads "PEP 101", {@code
 *       :func:`~json.dumps`} reads "dumps", {@code `Python <https://python.org>`_} reads "Python".
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class RstSectioner implements Sectioner {
  /**
   * Punctuation that may adorn a title: every printable 7-bit ASCII character but letters and
   * digits.
   */
  private static final String ADORNMENT_CHARS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private static final Pattern DIRECTIVE =
      Pattern.compile("^\\.\\.\\s+([A-Za-z0-9](?:[\\w+.-]|:(?!:)){0,60})::(?:\\s+(.*))?$");

  private static final Pattern FIELD = Pattern.compile("^:([^:\\s`][^:`]{0,80}):(?:\\s+(.*))?$");

  private static final Pattern BULLET = Pattern.compile("^[-*+•‣⁃]( +|$)");

  /**
   * A list item's marker: a bullet or an enumerator such as {@code 1.}, {@code (a)}, {@code #.},
   * after the bullets of lists that open on the same line ({@code * -} in a list table).
   */
  private static final Pattern LIST_MARKER =
      Pattern.compile(
          "^(?:[-*+•‣⁃] +)*(?:[-*+•‣⁃]|\\(?\\w{1,6}[.)]|\\(\\w{1,6}\\)|#\\.)[ \\t]+(?=\\S)");

  /**
   * The markers of list items as docutils reads them, which a reader sees as bullets and numbers
   * rather than text: bullets, and enumerators (arabic numbers, a letter, roman numerals, {@code
   * #}) followed by {@code .} or {@code )} or in parentheses; {@link #LIST_MARKER} also takes an
   * abbreviation at a paragraph's start ("Mr. "), which starts a paragraph but stays text.
   */
  private static final Pattern SHOWN_MARKER =
      Pattern.compile(
          "^(?:[-*+•‣⁃]"
              + " +)*(?:[-*+•‣⁃]|\\(?(?:\\d{1,4}|[A-Za-z]|[ivxlcdm]{1,8}|[IVXLCDM]{1,8}|#)[.)]|\\((?:\\d{1,4}|[A-Za-z]|[ivxlcdm]{1,8}|[IVXLCDM]{1,8}|#)\\))["
              + " \\t]+(?=\\S)");

  /** A directive opening in a table cell: its name, which a reader does not see. */
  private static final Pattern CELL_DIRECTIVE = Pattern.compile("^\\.\\.\\s+[\\w:+.-]{1,60}::\\s*");

  /** Directives whose argument and body a reader never sees as text. */
  private static final Set<String> HIDDEN =
      Set.of(
          "toctree",
          "index",
          "highlight",
          "highlightlang",
          "raw",
          "meta",
          "include",
          "literalinclude",
          "contents",
          "sectnum",
          "section-numbering",
          "tabularcolumns",
          "kernel-doc",
          "kernel-abi",
          "kernel-feat",
          "kernel-include",
          "moduleauthor",
          "sectionauthor",
          "codeauthor",
          "default-role",
          "role",
          "currentmodule",
          "default-domain",
          "image",
          "testsetup",
          "testcleanup",
          "title",
          "namespace",
          "namespace-push",
          "namespace-pop",
          "autosummary",
          "graphviz",
          "digraph",
          "graph",
          "only-html",
          "header",
          "footer",
          "target-notes",
          "spelling",
          "program",
          "c:namespace",
          "cpp:namespace");

  /** Directives whose body is code. */
  private static final Set<String> CODE =
      Set.of(
          "code",
          "code-block",
          "sourcecode",
          "doctest",
          "testcode",
          "testoutput",
          "parsed-literal",
          "productionlist",
          "math",
          "prompt");

  /** Directives whose argument is prose (a title, a version), not a signature. */
  private static final Set<String> PROSE_ARGUMENT =
      Set.of(
          "note",
          "warning",
          "seealso",
          "tip",
          "important",
          "caution",
          "danger",
          "attention",
          "hint",
          "error",
          "admonition",
          "topic",
          "sidebar",
          "rubric",
          "table",
          "csv-table",
          "list-table",
          "glossary",
          "only",
          "ifconfig",
          "centered",
          "hlist",
          "container",
          "epigraph",
          "highlights",
          "pull-quote",
          "compound",
          "line-block",
          "impl-detail",
          "availability",
          "todo",
          "versionadded",
          "versionchanged",
          "deprecated",
          "deprecated-removed",
          "figure",
          "flat-table");

  /** File-wide fields of Sphinx that are settings, not bibliography. */
  private static final Set<String> SETTINGS_FIELDS =
      Set.of("orphan", "tocdepth", "nocomments", "nosearch", "hide-toc", "github_url");

  @Override
  public Outline split(String text) {
    return new Walk(text).run();
  }

  /** Whether a line is one punctuation character repeated, as an adornment is. */
  static boolean isAdornment(String line) {
    int length = line.length();
    while (length > 0 && Character.isWhitespace(line.charAt(length - 1))) {
      length--;
    }
    if (length < 2 || ADORNMENT_CHARS.indexOf(line.charAt(0)) < 0) {
      return false;
    }
    char mark = line.charAt(0);
    for (int i = 1; i < length; i++) {
      if (line.charAt(i) != mark) {
        return false;
      }
    }
    return true;
  }

  /** The walk over one document's lines. Used once, by one thread. */
  private static final class Walk {
    private final List<SourceLine> lines;
    private final LineSections sections = new LineSections();

    /** Adornment styles in the order they first appear: their index is the level less one. */
    private final List<String> styles = new ArrayList<>();

    private final Map<String, List<String>> metadata = new LinkedHashMap<>();
    private Optional<String> title = Optional.empty();
    private String titleStyle;
    private int titleStyleUses;
    private Optional<String> dateText = Optional.empty();

    /** Whether a field list here would still be the bibliography: nothing but a title before. */
    private boolean docinfoOpen = true;

    private final List<String> paragraph = new ArrayList<>();
    private int paragraphIndent;

    /** The column where the text of a list item's paragraph goes on, or -1. */
    private int itemTextColumn = -1;

    /**
     * The indent of a paragraph that ended in {@code ::}, whose literal block may follow; or -1.
     */
    private int literalAfter = -1;

    Walk(String text) {
      this.lines = SourceLine.split(text);
    }

    Outline run() {
      int i = 0;
      while (i < lines.size()) {
        i = step(i);
      }
      flushParagraph();
      List<Section> found = sections.finish();
      if (titleStyleUses == 1) {
        found = withoutTitleInPaths(found);
      }
      return new Outline(title, dateText, found, 0, List.of(), metadata);
    }

    /** Reads the block at line {@code i} and returns the index of the line after it. */
    private int step(int i) {
      SourceLine line = lines.get(i);
      if (line.isBlank()) {
        flushParagraph();
        return i + 1;
      }
      int indent = line.indent();
      String stripped = line.content().strip();
      if (literalAfter >= 0) {
        int base = literalAfter;
        literalAfter = -1;
        if (indent > base) {
          return code(i, base, i);
        }
      }
      if (stripped.startsWith("..")
          && (stripped.length() == 2 || Character.isWhitespace(stripped.charAt(2)))) {
        flushParagraph();
        return explicitMarkup(i, indent, stripped);
      }
      if (indent == 0 && paragraph.isEmpty()) {
        int afterHeading = heading(i);
        if (afterHeading > i) {
          return afterHeading;
        }
      }
      if ((isAdornment(stripped) && stripped.length() >= 4) || isTableBorder(stripped)) {
        // a transition, a table's border, or an adornment with no title: markup, not text
        flushParagraph();
        return i + 1;
      }
      Matcher field = FIELD.matcher(stripped);
      if (field.matches()) {
        flushParagraph();
        if (indent == 0 && docinfoOpen) {
          return docinfoField(i, field);
        }
        paragraph.add(field.group(1) + ": " + (field.group(2) == null ? "" : field.group(2)));
        paragraphIndent = indent;
        sections.extend(line.start(), line.end());
        return i + 1;
      }
      if (stripped.startsWith(">>>") && paragraph.isEmpty()) {
        return doctest(i);
      }
      Matcher item = LIST_MARKER.matcher(stripped);
      boolean startsItem = item.find();
      if (!paragraph.isEmpty()
          && ((indent != paragraphIndent && indent != itemTextColumn)
              || startsItem
              || isTableRow(stripped))) {
        flushParagraph();
      }
      if (isTableRow(stripped)) {
        paragraph.add(tableRow(stripped));
        flushParagraph();
      } else {
        String shown = stripped;
        if (paragraph.isEmpty()) {
          paragraphIndent = indent;
          itemTextColumn = startsItem ? textColumn(line.content(), item.end()) : -1;
          Matcher marker = SHOWN_MARKER.matcher(stripped);
          if (startsItem && marker.find()) {
            // a list item's text without its bullet or number, which are not words of the text
            shown = fieldShown(stripped.substring(marker.end()));
          }
        }
        paragraph.add(shown);
      }
      sections.extend(line.start(), line.end());
      return i + 1;
    }

    /**
     * The column (tabs to the next multiple of 8) of the character {@code offset} past a line's
     * leading white space: where a list item's text stands after its marker.
     */
    private static int textColumn(String content, int offset) {
      int leading = content.length() - content.stripLeading().length();
      int column = 0;
      for (int k = 0; k < leading + offset && k < content.length(); k++) {
        column = content.charAt(k) == '\t' ? (column / 8 + 1) * 8 : column + 1;
      }
      return column;
    }

    /** A field ({@code :Title: text}) as it reads ("Title: text"); other text as it is. */
    private static String fieldShown(String text) {
      Matcher field = FIELD.matcher(text);
      if (!field.matches()) {
        return text;
      }
      return field.group(1) + ": " + (field.group(2) == null ? "" : field.group(2));
    }

    /**
     * A table row's line as text: its cells in order, each without the bullet or number of a list
     * item and without the {@code .. name::} of a directive that opens in it.
     */
    private static String tableRow(String row) {
      StringBuilder text = new StringBuilder();
      for (String cell : row.split("\\|", -1)) {
        String shown = cell.strip();
        Matcher marker = SHOWN_MARKER.matcher(shown);
        if (marker.find()) {
          shown = shown.substring(marker.end());
        }
        Matcher directive = CELL_DIRECTIVE.matcher(shown);
        if (directive.find()) {
          shown = shown.substring(directive.end());
        }
        if (!shown.isEmpty()) {
          text.append(text.length() == 0 ? "" : " ").append(shown);
        }
      }
      return text.toString();
    }

    /** A section title at line {@code i}: returns the line after it, or {@code i} when none. */
    private int heading(int i) {
      String first = lines.get(i).content();
      boolean atBlockStart = i == 0 || lines.get(i - 1).isBlank();
      if (!atBlockStart) {
        return i;
      }
      if (isAdornment(first) && i + 2 < lines.size()) {
        String overline = first.strip();
        String titleText = lines.get(i + 1).content().strip();
        String underline = lines.get(i + 2).content().strip();
        if (!titleText.isEmpty()
            && !isAdornment(titleText)
            && underline.equals(overline)
            && overline.length() >= titleText.length()) {
          openHeading(
              "o" + overline.charAt(0), titleText, lines.get(i).start(), lines.get(i + 2).end());
          return i + 3;
        }
        return i;
      }
      if (i + 1 >= lines.size() || isAdornment(first)) {
        return i;
      }
      String titleText = first.strip();
      String underline = lines.get(i + 1).content();
      if (!isAdornment(underline) || underline.charAt(0) == ' ' || !canBeTitle(titleText)) {
        return i;
      }
      int underlineLength = underline.strip().length();
      if (underlineLength < titleText.length() && underlineLength < 4) {
        return i;
      }
      openHeading(
          "u" + underline.charAt(0), titleText, lines.get(i).start(), lines.get(i + 1).end());
      return i + 2;
    }

    /**
     * Whether a line could be a title's text rather than another construct docutils reads first.
     */
    private static boolean canBeTitle(String text) {
      return !BULLET.matcher(text).find()
          && !text.startsWith(">>>")
          && !text.startsWith("..")
          && !FIELD.matcher(text).matches()
          && !text.startsWith("| ")
          && !text.equals("::");
    }

    private void openHeading(String style, String rawText, int start, int end) {
      flushParagraph();
      literalAfter = -1;
      int level = styles.indexOf(style);
      if (level < 0) {
        styles.add(style);
        level = styles.size() - 1;
      }
      String text = RstInline.plain(rawText);
      boolean isTitle = title.isEmpty();
      if (isTitle) {
        title = Optional.of(text).filter(t -> !t.isEmpty());
        titleStyle = style;
      } else {
        docinfoOpen = false;
      }
      if (style.equals(titleStyle)) {
        titleStyleUses++;
      }
      // the title leaves the paths below it only when docutils promotes it (see run)
      sections.heading(level + 1, text, false, start, end);
    }

    /** A bibliographic field and its indented body. */
    private int docinfoField(int i, Matcher field) {
      List<String> values = new ArrayList<>();
      StringBuilder value = new StringBuilder(field.group(2) == null ? "" : field.group(2).strip());
      Matcher firstBullet = BULLET.matcher(value);
      if (firstBullet.find()) {
        value.delete(0, firstBullet.end());
      }
      int next = i + 1;
      while (next < lines.size() && !lines.get(next).isBlank() && lines.get(next).indent() > 0) {
        String content = lines.get(next).content().strip();
        Matcher bullet = BULLET.matcher(content);
        if (bullet.find()) {
          // a list of values, such as the authors of a Linux document
          values.add(value.toString());
          value.setLength(0);
          content = content.substring(bullet.end());
        }
        value.append(' ').append(content);
        next++;
      }
      values.add(value.toString());
      String name = field.group(1).strip().toLowerCase(Locale.ROOT);
      for (String raw : values) {
        String shown = RstInline.plain(raw);
        if (shown.isEmpty()) {
          continue;
        }
        if (name.equals("date")) {
          dateText = Optional.of(shown);
        } else if (!SETTINGS_FIELDS.contains(name)) {
          String key = name.equals("authors") ? "author" : name.replaceAll("[^a-z0-9_.-]+", "-");
          metadata.computeIfAbsent(key, k -> new ArrayList<>()).add(shown);
        }
      }
      return next;
    }

    /** An explicit markup block: a directive, comment, target, substitution or footnote. */
    private int explicitMarkup(int i, int indent, String stripped) {
      int blockEnd = blockEnd(i, indent);
      if (stripped.length() == 2 && (i + 1 >= lines.size() || lines.get(i + 1).isBlank())) {
        // an empty comment ends the construct before it and takes nothing after it
        return i + 1;
      }
      Matcher directive = DIRECTIVE.matcher(stripped);
      if (directive.matches()) {
        return directive(i, indent, blockEnd, directive);
      }
      String rest = stripped.substring(2).strip();
      if (rest.startsWith("[") && rest.indexOf(']') > 0) {
        // a footnote or citation: its text is the document's
        String note = rest.substring(rest.indexOf(']') + 1).strip();
        int next = i + 1;
        if (!note.isEmpty()) {
          paragraph.add(note);
          // its first paragraph goes on in the indented lines under it
          while (next < blockEnd && !lines.get(next).isBlank()) {
            paragraph.add(lines.get(next).content().strip());
            next++;
          }
          paragraphIndent = bodyIndent(i, indent, blockEnd);
          itemTextColumn = -1;
          sections.extend(lines.get(i).start(), lines.get(next - 1).end());
        }
        return next;
      }
      // a comment, a hyperlink target or a substitution definition, with its indented body
      return blockEnd;
    }

    private int directive(int i, int indent, int blockEnd, Matcher directive) {
      String name = directive.group(1).toLowerCase(Locale.ROOT);
      String shortName = name.substring(name.lastIndexOf(':') + 1);
      if (HIDDEN.contains(name) || HIDDEN.contains(shortName)) {
        return blockEnd;
      }
      StringBuilder argument =
          new StringBuilder(directive.group(2) == null ? "" : directive.group(2).strip());
      if (argument.length() > 0 && argument.charAt(argument.length() - 1) == '\\') {
        argument.setLength(argument.length() - 1);
      }
      int next = i + 1;
      // the argument runs on until a blank line or the options
      while (next < blockEnd
          && !lines.get(next).isBlank()
          && !FIELD.matcher(lines.get(next).content().strip()).matches()) {
        argument.append(' ').append(lines.get(next).content().strip());
        if (argument.charAt(argument.length() - 1) == '\\') {
          // a signature continued on the next line
          argument.setLength(argument.length() - 1);
        }
        next++;
      }
      while (next < blockEnd
          && !lines.get(next).isBlank()
          && FIELD.matcher(lines.get(next).content().strip()).matches()) {
        next++;
      }
      SourceLine first = lines.get(i);
      docinfoOpen = false;
      if (CODE.contains(shortName)) {
        return code(next, indent, blockEnd);
      }
      String shownArgument = argument.toString().strip();
      if (!shownArgument.isEmpty() && !shortName.equals("figure")) {
        if (PROSE_ARGUMENT.contains(shortName)) {
          paragraph.add(shownArgument);
        } else {
          sections.body().appendCode(shownArgument).append("\n\n");
        }
        // the text is the directive's body: a literal block after it is indented past the body
        paragraphIndent = bodyIndent(i, indent, blockEnd);
        itemTextColumn = -1;
        sections.extend(first.start(), lines.get(Math.max(i, next - 1)).end());
        flushParagraph();
      }
      return next;
    }

    /**
     * Code from line {@code from}: the lines indented more than {@code base} (blank lines between
     * them included), up to {@code limit} when it is past {@code from}.
     */
    private int code(int from, int base, int limit) {
      int end = from;
      int lastText = -1;
      while (end < lines.size()
          && (lines.get(end).isBlank() || lines.get(end).indent() > base)
          && (limit <= from || end < limit)) {
        if (!lines.get(end).isBlank()) {
          lastText = end;
        }
        end++;
      }
      if (lastText < 0) {
        return end;
      }
      int common = Integer.MAX_VALUE;
      for (int k = from; k <= lastText; k++) {
        if (!lines.get(k).isBlank()) {
          common = Math.min(common, lines.get(k).indent());
        }
      }
      StringBuilder code = new StringBuilder();
      for (int k = from; k <= lastText; k++) {
        String content = lines.get(k).content();
        code.append(lines.get(k).isBlank() ? "" : dedent(content, common)).append('\n');
      }
      flushParagraph();
      docinfoOpen = false;
      int firstText = from;
      while (lines.get(firstText).isBlank()) {
        firstText++;
      }
      sections.body().appendCode(code.toString().stripTrailing()).append("\n\n");
      sections.extend(lines.get(firstText).start(), lines.get(lastText).end());
      return lastText + 1;
    }

    /** A doctest block: the lines from a {@code >>>} line to the next blank line. */
    private int doctest(int i) {
      int end = i;
      while (end < lines.size() && !lines.get(end).isBlank()) {
        end++;
      }
      int indent = lines.get(i).indent();
      StringBuilder code = new StringBuilder();
      for (int k = i; k < end; k++) {
        code.append(dedent(lines.get(k).content(), indent)).append('\n');
      }
      docinfoOpen = false;
      sections.body().appendCode(code.toString().stripTrailing()).append("\n\n");
      sections.extend(lines.get(i).start(), lines.get(end - 1).end());
      return end;
    }

    private static String dedent(String content, int columns) {
      int column = 0;
      int i = 0;
      while (i < content.length() && column < columns) {
        char c = content.charAt(i);
        if (c == ' ') {
          column++;
        } else if (c == '\t') {
          column = (column / 8 + 1) * 8;
        } else {
          break;
        }
        i++;
      }
      return content.substring(i);
    }

    /**
     * The indent of the body of the explicit markup block at line {@code i}: its first indented
     * line's, else the column after {@code ..}.
     */
    private int bodyIndent(int i, int indent, int blockEnd) {
      for (int k = i + 1; k < blockEnd; k++) {
        if (!lines.get(k).isBlank()) {
          return lines.get(k).indent();
        }
      }
      return indent + 3;
    }

    /** The end of an explicit markup block at line {@code i}: its indented lines after it. */
    private int blockEnd(int i, int indent) {
      int end = i + 1;
      int last = i;
      while (end < lines.size() && (lines.get(end).isBlank() || lines.get(end).indent() > indent)) {
        if (!lines.get(end).isBlank()) {
          last = end;
        }
        end++;
      }
      return last + 1;
    }

    private void flushParagraph() {
      if (paragraph.isEmpty()) {
        return;
      }
      String joined = String.join(" ", paragraph);
      paragraph.clear();
      if (joined.endsWith("::")) {
        // the literal block is indented past the paragraph's text: a list item's text column
        literalAfter = itemTextColumn >= 0 ? itemTextColumn : paragraphIndent;
        joined = joined.substring(0, joined.length() - 2);
        joined =
            joined.isEmpty() || Character.isWhitespace(joined.charAt(joined.length() - 1))
                ? joined.stripTrailing()
                : joined + ":";
      }
      if (!joined.isBlank()) {
        docinfoOpen = false;
        RstInline.render(joined, sections.body());
        sections.body().append("\n\n");
      }
    }

    /**
     * Sections after the title without the title in their heading paths: docutils makes a lone
     * top-level title the document's title, above its sections rather than one of them.
     */
    private List<Section> withoutTitleInPaths(List<Section> found) {
      if (title.isEmpty()) {
        return found;
      }
      List<Section> out = new ArrayList<>(found.size());
      for (Section section : found) {
        List<String> path = section.headingPath();
        if (path.size() > 1 && path.get(0).equals(title.get())) {
          section =
              new Section(
                  section.heading(),
                  path.subList(1, path.size()),
                  section.ordinal(),
                  section.text(),
                  section.start(),
                  section.end());
        }
        out.add(section);
      }
      return out;
    }
  }

  /** A grid table's border, or a simple table's ({@code ===== =====}). */
  private static boolean isTableBorder(String stripped) {
    if (stripped.length() < 3) {
      return false;
    }
    char first = stripped.charAt(0);
    if (first != '+' && first != '=') {
      return false;
    }
    boolean sawMark = false;
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (c == '-' || c == '=') {
        sawMark = true;
      } else if (c != '+' && c != ' ') {
        return false;
      }
    }
    return sawMark && (first == '+' || stripped.indexOf(' ') > 0);
  }

  /** A grid table's row: text between {@code |} borders. */
  private static boolean isTableRow(String stripped) {
    return stripped.length() > 2 && stripped.startsWith("|") && stripped.endsWith("|");
  }
}
