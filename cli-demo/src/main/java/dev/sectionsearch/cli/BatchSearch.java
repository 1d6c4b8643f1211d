package dev.sectionsearch.cli;

import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.internal.trec.TrecRun;
import dev.sectionsearch.search.SearchMode;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs a file of queries and writes a TREC run: for each query, its best documents (each document's
 * best section), {@code qid Q0 docid rank score tag} a line, as {@link TrecRun} writes it (ids with
 * white space percent-encoded, scores that keep the library's order).
 */
final class BatchSearch {
  /** Documents per query unless {@code --limit} says otherwise: trec_eval's usual depth. */
  static final int DEPTH = 1000;

  /**
   * Queries searched at once on a cluster: each mostly waits for the cluster's answer, which
   * answers several at once.
   */
  static final int CLUSTER_THREADS = 8;

  private static final String TAG = "sectionsearch";

  private final Supplier<SectionIndex> opener;
  private final int limit;
  private final boolean fileStems;
  private final Optional<SearchMode> mode;
  private final boolean typos;
  private final int threads;

  /**
   * @param opener opens the index to search (a folder, or an index on a cluster), read-only
   * @param threads queries searched at once
   */
  BatchSearch(
      Supplier<SectionIndex> opener,
      int limit,
      boolean fileStems,
      Optional<SearchMode> mode,
      boolean typos,
      int threads) {
    this.threads = threads;
    this.opener = opener;
    this.limit = limit;
    this.fileStems = fileStems;
    this.mode = mode;
    this.typos = typos;
  }

  int run(Path queries, Path runFile, PrintWriter out, PrintWriter err) throws IOException {
    List<String[]> questions = read(queries);
    int failed = 0;
    Path target = runFile.toAbsolutePath();
    // written beside the target and moved into place: a failed run leaves the old file whole
    Path partial = Files.createTempFile(target.getParent(), ".run-", ".partial");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (SectionIndex index = opener.get();
        Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      // queries run concurrently (a cluster answers several at once; the index is thread-safe),
      // written in the file's order
      List<Future<SearchResults>> answers = new ArrayList<>(questions.size());
      for (String[] question : questions) {
        answers.add(pool.submit(() -> index.search(request(question[1]))));
      }
      for (int i = 0; i < questions.size(); i++) {
        String queryId = questions.get(i)[0];
        try {
          SearchResults results = answer(answers.get(i));
          for (String note : results.notes()) {
            err.println(
                "sectionsearch: query " + Terminal.safe(queryId) + ": " + Terminal.safe(note));
          }
          write(writer, queryId, results);
        } catch (QueryException e) {
          // one unusable query should not cost the others; it retrieves nothing
          failed++;
          err.println(
              "sectionsearch: query "
                  + Terminal.safe(queryId)
                  + ": "
                  + Terminal.safe(e.getMessage()));
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    } finally {
      pool.shutdownNow();
    }
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    out.printf(
        Locale.ROOT,
        "Ran %d queries into %s%s.%n",
        questions.size(),
        Terminal.safe(runFile.toString()),
        failed == 0 ? "" : " (" + failed + " failed)");
    return 0;
  }

  /** The queries of the file, id and text each, in its order; a line without both is refused. */
  private static List<String[]> read(Path queries) throws IOException {
    List<String[]> questions = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(queries, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new SectionSearchException(
              queries + ":" + lineNumber + ": expected 'id<TAB>query text'");
        }
        questions.add(new String[] {line.substring(0, tab).strip(), line.substring(tab + 1)});
      }
    }
    return questions;
  }

  /** A query's results, or what it threw. */
  private static SearchResults answer(Future<SearchResults> answer) {
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SectionSearchException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new SectionSearchException(String.valueOf(e.getCause().getMessage()), e.getCause());
    }
  }

  /**
   * Why a run file may not be written where asked, if it may not: over the query file it is read
   * from, over a folder, or inside the index folder (it would overwrite index files; none when the
   * index is on a cluster).
   */
  static Optional<String> refusal(Path runFile, Path queries, Optional<Path> indexFolder)
      throws IOException {
    Path target = runFile.toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      return Optional.of("--run " + runFile + " is a folder");
    }
    if (Files.exists(target) && Files.exists(queries) && Files.isSameFile(target, queries)) {
      return Optional.of("--run " + runFile + " is the query file: it would be overwritten");
    }
    Path parent = target.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return Optional.of("--run " + runFile + ": no such folder " + parent);
    }
    if (indexFolder.isPresent()
        && Files.isDirectory(indexFolder.get())
        && parent.toRealPath().startsWith(indexFolder.get().toRealPath())) {
      return Optional.of("--run " + runFile + " is inside the index folder " + indexFolder.get());
    }
    return Optional.empty();
  }

  private SearchRequest request(String text) {
    SearchRequest request =
        SearchRequest.of(text).withLimit(limit).withCollapse(true).withMaxPassages(0);
    if (!typos) {
      request = request.withTypoTolerance(false);
    }
    return mode.map(request::withMode).orElse(request);
  }

  private void write(Writer writer, String queryId, SearchResults results) throws IOException {
    List<String> ranking = results.hits().stream().map(hit -> docId(hit.docId())).toList();
    TrecRun.write(writer, queryId, ranking, TAG);
  }

  private String docId(String id) {
    if (!fileStems) {
      return id;
    }
    String name = id.substring(id.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
