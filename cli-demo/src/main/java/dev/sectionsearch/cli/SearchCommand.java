package dev.sectionsearch.cli;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.passage.Passages;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.search.SortOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code search}: runs a query and prints the best sections with highlighted passages. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search an index. Words (any may match), \"phrases\", -excluded, +required, a OR b,"
          + " prefix*."
    })
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin IndexFolder index;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "The most hits to show (default: 10; with --queries, 1000 documents a query).")
  Integer limit;

  @Option(
      names = "--since",
      paramLabel = "YYYY-MM-DD",
      converter = IsoDate.class,
      description = "Only sections dated on or after this day.")
  LocalDate since;

  @Option(
      names = "--until",
      paramLabel = "YYYY-MM-DD",
      converter = IsoDate.class,
      description = "Only sections dated on or before this day.")
  LocalDate until;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      defaultValue = "relevance",
      converter = SortOrderConverter.class,
      description = "relevance, newest or oldest (default: ${DEFAULT-VALUE}).")
  SortOrder sort;

  @Option(names = "--collapse", description = "Show only the best section of each document.")
  boolean collapse;

  @Option(
      names = "--passages",
      paramLabel = "N",
      defaultValue = "" + SearchRequest.DEFAULT_MAX_PASSAGES,
      description = "The most passages per hit (default: ${DEFAULT-VALUE}).")
  int passages;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--queries",
      paramLabel = "FILE",
      description = "Run every query of a file (one 'id<TAB>text' a line) and write a TREC run.")
  Path queries;

  @Option(
      names = "--run",
      paramLabel = "OUT",
      description = "With --queries: the TREC run file to write (qid Q0 docid rank score tag).")
  Path run;

  @Option(
      names = "--run-docid",
      paramLabel = "FORM",
      defaultValue = "id",
      description =
          "With --queries: 'id' writes document ids; 'stem' writes the file name without its"
              + " extension (CACM-0001.html -> CACM-0001), as test collections name documents.")
  String runDocId;

  @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The query words.")
  List<String> words;

  @Override
  public Integer call() throws IOException {
    boolean batch = queries != null;
    if (batch == (words != null && !words.isEmpty())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give either query words or --queries FILE");
    }
    if (batch) {
      if (run == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--queries needs --run OUT");
      }
      if (!runDocId.equals("id") && !runDocId.equals("stem")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "'" + runDocId + "' is not a --run-docid form (id or stem)");
      }
      return new BatchSearch(index.folder, limit == null ? BatchSearch.DEPTH : limit, runDocId.equals("stem"))
          .run(queries, run, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    SearchRequest request =
        SearchRequest.of(String.join(" ", words))
            .withLimit(limit == null ? SearchRequest.DEFAULT_LIMIT : limit)
            .withDateRange(Optional.ofNullable(since), Optional.ofNullable(until))
            .withSort(sort)
            .withCollapse(collapse)
            .withMaxPassages(passages)
            // one query per process: an exact count costs little here, and the JSON promises one
            .withExactTotal(true);
    SearchResults results;
    try (SectionIndex sectionIndex = SectionIndex.builder().folder(index.folder).readOnly().build()) {
      results = sectionIndex.search(request);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.results(results));
    } else {
      print(out, results, Terminal.colour());
      // beside the hits, not among them: a note says how the query was read
      results.notes().forEach(note -> spec.commandLine().getErr().println("Note: " + note + "."));
    }
    return 0;
  }

  private static void print(PrintWriter out, SearchResults results, boolean colour) {
    List<SearchHit> hits = results.hits();
    for (int i = 0; i < hits.size(); i++) {
      SearchHit hit = hits.get(i);
      String heading = hit.heading().isEmpty() ? "" : " > " + String.join(" > ", hit.headingPath());
      out.printf("%d. %s%s%n", i + 1, hit.title(), heading);
      out.printf(
          Locale.ROOT,
          "   %s | %s | score %.2f%n",
          hit.docId(),
          hit.date().map(LocalDate::toString).orElse("no date"),
          hit.score());
      for (Passage passage : hit.passages()) {
        String text =
            colour ? Passages.toAnsi(passage) : Passages.toText(passage, "", "");
        out.println("   " + text.replace("\n", "\n   "));
      }
      out.println();
    }
    long total = results.totalHits();
    String unit = results.hits().isEmpty() || total != 1 ? " matches" : " match";
    out.println(
        hits.size() < total
            ? "Showing " + hits.size() + " of " + total + unit + "."
            : total + unit + ".");
  }
}
