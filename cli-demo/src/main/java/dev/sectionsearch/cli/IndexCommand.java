package dev.sectionsearch.cli;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.FolderOptions;
import dev.sectionsearch.IndexSummary;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.SkippedFile;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.Metadata;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code index}: adds files and folders to an index and reports what happened to each. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Index files and folders (recursively): .txt, .md, .html, .rst and .adoc files.",
      "Files that cannot be indexed are listed with the reason; the others are indexed."
    })
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin IndexFolder index;

  @Mixin ClusterOption cluster;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      converter = IsoDate.class,
      description = "The date of every document indexed, over any date in the files.")
  LocalDate date;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "How many files to index at once (default: the number of cores).")
  Integer threads;

  @Option(
      names = "--semantic",
      description =
          "Also embed each section with the bundled offline model (all-MiniLM-L6-v2), for"
              + " semantic and hybrid search; needed on every run into an index made with it.")
  boolean semantic;

  @Option(
      names = "--include",
      paramLabel = "GLOB",
      description =
          "Index only files matching this pattern (repeatable): a pattern without / matches file"
              + " names ('*.rst.txt'), one with / the path under the folder ('library/**').")
  List<String> include = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Leave out files and folders matching this pattern (repeatable), e.g. '_sources'.")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--meta",
      paramLabel = "KEY=VALUE",
      description = "Metadata for every file of this run (repeatable; a key given twice has both).")
  List<String> meta = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "Read files that --include selects and whose name has no known extension (README,"
              + " copyright) in this format: txt, md, html, rst or adoc; auto tells each"
              + " file's format from its content (HTML, AsciiDoc, reST, Markdown, else text).")
  String format;

  @Option(
      names = "--keep-missing",
      description =
          "Keep the documents of files no longer under a folder indexed again (by default they"
              + " are removed).")
  boolean keepMissing;

  @Option(
      names = "--verbose",
      description = "List every skipped file, not one line per reason and file type.")
  boolean verbose;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to index.")
  List<Path> paths;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Path path : paths) {
      // before the index is opened: a mistyped path must not leave half a run committed
      if (!Files.exists(path)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "no such file or folder: " + path);
      }
    }
    FolderOptions options = folderOptions();
    List<IndexSummary> summaries = new ArrayList<>();
    SectionIndex sectionIndex = open();
    RuntimeException failure = null;
    try {
      sectionIndex.verify();
      for (Path path : paths) {
        IndexingListener progress =
            Terminal.interactive() ? new ProgressBar(err) : IndexingListener.NONE;
        if (cluster.isSet() && !usesFolderOptions()) {
          summaries.add(
              date == null
                  ? sectionIndex.addAll(path, progress)
                  : sectionIndex.addAll(path, date, progress));
        } else {
          summaries.add(sectionIndex.addAll(path, options, progress));
        }
      }
    } catch (SectionSearchException e) {
      // a cluster index with vectors refuses sections without them at the first add
      failure = inCommandLineTerms(e);
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      // commits what was added, also after a failure: files already read are not lost
      sectionIndex.close();
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
      out.println("Nothing of this run was committed.");
      throw failure;
    }
    if (failure != null) {
      if (!summaries.isEmpty()) {
        out.println("Committed before the failure:");
        report(out, new Totals(summaries));
      }
      throw failure;
    }
    Totals totals = new Totals(summaries);
    report(out, totals);
    if (totals.documents == 0) {
      err.println(
          "sectionsearch: nothing indexed"
              + (totals.skipped.isEmpty()
                  ? " (no .txt, .md, .html, .rst or .adoc files found)"
                  : " (" + totals.skipped.size() + " files skipped)"));
      return Main.FAILURE;
    }
    return 0;
  }

  private boolean usesFolderOptions() {
    return !include.isEmpty() || !exclude.isEmpty() || !meta.isEmpty() || format != null;
  }

  /** The folder options the command line gives, checked before the index is opened. */
  private FolderOptions folderOptions() {
    if (cluster.isSet() && usesFolderOptions()) {
      throw new ParameterException(
          spec.commandLine(),
          "--include, --exclude, --meta and --format need a folder index, not --opensearch");
    }
    FolderOptions.Builder options = FolderOptions.builder().removeMissing(!keepMissing);
    try {
      include.forEach(options::include);
      exclude.forEach(options::exclude);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid file pattern: " + e.getMessage());
    }
    Map<String, List<String>> metadata = new LinkedHashMap<>();
    for (String entry : meta) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new ParameterException(
            spec.commandLine(), "--meta needs KEY=VALUE, not \"" + entry + "\"");
      }
      String key = entry.substring(0, equals).strip();
      String value = entry.substring(equals + 1).strip();
      try {
        Metadata.checkKey(key);
        Metadata.checkValue(key, value);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--meta " + entry + ": " + e.getMessage());
      }
      metadata.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    if (!metadata.isEmpty()) {
      options.metadata(metadata);
    }
    if (format != null) {
      if (include.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--format applies to the files --include selects: give --include too (e.g."
                + " --include README --format md)");
      }
      if (format.equals("auto")) {
        options.sniffFormat();
      } else {
        options.format(
            Format.fromFileName(Path.of("file." + format))
                .orElseThrow(
                    () ->
                        new ParameterException(
                            spec.commandLine(),
                            "unknown --format " + format + " (txt, md, html, rst, adoc or auto)")));
      }
    }
    if (date != null) {
      options.date(date);
    }
    return options.build();
  }

  private SectionIndex open() {
    if (threads != null && threads < 1) {
      throw new ParameterException(
          spec.commandLine(), "--threads must be at least 1, not " + threads);
    }
    if (cluster.isSet()) {
      try {
        return cluster.open(index, false, threads, semantic ? BundledModel.create() : null);
      } catch (SectionSearchException e) {
        throw inCommandLineTerms(e);
      }
    }
    EmbeddedIndex.Builder builder = EmbeddedIndex.builder().folder(index.folder);
    if (threads != null) {
      builder.indexingThreads(threads);
    }
    if (semantic) {
      builder.embedder(BundledModel.create());
    }
    try {
      return builder.build();
    } catch (SectionSearchException e) {
      throw inCommandLineTerms(e);
    }
  }

  /**
   * The library's refusal of a model mismatch, told in options: "open it with that model's
   * embedder" means nothing to someone who typed a command.
   */
  private SectionSearchException inCommandLineTerms(SectionSearchException e) {
    String message = String.valueOf(e.getMessage());
    // the reason follows the last ": " (a cluster's URLs hold colons too)
    int reason = message.lastIndexOf(": ");
    if (reason < 0 || !message.contains("embedding model")) {
      return e;
    }
    String what = message.substring(0, reason);
    return new SectionSearchException(
        what
            + (semantic
                ? ": index it without --semantic, or re-create it (delete the "
                    + (cluster.isSet() ? "index" : "folder")
                    + ") to add vectors"
                : ": index it with --semantic, as it was made"),
        e);
  }

  /** Skipped files listed one by one up to this many; more are summarised by reason and type. */
  private static final int SKIPPED_LISTED = 10;

  private void report(PrintWriter out, Totals totals) {
    out.printf(
        Locale.ROOT,
        "Indexed %d %s (%d added, %d replaced, %d unchanged): %d sections.%n",
        totals.documents,
        totals.documents == 1 ? "document" : "documents",
        totals.added,
        totals.replaced,
        totals.unchanged,
        totals.sections);
    if (totals.boilerplateLines > 0) {
      out.printf(
          Locale.ROOT,
          "Left out %d lines of page boilerplate (link lists, unrelated headlines).%n",
          totals.boilerplateLines);
    }
    if (!totals.skipped.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "Skipped %d %s:%n",
          totals.skipped.size(),
          totals.skipped.size() == 1 ? "file" : "files");
      if (verbose || totals.skipped.size() <= SKIPPED_LISTED) {
        for (SkippedFile skipped : totals.skipped) {
          out.printf(
              Locale.ROOT,
              "  %s: %s%n",
              Terminal.safe(skipped.file().toString()),
              Terminal.safe(skipped.reason()));
        }
      } else {
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (SkippedFile skipped : totals.skipped) {
          groups.merge(skipped.reason() + " (" + fileType(skipped.file()) + ")", 1, Integer::sum);
        }
        groups.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .forEach(
                group ->
                    out.printf(
                        Locale.ROOT,
                        "  %d: %s%n",
                        group.getValue(),
                        Terminal.safe(group.getKey())));
        out.println("  (--verbose lists every file)");
      }
    }
    if (totals.removed > 0) {
      out.printf(
          Locale.ROOT,
          "Removed %d %s of files no longer under the folder.%n",
          totals.removed,
          totals.removed == 1 ? "document" : "documents");
    }
    for (Map.Entry<String, List<String>> warning : totals.warnings.entrySet()) {
      for (String text : warning.getValue()) {
        out.printf(
            Locale.ROOT, "Warning: %s: %s%n", Terminal.safe(warning.getKey()), Terminal.safe(text));
      }
    }
  }

  /** A file's type for the summary of skipped files: its extension, or "no extension". */
  private static String fileType(Path file) {
    Path name = file.getFileName();
    String text = name == null ? "" : name.toString();
    int dot = text.lastIndexOf('.');
    return dot <= 0 || dot == text.length() - 1
        ? "no extension"
        : text.substring(dot).toLowerCase(Locale.ROOT);
  }

  /** The summaries of all paths added up. */
  private static final class Totals {
    long added;
    long replaced;
    long unchanged;
    long documents;
    long sections;
    long boilerplateLines;
    long removed;
    final List<SkippedFile> skipped = new ArrayList<>();
    final Map<String, List<String>> warnings = new LinkedHashMap<>();

    Totals(List<IndexSummary> summaries) {
      for (IndexSummary summary : summaries) {
        added += summary.added();
        replaced += summary.replaced();
        unchanged += summary.unchanged();
        documents += summary.documents();
        sections += summary.sections();
        boilerplateLines += summary.boilerplateLines();
        removed += summary.removed();
        skipped.addAll(summary.skipped());
        warnings.putAll(summary.warnings());
      }
    }
  }
}
