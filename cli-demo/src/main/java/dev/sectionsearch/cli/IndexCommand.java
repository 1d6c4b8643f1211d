package dev.sectionsearch.cli;

import dev.sectionsearch.IndexSummary;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SkippedFile;
import dev.sectionsearch.semantic.MiniLmEmbedder;
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
      "Index files and folders (recursively): .txt, .md and .html files.",
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
    List<IndexSummary> summaries = new ArrayList<>();
    SectionIndex sectionIndex = open();
    RuntimeException failure = null;
    try {
      sectionIndex.verify();
      for (Path path : paths) {
        IndexingListener progress =
            Terminal.interactive() ? new ProgressBar(err) : IndexingListener.NONE;
        summaries.add(
            date == null
                ? sectionIndex.addAll(path, progress)
                : sectionIndex.addAll(path, date, progress));
      }
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
                  ? " (no .txt, .md or .html files found)"
                  : " (" + totals.skipped.size() + " files skipped)"));
      return Main.FAILURE;
    }
    return 0;
  }

  private SectionIndex open() {
    if (threads != null && threads < 1) {
      throw new ParameterException(
          spec.commandLine(), "--threads must be at least 1, not " + threads);
    }
    if (cluster.isSet()) {
      if (semantic) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--semantic needs a folder index: the OpenSearch backend searches words only");
      }
      return cluster.open(index, false, threads);
    }
    SectionIndex.Builder builder = SectionIndex.builder().folder(index.folder);
    if (threads != null) {
      builder.indexingThreads(threads);
    }
    if (semantic) {
      builder.embedder(MiniLmEmbedder.create());
    }
    return builder.build();
  }

  private static void report(PrintWriter out, Totals totals) {
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
      for (SkippedFile skipped : totals.skipped) {
        out.printf(
            Locale.ROOT,
            "  %s: %s%n",
            Terminal.safe(skipped.file().toString()),
            Terminal.safe(skipped.reason()));
      }
    }
    for (Map.Entry<String, List<String>> warning : totals.warnings.entrySet()) {
      for (String text : warning.getValue()) {
        out.printf(
            Locale.ROOT, "Warning: %s: %s%n", Terminal.safe(warning.getKey()), Terminal.safe(text));
      }
    }
  }

  /** The summaries of all paths added up. */
  private static final class Totals {
    long added;
    long replaced;
    long unchanged;
    long documents;
    long sections;
    long boilerplateLines;
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
        skipped.addAll(summary.skipped());
        warnings.putAll(summary.warnings());
      }
    }
  }
}
