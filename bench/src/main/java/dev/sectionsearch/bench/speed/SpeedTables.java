package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.speed.SpeedComparison.IndexingRow;
import dev.sectionsearch.bench.speed.SpeedComparison.Options;
import dev.sectionsearch.bench.speed.SpeedComparison.Report;
import dev.sectionsearch.bench.speed.SpeedComparison.SearchRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes a comparison's figures as CSV and renders them, with the targets, as tables. */
final class SpeedTables {
  private static final String LIBRARY = "sectionsearch";
  private static final String LUCENE = "lucene";
  private static final String FTS5 = "sqlite-fts5";

  private SpeedTables() {}

  static void writeCsv(Report report, Path out) throws IOException {
    List<String> indexing = new ArrayList<>();
    indexing.add(
        "system,run,scale,threads,documents,sections,text_bytes,seconds,mb_per_s,sections_per_s,"
            + "us_per_section,max_live_heap_bytes,early_live_heap_bytes,late_live_heap_bytes,"
            + "peak_heap_bytes,index_bytes");
    for (IndexingRow row : report.indexing()) {
      IndexRun.Measures m = row.measures();
      indexing.add(
          String.format(
              Locale.ROOT,
              "%s,%s,%d,%d,%d,%d,%d,%.3f,%.3f,%.1f,%.2f,%d,%d,%d,%d,%d",
              row.system(),
              row.run(),
              row.scale(),
              row.threads(),
              m.documents(),
              m.sections(),
              row.textBytes(),
              m.seconds(),
              row.megabytesPerSecond(),
              row.sectionsPerSecond(),
              row.microsPerSection(),
              m.maxLiveHeap(),
              m.earlyLiveHeap(),
              m.lateLiveHeap(),
              m.peakHeap(),
              m.indexBytes()));
    }
    Files.write(out.resolve("indexing.csv"), indexing, StandardCharsets.UTF_8);
    List<String> searching = new ArrayList<>();
    searching.add(
        "system,scale,threads,queries,p50_ms,p90_ms,p99_ms,queries_per_s,mean_hits,"
            + "mean_passage_chars");
    for (SearchRow row : report.searching()) {
      SearchRun.Measures m = row.measures();
      searching.add(
          String.format(
              Locale.ROOT,
              "%s,%d,%d,%d,%.3f,%.3f,%.3f,%.1f,%.2f,%.1f",
              row.system(),
              row.scale(),
              row.threads(),
              m.queries(),
              m.p50Millis(),
              m.p90Millis(),
              m.p99Millis(),
              m.queriesPerSecond(),
              m.meanHits(),
              m.meanPassageChars()));
    }
    Files.write(out.resolve("search.csv"), searching, StandardCharsets.UTF_8);
  }

  static String render(Report report, Options options) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Speed comparison, %s, %d cores; corpus 1x = %d pages, %d sections, %.1f MB of section"
                + " text (sectioning %.1f MB/s of HTML on one thread)%n%n",
            SpeedComparison.today(),
            Runtime.getRuntime().availableProcessors(),
            report.extraction().pages(),
            report.extraction().sections(),
            report.extraction().textBytes() / 1e6,
            report.extraction().htmlBytes() / 1e6 / report.extraction().seconds()));
    out.append("Indexing (the same section texts into each system; heap capped at ")
        .append(options.heap())
        .append(")\n\n");
    out.append(
        "| system        | corpus | threads | MB/s   | sections/s | µs/section | live heap MB"
            + " | index MB |\n");
    out.append(
        "| ------------- | ------ | ------- | ------ | ---------- | ---------- | ------------"
            + " | -------- |\n");
    for (IndexingRow row : report.indexing()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %-13s | %-6s | %7d | %6.2f | %10.0f | %10.1f | %12.0f | %8.1f |%n",
              row.system(),
              row.scale() + "x",
              row.threads(),
              row.megabytesPerSecond(),
              row.sectionsPerSecond(),
              row.microsPerSection(),
              row.measures().maxLiveHeap() / 1e6,
              row.measures().indexBytes() / 1e6));
    }
    out.append("\nSearch (top 10 sections with highlighted passages)\n\n");
    out.append("| system        | corpus | threads | p50 ms | p90 ms | p99 ms | queries/s |\n");
    out.append("| ------------- | ------ | ------- | ------ | ------ | ------ | --------- |\n");
    for (SearchRow row : report.searching()) {
      SearchRun.Measures m = row.measures();
      out.append(
          String.format(
              Locale.ROOT,
              "| %-13s | %-6s | %7d | %6.2f | %6.2f | %6.2f | %9.1f |%n",
              row.system(),
              row.scale() + "x",
              row.threads(),
              m.p50Millis(),
              m.p90Millis(),
              m.p99Millis(),
              m.queriesPerSecond()));
    }
    out.append("\nTargets\n\n");
    out.append("| target | measured | met |\n| ------ | -------- | --- |\n");
    for (Target target : targets(report, options)) {
      out.append("| ")
          .append(target.name())
          .append(" | ")
          .append(target.measured())
          .append(" | ")
          .append(target.met() ? "yes" : "no")
          .append(" |\n");
    }
    return out.toString();
  }

  /** A target from the comparison's brief, and what was measured against it. */
  record Target(String name, String measured, boolean met) {}

  static List<Target> targets(Report report, Options options) {
    List<Target> targets = new ArrayList<>();
    int all = options.threads();
    int first = options.scales().get(0);
    int last = options.scales().get(options.scales().size() - 1);
    Optional<IndexingRow> libraryAll = indexing(report, LIBRARY, first, all);
    Optional<IndexingRow> libraryOne = indexing(report, LIBRARY, first, 1);
    Optional<IndexingRow> luceneOne = indexing(report, LUCENE, first, 1);
    Optional<IndexingRow> fts5 = indexing(report, FTS5, first, 1);
    if (libraryAll.isPresent() && fts5.isPresent()) {
      double ratio = libraryAll.get().megabytesPerSecond() / fts5.get().megabytesPerSecond();
      targets.add(ratioTarget("indexing, all cores, vs FTS5 >= 1.5x", ratio, ratio >= 1.5));
    }
    if (libraryOne.isPresent() && luceneOne.isPresent()) {
      double ratio = libraryOne.get().megabytesPerSecond() / luceneOne.get().megabytesPerSecond();
      targets.add(ratioTarget("indexing, one thread, vs raw Lucene >= 0.9x", ratio, ratio >= 0.9));
    }
    Optional<SearchRow> library = search(report, LIBRARY, first, 1);
    Optional<SearchRow> lucene = search(report, LUCENE, first, 1);
    Optional<SearchRow> sqlite = search(report, FTS5, first, 1);
    if (library.isPresent() && lucene.isPresent()) {
      double ratio = library.get().measures().p50Millis() / lucene.get().measures().p50Millis();
      targets.add(
          ratioTarget(
              "search p50 vs raw Lucene + UnifiedHighlighter <= 1.2x", ratio, ratio <= 1.2));
    }
    if (library.isPresent() && sqlite.isPresent()) {
      double ratio = sqlite.get().measures().p50Millis() / library.get().measures().p50Millis();
      targets.add(ratioTarget("search p50 >= 10x faster than FTS5", ratio, ratio >= 10));
    }
    library.ifPresent(
        row ->
            targets.add(
                new Target(
                    "search p99 <= 20 ms at " + first + "x",
                    String.format(Locale.ROOT, "%.2f ms", row.measures().p99Millis()),
                    row.measures().p99Millis() <= 20)));
    Optional<IndexingRow> libraryLast = indexing(report, LIBRARY, last, all);
    if (libraryAll.isPresent() && libraryLast.isPresent() && last != first) {
      double ratio = libraryLast.get().microsPerSection() / libraryAll.get().microsPerSection();
      targets.add(
          ratioTarget(
              "cost per section flat from " + first + "x to " + last + "x (within 20%)",
              ratio,
              ratio <= 1.2));
    }
    report.indexing().stream()
        .filter(row -> row.run().equals("memory"))
        .findFirst()
        .ifPresent(
            row -> {
              targets.add(
                  new Target(
                      String.format(
                          Locale.ROOT,
                          "%.2f GB of text indexed with -Xmx%s",
                          row.textBytes() / 1e9,
                          options.heap()),
                      String.format(
                          Locale.ROOT,
                          "%.1f s, %.0f MB live heap at most",
                          row.measures().seconds(),
                          row.measures().maxLiveHeap() / 1e6),
                      row.textBytes() >= options.memoryGb() * 1e9));
              double ratio =
                  (double) row.measures().lateLiveHeap() / row.measures().earlyLiveHeap();
              targets.add(
                  new Target(
                      "memory does not grow with corpus size (live heap, last quarter of the"
                          + " run vs first, within 20%)",
                      String.format(
                          Locale.ROOT,
                          "%.0f MB early, %.0f MB late (%.2fx)",
                          row.measures().earlyLiveHeap() / 1e6,
                          row.measures().lateLiveHeap() / 1e6,
                          ratio),
                      ratio <= 1.2));
            });
    return targets;
  }

  private static Target ratioTarget(String name, double ratio, boolean met) {
    return new Target(name, String.format(Locale.ROOT, "%.2fx", ratio), met);
  }

  private static Optional<IndexingRow> indexing(
      Report report, String system, int scale, int threads) {
    return report.indexing().stream()
        .filter(row -> row.run().equals("index"))
        .filter(row -> row.system().equals(system) && row.scale() == scale)
        .filter(row -> row.threads() == threads)
        .findFirst();
  }

  private static Optional<SearchRow> search(Report report, String system, int scale, int threads) {
    return report.searching().stream()
        .filter(row -> row.system().equals(system) && row.scale() == scale)
        .filter(row -> row.threads() == threads)
        .findFirst();
  }
}
