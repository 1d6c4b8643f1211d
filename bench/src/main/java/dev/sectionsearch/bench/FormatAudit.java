package dev.sectionsearch.bench;

import dev.sectionsearch.DocumentException;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Audits how the library reads a folder of documentation, per format: files read, sections,
 * sections with no text, headings that look like code or markup, markup left in the text, titles
 * that are comments or license lines, warnings, and the files skipped, by reason. Every file is
 * read as {@code index} reads it ({@link Document#fromFile(Path)} and {@link Sectioning#split});
 * nothing is indexed.
 *
 * <pre>
 * java -cp bench/target/sectionsearch-bench.jar dev.sectionsearch.bench.FormatAudit
 *     [--examples N] [NAME=]DIR...
 * </pre>
 *
 * <p>Prints a Markdown table, one row per folder and format (a folder given as {@code NAME=DIR} is
 * named NAME in the rows) and a row for all, then the skipped files by reason, then up to N
 * examples (default 3) of each finding with the file and heading, to judge them by.
 *
 * <p>Markup left in the text is looked for in prose only: a section's text is cut into paragraphs
 * at blank lines, and a paragraph of several lines is a code block, kept verbatim (where markup may
 * be what the code shows) and passed over. A one-line code block counts as prose, so a few of the
 * findings may be code; the examples show which.
 */
public final class FormatAudit {
  /** What a finding is, how it is looked for, and where: in headings or in prose. */
  enum Finding {
    CODE_HEADING(
        "headings like code/markup",
        true,
        Pattern.compile(
            ">>>|::|`|(?<![\\w:]):[a-z][a-z0-9_+.-]{0,30}:(?![\\w:])|\\[\\[|<<|\\{[a-z][\\w-]*\\}"
                + "|^\\.\\.|^[\\p{Punct}\\s]+$|^\\$ ")),
    ROLE("`:role:`", false, Pattern.compile("(?<![\\w:]):[a-z][a-z0-9_+.-]{0,30}:(?=[`\\w])")),
    BACKTICK("backtick", false, Pattern.compile("`")),
    ATTRIBUTE("`{attr}`", false, Pattern.compile("\\{[a-z][\\w-]*\\}")),
    MACRO(
        "`link:`/macro",
        false,
        Pattern.compile(
            "\\b(?:link|xref|mailto|image|include|kbd|btn|menu|footnote|pass):\\S*\\[")),
    XREF("`<<xref>>`", false, Pattern.compile("<<[^<>\\s][^<>]{0,200}>>")),
    DIRECTIVE("`.. x::`", false, Pattern.compile("(?:^|\\s)\\.\\. [\\w:-]+::")),
    SUBSTITUTION(
        "`\\|subst\\|`",
        false,
        Pattern.compile("(?<![\\w|])\\|[A-Za-z][\\w -]{0,40}\\|(?![\\w|])")),
    EMPHASIS(
        "`*`/`**` marks",
        false,
        Pattern.compile("(?<![\\w*])\\*{1,2}[A-Za-z][^*\\n]{0,80}\\*{1,2}(?![\\w*])")),
    LIST_MARKER(
        "list marker starts paragraph",
        false,
        Pattern.compile("^(?:[-*+•‣⁃] |#\\. |\\(?[0-9]{1,3}[.)] |\\(?[a-zA-Z][.)] |\\.{1,5} )")),
    FIELD("`:field:` starts paragraph", false, Pattern.compile("^:[\\w][\\w ]{0,40}:(?:\\s|$)"));

    final String label;
    final boolean inHeadings;
    final Pattern pattern;

    Finding(String label, boolean inHeadings, Pattern pattern) {
      this.label = label;
      this.inHeadings = inHeadings;
      this.pattern = pattern;
    }
  }

  private static final Pattern COMMENT_TITLE =
      Pattern.compile(
          "^(?:\\.\\.|//|#|<!--)|SPDX-License-Identifier|^Copyright\\b", Pattern.CASE_INSENSITIVE);

  /** The counts of one format. */
  static final class Tally {
    int files;
    long bytes;
    int sections;
    int emptySections;
    int commentTitles;
    int warnings;
    final Map<Finding, Integer> findings = new LinkedHashMap<>();

    void add(Tally other) {
      files += other.files;
      bytes += other.bytes;
      sections += other.sections;
      emptySections += other.emptySections;
      commentTitles += other.commentTitles;
      warnings += other.warnings;
      other.findings.forEach((k, v) -> findings.merge(k, v, Integer::sum));
    }
  }

  private final SortedMap<String, Tally> tallies = new TreeMap<>();
  private final SortedMap<String, Integer> skipped = new TreeMap<>();
  private final Map<String, List<String>> examples = new LinkedHashMap<>();
  private final int maxExamples;

  /** The name of the folder being walked, before the format in its rows; empty when none. */
  private String label = "";

  /** The file being audited, named by the examples it gives. */
  private Path current;

  FormatAudit(int maxExamples) {
    this.maxExamples = maxExamples;
  }

  /** Entry point; see the class comment for arguments. */
  public static void main(String[] args) throws IOException {
    int maxExamples = 3;
    List<String> folders = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--examples")) {
        maxExamples = Integer.parseInt(args[++i]);
      } else {
        folders.add(args[i]);
      }
    }
    if (folders.isEmpty()) {
      throw new IllegalArgumentException("usage: FormatAudit [--examples N] DIR...");
    }
    FormatAudit audit = new FormatAudit(maxExamples);
    for (String folder : folders) {
      int equals = folder.indexOf('=');
      audit.label = equals > 0 ? folder.substring(0, equals) + " " : "";
      audit.walk(Path.of(folder.substring(equals + 1)));
    }
    audit.print(new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  void walk(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      files.filter(Files::isRegularFile).sorted().forEach(this::audit);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Reads one file as {@code index} does and counts what its sections show. */
  void audit(Path file) {
    current = file;
    if (!Document.canRead(file)) {
      skip(label + "unsupported file type (" + extension(file) + ")");
      return;
    }
    String format = label + formatOf(file);
    SectionedDocument document;
    long bytes;
    try {
      bytes = Files.size(file);
      document = Sectioning.split(Document.fromFile(file));
    } catch (DocumentException e) {
      String message = e.getMessage();
      String prefix = e.document() + ": ";
      String reason = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
      skip(format + ": " + reason.replaceAll("\\d+", "N"));
      return;
    } catch (IOException e) {
      skip(format + ": " + e.getClass().getSimpleName());
      return;
    }
    Tally tally = tallies.computeIfAbsent(format, f -> new Tally());
    tally.files++;
    tally.bytes += bytes;
    tally.warnings += document.warnings().size();
    if (COMMENT_TITLE.matcher(document.title()).find()) {
      tally.commentTitles++;
      example("title that is a comment or license line", file, "", document.title());
    }
    for (Section section : document.sections()) {
      tally.sections++;
      if (section.text().isBlank()) {
        tally.emptySections++;
        example("section with no text", file, section.heading(), "");
      }
      for (Finding finding : Finding.values()) {
        int count = finding.inHeadings ? inHeading(finding, section) : inProse(finding, section);
        if (count > 0) {
          tally.findings.merge(finding, count, Integer::sum);
          if (finding.inHeadings) {
            example(finding.label, file, section.heading(), section.heading());
          }
        }
      }
    }
  }

  private int inHeading(Finding finding, Section section) {
    return finding.pattern.matcher(section.heading()).find() ? 1 : 0;
  }

  /** Occurrences of a finding in the section's prose paragraphs (one line each). */
  private int inProse(Finding finding, Section section) {
    int count = 0;
    for (String paragraph : section.text().split("\n\n", -1)) {
      if (paragraph.isBlank() || paragraph.strip().indexOf('\n') >= 0) {
        continue;
      }
      Matcher matcher = finding.pattern.matcher(paragraph.strip());
      int before = count;
      while (matcher.find()) {
        count++;
      }
      if (count > before) {
        example(finding.label, null, section.heading(), paragraph.strip());
      }
    }
    return count;
  }

  private void example(String label, Path file, String heading, String text) {
    List<String> list = examples.computeIfAbsent(label, k -> new ArrayList<>());
    if (list.size() < maxExamples) {
      Path where = file != null ? file : current;
      String shown = text.length() > 160 ? text.substring(0, 160) + "..." : text;
      list.add(where + " | " + heading + " | " + shown);
    }
  }

  private void skip(String reason) {
    skipped.merge(reason, 1, Integer::sum);
  }

  private static String formatOf(Path file) {
    return Format.fromFileName(file)
        .map(f -> f.name().toLowerCase(Locale.ROOT))
        .orElse(extension(file).substring(1));
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "(none)" : name.substring(dot).toLowerCase(Locale.ROOT);
  }

  void print(PrintStream out) {
    List<Finding> headingFindings = new ArrayList<>();
    List<Finding> proseFindings = new ArrayList<>();
    for (Finding finding : Finding.values()) {
      (finding.inHeadings ? headingFindings : proseFindings).add(finding);
    }
    StringBuilder header =
        new StringBuilder("| format | files | MB | sections | per file | no text ");
    StringBuilder rule = new StringBuilder("|---|--:|--:|--:|--:|--:");
    for (Finding finding : headingFindings) {
      header.append("| ").append(finding.label).append(' ');
      rule.append("|--:");
    }
    header.append("| comment/SPDX titles | warnings ");
    rule.append("|--:|--:");
    for (Finding finding : proseFindings) {
      header.append("| ").append(finding.label).append(' ');
      rule.append("|--:");
    }
    out.println(header.append('|'));
    out.println(rule.append('|'));
    Tally all = new Tally();
    tallies.forEach(
        (format, tally) -> {
          row(out, format, tally, headingFindings, proseFindings);
          all.add(tally);
        });
    if (tallies.size() > 1) {
      row(out, "all", all, headingFindings, proseFindings);
    }
    out.println();
    out.println(
        "Markup in prose counts occurrences in one-line paragraphs; the other columns count"
            + " sections.");
    out.println();
    int skippedFiles = skipped.values().stream().mapToInt(Integer::intValue).sum();
    out.println("Skipped files: " + skippedFiles);
    skipped.forEach((reason, count) -> out.println("  " + count + ": " + reason));
    if (maxExamples > 0) {
      out.println();
      out.println("Examples (file | heading | text):");
      examples.forEach(
          (label, list) -> {
            out.println("- " + label);
            list.forEach(example -> out.println("    " + example));
          });
    }
  }

  private static void row(
      PrintStream out, String format, Tally tally, List<Finding> headings, List<Finding> prose) {
    StringBuilder line = new StringBuilder("| ").append(format);
    line.append(" | ").append(tally.files);
    line.append(" | ").append(String.format(Locale.ROOT, "%.1f", tally.bytes / 1e6));
    line.append(" | ").append(tally.sections);
    line.append(" | ")
        .append(
            String.format(
                Locale.ROOT,
                "%.1f",
                tally.files == 0 ? 0.0 : (double) tally.sections / tally.files));
    line.append(" | ").append(tally.emptySections);
    for (Finding finding : headings) {
      line.append(" | ").append(tally.findings.getOrDefault(finding, 0));
    }
    line.append(" | ").append(tally.commentTitles);
    line.append(" | ").append(tally.warnings);
    for (Finding finding : prose) {
      line.append(" | ").append(tally.findings.getOrDefault(finding, 0));
    }
    out.println(line.append(" |"));
  }
}
