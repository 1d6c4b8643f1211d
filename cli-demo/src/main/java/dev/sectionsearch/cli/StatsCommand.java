package dev.sectionsearch.cli;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.IndexStats;
import dev.sectionsearch.SectionIndex;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stats}: what an index holds. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Show how many documents and sections an index holds, their dates and size.")
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin IndexFolder index;

  @Mixin ClusterOption cluster;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    IndexStats stats;
    try (SectionIndex sectionIndex =
        cluster.isSet()
            ? cluster.open(index, true, null)
            : EmbeddedIndex.builder().folder(index.folder).readOnly().build()) {
      // stats answer "is my index all right?": damage must not go unnoticed here
      sectionIndex.verify();
      stats = sectionIndex.stats();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.stats(stats));
      return 0;
    }
    out.println("Documents: " + stats.documents());
    out.println("Sections:  " + stats.sections());
    out.println(
        "Dates:     "
            + stats.oldest().map(LocalDate::toString).orElse("none")
            + stats.newest().map(newest -> " to " + newest).orElse(""));
    out.println("Size:      " + humanSize(stats.sizeBytes()));
    return 0;
  }

  private static String humanSize(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
