package dev.sectionsearch.sectioning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * {@code ##}); the number of marks is the level. The document title ({@code = Title}) and the
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
 * <p>Stateless and thread-safe.
 */
final class AsciiDocSectioner implements Sectioner {
  private static final Pattern SECTION_TITLE = Pattern.compile("^(={1,6}|#{1,6})[ \\t]+(\\S.*)$");

  private static final Pattern ATTRIBUTE_ENTRY =
      Pattern.compile("^:!?([A-Za-z0-9_][\\w-]{0,60})!?:(?:[ \\t]+(.*))?$");

  private static final Pattern BLOCK_MACRO = Pattern.compile("^[a-z][\\w-]{0,30}::\\S*\\[.*\\]$");

  private static final Pattern ADMONITION =
      Pattern.compile("^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \\t]+");

  private static final Pattern LIST_MARKER =
      Pattern.compile("^(?:[*\\-]{1,5}|\\.{1,5}|\\d{1,4}\\.)[ \\t]+(?=\\S)");

  private static final Pattern REVISION_LINE =
      Pattern.compile("^v?\\d[\\w.]*,[ \\t]*([^:]+?)(?::.*)?$");

  private static final Pattern INLINE =
      Pattern.compile(
          "`(?<code>[^`\\n]{1,2000})`"
              + "|(?:link|xref|mailto|https?|ftp|file)(?::[^\\s\\[]{0,500})?\\[(?<linkText>[^\\]\\[\\n]{0,500})\\]"
              + "|<<(?<ref>[^,<>\\n]{1,200})(?:,(?<refText>[^<>\\n]{1,200}))?>>"
              + "|(?<![\\w*])\\*{1,2}(?<strong>[^*\\s](?:[^*\\n]{0,1000}[^*\\s])?)\\*{1,2}(?![\\w*])"
              + "|(?<![\\w_])_{1,2}(?<emphasis>[^_\\s](?:[^_\\n]{0,1000}[^_\\s])?)_{1,2}(?![\\w_])");

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
    private final Deque<String> openBlocks = new ArrayDeque<>();
    private final StringBuilder paragraph = new StringBuilder();
    private Optional<String> title = Optional.empty();
    private Optional<String> dateText = Optional.empty();

    Walk(String text) {
      this.lines = SourceLine.split(text);
    }

    Outline run() {
      int i = header();
      while (i < lines.size()) {
        i = step(i);
      }
      flush();
      return new Outline(title, dateText, sections.finish(), 0, List.of(), metadata);
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
      if (!titleLine.matches() || titleLine.group(1).length() != 1) {
        return 0;
      }
      String shown = inline(titleLine.group(2).strip());
      title = Optional.of(shown).filter(t -> !t.isEmpty());
      sections.heading(1, shown, true, lines.get(i).start(), lines.get(i).end());
      i++;
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
      String delimiter = delimiter(stripped);
      if (delimiter != null) {
        flush();
        if (!openBlocks.isEmpty() && openBlocks.peek().equals(delimiter)) {
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
              inline(titleLine.group(2).strip()),
              false,
              line.start(),
              line.end());
          return i + 1;
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

    /** A delimited block opened at line {@code i}; returns the line after what it consumed. */
    private int openBlock(int i, String delimiter) {
      char mark = delimiter.charAt(0);
      boolean verbatim = (mark == '-' && delimiter.length() > 2) || mark == '.' || mark == '`';
      boolean hidden = mark == '/' || mark == '+';
      if (!verbatim && !hidden) {
        // example, sidebar, quote, open and table blocks hold text, never headings
        openBlocks.push(delimiter);
        return i + 1;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).content().strip().equals(delimiter)) {
        end++;
      }
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
      return Math.min(end + 1, lines.size());
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

  /** Appends the text of AsciiDoc inline markup: links by their text, monospace as code. */
  private static void renderInline(String markup, SectionText out) {
    Matcher matcher = INLINE.matcher(markup);
    int last = 0;
    while (matcher.find()) {
      out.append(markup.substring(last, matcher.start()));
      if (matcher.group("code") != null) {
        out.appendCode(matcher.group("code"));
      } else if (matcher.group("linkText") != null) {
        String linkText = matcher.group("linkText");
        out.append(linkText.isBlank() ? matcher.group().replaceAll("\\[.*$", "") : linkText);
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
    out.append(markup.substring(last));
  }
}
