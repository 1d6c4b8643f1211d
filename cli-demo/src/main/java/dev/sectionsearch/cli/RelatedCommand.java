package dev.sectionsearch.cli;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code related}: the sections like one section, never that section itself. */
@Command(
    name = "related",
    mixinStandardHelpOptions = true,
    description = {
      "Find the sections like one section (a hit's docId and ordinal): by the words it uses most"
          + " that few sections use, and by meaning when the index has vectors."
    })
final class RelatedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin IndexFolder index;

  @Mixin ClusterOption cluster;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "10",
      description = "The most hits (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Parameters(index = "0", paramLabel = "ID", description = "The section's document id (docId).")
  String docId;

  @Parameters(
      index = "1",
      paramLabel = "ORDINAL",
      description = "The section's ordinal in its document, from 0.")
  int ordinal;

  @Override
  public Integer call() {
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be 1 to " + SearchRequest.MAX_LIMIT + ": " + limit);
    }
    if (ordinal < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "ORDINAL must be 0 or more: " + ordinal);
    }
    SearchResults results;
    try (SectionIndex sectionIndex = cluster.openToSearch(index)) {
      results = sectionIndex.related(docId, ordinal, limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.results(results));
      return 0;
    }
    print(out, results, Terminal.colour());
    return 0;
  }

  /** The hits as {@code search} prints them, each with its ordinal to ask for its related ones. */
  private static void print(PrintWriter out, SearchResults results, boolean colour) {
    if (!results.query().isEmpty()) {
      out.println("Words searched: " + Terminal.safe(results.query()) + "\n");
    }
    List<SearchHit> hits = results.hits();
    for (int i = 0; i < hits.size(); i++) {
      SearchHit hit = hits.get(i);
      String heading = hit.heading().isEmpty() ? "" : " > " + String.join(" > ", hit.headingPath());
      out.printf(Locale.ROOT, "%d. %s%n", i + 1, Terminal.safe(hit.title() + heading));
      out.printf(
          Locale.ROOT,
          "   %s %d%s | %s | score %.2f%n",
          Terminal.safe(hit.docId()),
          hit.ordinal(),
          hit.page().isPresent() ? " | page " + hit.page().getAsInt() : "",
          hit.date().map(LocalDate::toString).orElse("no date"),
          hit.score());
      for (Passage passage : hit.passages()) {
        String text = (passage.semantic() ? "~ " : "") + Terminal.passage(passage, colour);
        out.println("   " + text.replace("\n", "\n   "));
      }
      out.println();
    }
    out.println(
        hits.isEmpty()
            ? "No related sections."
            : hits.size() == 1 ? "1 related section." : hits.size() + " related sections.");
  }
}
