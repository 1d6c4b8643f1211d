package dev.sectionsearch.pdf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Splits a PDF's lines into sections: at its bookmarks when it has an outline, else at lines set
 * larger or bolder than the body text. Stateless.
 */
final class PdfSections {
  /** A line longer than this is a paragraph's, never a heading. */
  static final int MAX_HEADING_CHARS = 150;

  /** A heading wrapped over more lines than this is taken for text. */
  private static final int MAX_HEADING_LINES = 3;

  /**
   * How far a heading line and a bookmark title may differ at their start and still match: "3.2
   * Installation" in the text for an "Installation" bookmark, or "Chapter 3 ..." for "3 ...".
   */
  private static final int NUMBER_PREFIX = 10;

  private PdfSections() {}

  /** The sections, and the title the layout suggests. */
  record Split(List<PdfSection> sections, Optional<String> title) {}

  /**
   * Drops running heads and footers: a first or last line of a page that recurs, digits aside, as
   * the first or last line of three pages or more, and is not set larger than the body text; and
   * first or last lines that are only a page number.
   */
  static List<Line> withoutRunningLines(List<Line> lines) {
    float body = bodySize(lines);
    Map<String, Integer> edgeCounts = new HashMap<>();
    List<Integer> edges = edgeLines(lines);
    for (int i : edges) {
      edgeCounts.merge(runningKey(lines.get(i).text()), 1, Integer::sum);
    }
    boolean[] drop = new boolean[lines.size()];
    for (int i : edges) {
      Line line = lines.get(i);
      String key = runningKey(line.text());
      boolean pageNumber =
          line.text().matches("(?i)[\\divxlc]{1,6}|page \\d+( of \\d+)?|- ?\\d+ ?-");
      if (pageNumber || (edgeCounts.get(key) >= 3 && line.size() <= body)) {
        drop[i] = true;
      }
    }
    List<Line> kept = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (!drop[i]) {
        kept.add(lines.get(i));
      }
    }
    return kept;
  }

  private static List<Integer> edgeLines(List<Line> lines) {
    List<Integer> edges = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      boolean first = i == 0 || lines.get(i - 1).page() != lines.get(i).page();
      boolean last = i == lines.size() - 1 || lines.get(i + 1).page() != lines.get(i).page();
      if (first || last) {
        edges.add(i);
      }
    }
    return edges;
  }

  private static String runningKey(String text) {
    return text.replaceAll("\\d+", "#").toLowerCase(Locale.ROOT);
  }

  /**
   * Sections at the bookmarks: each starts at the line of its page (or the next) that reads as its
   * title, that line being its heading; else at the top of its page.
   */
  static List<PdfSection> fromOutline(List<Line> lines, List<Bookmark> bookmarks) {
    int[] starts = new int[bookmarks.size()];
    int[] headingLines = new int[bookmarks.size()];
    int cursor = 0;
    for (int b = 0; b < bookmarks.size(); b++) {
      Bookmark bookmark = bookmarks.get(b);
      int from = Math.max(cursor, firstLineFrom(lines, bookmark.page()));
      int limit = firstLineFrom(lines, bookmark.page() + 2);
      String title = normalized(bookmark.title());
      int start = from;
      int consumed = 0;
      for (int i = from; i < limit && !title.isEmpty(); i++) {
        int matched = titleLines(lines, i, title);
        if (matched > 0) {
          start = i;
          consumed = matched;
          break;
        }
      }
      starts[b] = start;
      headingLines[b] = consumed;
      cursor = start + consumed;
    }
    List<PdfSection> sections = new ArrayList<>();
    if (!bookmarks.isEmpty() && starts[0] > 0) {
      add(sections, List.of(), lines, 0, starts[0], lines.get(0).page());
    }
    List<String> path = new ArrayList<>();
    for (int b = 0; b < bookmarks.size(); b++) {
      Bookmark bookmark = bookmarks.get(b);
      while (path.size() > bookmark.depth()) {
        path.remove(path.size() - 1);
      }
      path.add(bookmark.title());
      int end = b + 1 < bookmarks.size() ? starts[b + 1] : lines.size();
      int page = starts[b] < lines.size() ? lines.get(starts[b]).page() : bookmark.page();
      add(sections, path, lines, starts[b] + headingLines[b], end, page);
    }
    return sections;
  }

  /** Sections at lines set larger than the body text, or bold at its size. */
  static Split fromLayout(List<Line> lines) {
    float body = bodySize(lines);
    long boldChars = 0;
    long allChars = 0;
    for (Line line : lines) {
      allChars += line.chars();
      boldChars += line.bold() ? line.chars() : 0;
    }
    boolean boldCounts = boldChars * 4 < allChars;
    // a heading wrapped over lines is one heading: runs of candidate lines alike in size and weight
    List<int[]> headings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!isHeading(lines.get(i), body, boldCounts)) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size()
          && end - i < MAX_HEADING_LINES
          && isHeading(lines.get(end), body, boldCounts)
          && alike(lines.get(i), lines.get(end))) {
        end++;
      }
      headings.add(new int[] {i, end});
      i = end - 1;
    }
    TreeSet<Float> sizes = new TreeSet<>();
    for (int[] heading : headings) {
      sizes.add(lines.get(heading[0]).size());
    }
    List<Float> levels = new ArrayList<>(sizes.descendingSet());
    Optional<String> title = Optional.empty();
    int firstHeading = 0;
    if (!headings.isEmpty()) {
      Line first = lines.get(headings.get(0)[0]);
      long sameSize = headings.stream().filter(h -> lines.get(h[0]).size() == first.size()).count();
      if (first.page() == 1
          && first.size() == levels.get(0)
          && first.size() > body
          && sameSize == 1) {
        // the one line set largest, on the first page: the document's title, not a heading of
        // every section
        title = Optional.of(headingText(lines, headings.get(0)));
        firstHeading = 1;
      }
    }
    List<PdfSection> sections = new ArrayList<>();
    int textStart = firstHeading == 1 ? headings.get(0)[1] : 0;
    int firstEnd = headings.size() > firstHeading ? headings.get(firstHeading)[0] : lines.size();
    if (firstEnd > textStart) {
      add(sections, List.of(), lines, textStart, firstEnd, lines.get(textStart).page());
    }
    List<String> path = new ArrayList<>();
    List<Integer> pathLevels = new ArrayList<>();
    for (int h = firstHeading; h < headings.size(); h++) {
      int[] heading = headings.get(h);
      Line line = lines.get(heading[0]);
      int level = levels.indexOf(line.size());
      while (!pathLevels.isEmpty() && pathLevels.get(pathLevels.size() - 1) >= level) {
        pathLevels.remove(pathLevels.size() - 1);
        path.remove(path.size() - 1);
      }
      path.add(headingText(lines, heading));
      pathLevels.add(level);
      int end = h + 1 < headings.size() ? headings.get(h + 1)[0] : lines.size();
      add(sections, path, lines, heading[1], end, line.page());
    }
    return new Split(sections, title);
  }

  private static boolean isHeading(Line line, float body, boolean boldCounts) {
    String text = line.text();
    if (text.length() > MAX_HEADING_CHARS
        || text.endsWith(",")
        || text.endsWith(";")
        || text.chars().noneMatch(Character::isLetter)) {
      return false;
    }
    boolean larger = line.size() >= body * 1.15f && line.size() - body >= 1;
    boolean bold = boldCounts && line.bold() && line.size() >= body - 0.5f;
    return larger || bold;
  }

  private static boolean alike(Line a, Line b) {
    return a.page() == b.page() && a.size() == b.size() && a.bold() == b.bold();
  }

  private static String headingText(List<Line> lines, int[] heading) {
    StringBuilder text = new StringBuilder();
    for (int i = heading[0]; i < heading[1]; i++) {
      text.append(i == heading[0] ? "" : " ").append(lines.get(i).text());
    }
    return text.toString();
  }

  /** The font size of most of the text. */
  static float bodySize(List<Line> lines) {
    Map<Float, Long> chars = new HashMap<>();
    for (Line line : lines) {
      chars.merge(line.size(), (long) line.chars(), Long::sum);
    }
    float body = 0;
    long most = -1;
    for (Map.Entry<Float, Long> entry : chars.entrySet()) {
      if (entry.getValue() > most || (entry.getValue() == most && entry.getKey() < body)) {
        most = entry.getValue();
        body = entry.getKey();
      }
    }
    return body;
  }

  /** The index of the first line on {@code page} or after it. */
  private static int firstLineFrom(List<Line> lines, int page) {
    int low = 0;
    int high = lines.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (lines.get(mid).page() < page) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** How many lines from {@code i} (on one page, up to 3) read as the title; 0 when none do. */
  private static int titleLines(List<Line> lines, int i, String title) {
    StringBuilder read = new StringBuilder();
    for (int n = 1; n <= MAX_HEADING_LINES && i + n - 1 < lines.size(); n++) {
      Line line = lines.get(i + n - 1);
      if (line.page() != lines.get(i).page() || line.text().length() > MAX_HEADING_CHARS) {
        return 0;
      }
      read.append(normalized(line.text()));
      String text = read.toString();
      if (text.isEmpty()) {
        return 0;
      }
      if (text.equals(title)
          || (text.endsWith(title) && text.length() - title.length() <= NUMBER_PREFIX)
          || (title.endsWith(text)
              && title.length() - text.length() <= NUMBER_PREFIX
              && text.length() >= 3)) {
        return n;
      }
      if (!title.contains(text)) {
        return 0;
      }
    }
    return 0;
  }

  /** Letters and digits only, lower case: how a title and a line are compared. */
  static String normalized(String text) {
    StringBuilder kept = new StringBuilder(text.length());
    text.codePoints()
        .filter(Character::isLetterOrDigit)
        .map(Character::toLowerCase)
        .forEach(kept::appendCodePoint);
    return kept.toString();
  }

  private static void add(
      List<PdfSection> sections, List<String> path, List<Line> lines, int from, int to, int page) {
    String body = join(lines, from, to);
    if (!body.isBlank()) {
      sections.add(new PdfSection(List.copyOf(path), body, page));
    }
  }

  /**
   * The lines' text, a line a line; a word hyphenated at a line's end is joined ("docu-" and "ment"
   * read "document").
   */
  static String join(List<Line> lines, int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < Math.min(to, lines.size()); i++) {
      String line = lines.get(i).text();
      int n = text.length();
      if (n >= 2
          && text.charAt(n - 1) == '-'
          && Character.isLowerCase(text.charAt(n - 2))
          && Character.isLowerCase(line.charAt(0))) {
        text.setLength(n - 1);
      } else if (n > 0) {
        text.append('\n');
      }
      text.append(line);
    }
    return text.toString();
  }
}
