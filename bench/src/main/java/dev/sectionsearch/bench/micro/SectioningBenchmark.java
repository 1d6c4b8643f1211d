package dev.sectionsearch.bench.micro;

import dev.sectionsearch.document.Document;
import dev.sectionsearch.document.Format;
import dev.sectionsearch.document.SectionedDocument;
import dev.sectionsearch.sectioning.Sectioning;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Splitting one page into sections, per format: a documentation page in HTML (chrome, nested
 * headings, code, lists) and the same content as Markdown and as plain text.
 *
 * <p>Run: {@code java -cp bench/target/sectionsearch-bench.jar org.openjdk.jmh.Main Sectioning}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SectioningBenchmark {
  @Param({"HTML", "MARKDOWN", "TEXT"})
  public String format;

  private Document document;

  @Setup
  public void makePage() {
    Format chosen = Format.valueOf(format);
    document = Document.builder("page").text(Pages.page(chosen, 40), chosen).build();
  }

  @Benchmark
  public SectionedDocument splitPage() {
    return Sectioning.split(document);
  }
}
