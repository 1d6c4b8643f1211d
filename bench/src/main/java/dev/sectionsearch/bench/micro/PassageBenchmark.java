package dev.sectionsearch.bench.micro;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building passages for hits: the same top-10 search with two passages a hit and with none; the
 * difference is the cost of the passages.
 *
 * <p>Run: {@code java -cp bench/target/sectionsearch-bench.jar org.openjdk.jmh.Main Passage}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PassageBenchmark {
  private static final String QUERY = "memory buffer";

  private SectionIndex index;
  private SearchRequest withPassages;
  private SearchRequest withoutPassages;

  @Setup
  public void indexSections() {
    index = SectionIndex.inMemory();
    Random random = new Random(42);
    for (int d = 0; d < 500; d++) {
      Document.Builder document = Document.builder("doc-" + d).title("Page " + d);
      for (int s = 0; s < 4; s++) {
        document.section("Section " + s, Pages.sentences(random, 12));
      }
      index.add(document.build());
    }
    index.commit();
    withPassages = SearchRequest.of(QUERY).withMaxPassages(2);
    withoutPassages = SearchRequest.of(QUERY).withMaxPassages(0);
  }

  @TearDown
  public void close() {
    index.close();
  }

  @Benchmark
  public SearchResults top10WithTwoPassagesEach() {
    return index.search(withPassages);
  }

  @Benchmark
  public SearchResults top10WithoutPassages() {
    return index.search(withoutPassages);
  }
}
