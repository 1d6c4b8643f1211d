package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.Folders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * One indexing run: a system indexes the section file, repeated {@code scale} times, with a number
 * of threads, into a new folder. Run as its own JVM by {@link SpeedComparison}, with a capped heap,
 * so each run starts cold and its memory is its own.
 *
 * <p>Arguments: {@code SYSTEM FOLDER SECTION_FILE SCALE THREADS [WARM_UP_DOCUMENTS]}. Prints one
 * line starting with {@value #RESULT} and the measures, tab-separated.
 */
public final class IndexRun {
  static final String RESULT = "RESULT";

  /** Documents indexed, and thrown away, before the measured run, unless told otherwise. */
  static final int WARM_UP_DOCUMENTS = 1000;

  /**
   * What one run measured: documents and sections indexed, seconds (full collections for the heap
   * measure left out), the most live heap after any repeat of the corpus, the most live heap after
   * the repeats of the run's first and of its last quarter, the most heap used at any moment
   * (garbage included), and the index's size on disk.
   *
   * <p>The live heap after a repeat includes the writer's indexing buffer, which fills and empties
   * as it goes, so one sample says little; the largest of several samples early in a run against as
   * many late in the same run shows whether memory grows with the corpus.
   */
  record Measures(
      long documents,
      long sections,
      double seconds,
      long maxLiveHeap,
      long earlyLiveHeap,
      long lateLiveHeap,
      long peakHeap,
      long indexBytes) {

    String line() {
      return String.join(
          "\t",
          RESULT,
          Long.toString(documents),
          Long.toString(sections),
          String.format(Locale.ROOT, "%.3f", seconds),
          Long.toString(maxLiveHeap),
          Long.toString(earlyLiveHeap),
          Long.toString(lateLiveHeap),
          Long.toString(peakHeap),
          Long.toString(indexBytes));
    }

    static Measures parse(String line) {
      String[] parts = line.split("\t", -1);
      return new Measures(
          Long.parseLong(parts[1]),
          Long.parseLong(parts[2]),
          Double.parseDouble(parts[3]),
          Long.parseLong(parts[4]),
          Long.parseLong(parts[5]),
          Long.parseLong(parts[6]),
          Long.parseLong(parts[7]),
          Long.parseLong(parts[8]));
    }
  }

  private IndexRun() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    Engine engine = SpeedComparison.engine(args[0]);
    Path folder = Path.of(args[1]);
    Path sectionFile = Path.of(args[2]);
    int scale = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    int warmUpDocuments = args.length > 5 ? Integer.parseInt(args[5]) : WARM_UP_DOCUMENTS;
    System.out.println(run(engine, folder, sectionFile, scale, threads, warmUpDocuments).line());
  }

  static Measures run(
      Engine engine, Path folder, Path sectionFile, int scale, int threads, int warmUpDocuments)
      throws Exception {
    warmUp(
        engine,
        folder.resolveSibling(folder.getFileName() + "-warmup"),
        sectionFile,
        warmUpDocuments);
    Heap.resetPeak();
    Checkpoints checkpoints = new Checkpoints();
    AtomicLong documents = new AtomicLong();
    AtomicLong sections = new AtomicLong();
    long start = System.nanoTime();
    try (Engine.Indexer indexer = engine.indexer(folder)) {
      if (threads == 1) {
        SectionFile.forEach(
            sectionFile,
            scale,
            document -> {
              addOrThrow(indexer, document);
              documents.incrementAndGet();
              sections.addAndGet(document.sections().size());
            },
            checkpoints);
      } else {
        addConcurrently(indexer, sectionFile, scale, threads, documents, sections, checkpoints);
      }
      indexer.commit();
    }
    double seconds = (System.nanoTime() - start - checkpoints.nanos) / 1e9;
    return new Measures(
        documents.get(),
        sections.get(),
        seconds,
        checkpoints.max(0, 1),
        checkpoints.max(0, 0.25),
        checkpoints.max(0.75, 1),
        Heap.peakUsedBytes(),
        Folders.sizeOf(folder));
  }

  /**
   * After each repeat of the corpus, the live heap: what memory the engine holds as the corpus
   * grows. The full collection this takes is left out of the run's time.
   */
  private static final class Checkpoints implements IntConsumer {
    final List<Long> liveBytes = new ArrayList<>();
    long nanos;

    @Override
    public void accept(int repeat) {
      long before = System.nanoTime();
      liveBytes.add(Heap.liveBytes());
      nanos += System.nanoTime() - before;
    }

    /**
     * The most live heap after the repeats from one fraction of the run to another, at least one
     * repeat: {@code max(0.75, 1)} looks at the last quarter.
     */
    long max(double from, double to) {
      int n = liveBytes.size();
      int first = Math.min((int) Math.floor(from * n), n - 1);
      int last = Math.max((int) Math.ceil(to * n), first + 1);
      return liveBytes.subList(first, last).stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  /**
   * Indexes the first documents of the corpus into a scratch folder and throws it away, so the
   * measured run is not mostly the JIT compiler at work (on two cores it competes with indexing for
   * the CPU) and every system starts equally warm.
   */
  private static void warmUp(Engine engine, Path scratch, Path sectionFile, int documents)
      throws Exception {
    Folders.deleteTree(scratch);
    AtomicLong left = new AtomicLong(documents);
    try (Engine.Indexer indexer = engine.indexer(scratch)) {
      SectionFile.forEach(
          sectionFile,
          1,
          document -> {
            if (left.getAndDecrement() > 0) {
              addOrThrow(indexer, document);
            }
          });
      indexer.commit();
    }
    Folders.deleteTree(scratch);
  }

  /** The reading thread hands documents to {@code threads} indexing threads. */
  // the end of the queue is marked by one instance, compared by identity: a real document may
  // equal it
  @SuppressWarnings("ReferenceEquality")
  private static void addConcurrently(
      Engine.Indexer indexer,
      Path sectionFile,
      int scale,
      int threads,
      AtomicLong documents,
      AtomicLong sections,
      IntConsumer afterRepeat)
      throws Exception {
    CorpusDocument end = new CorpusDocument("", "", List.of());
    BlockingQueue<CorpusDocument> queue = new ArrayBlockingQueue<>(256);
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker =
          new Thread(
              () -> {
                // after a failure the workers keep draining the queue so the reader never blocks
                try {
                  for (CorpusDocument document = queue.take();
                      document != end;
                      document = queue.take()) {
                    if (failure.get() != null) {
                      continue;
                    }
                    try {
                      indexer.add(document);
                      documents.incrementAndGet();
                      sections.addAndGet(document.sections().size());
                    } catch (Exception e) {
                      failure.compareAndSet(null, e);
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "indexer-" + i);
      worker.start();
      workers.add(worker);
    }
    SectionFile.forEach(sectionFile, scale, document -> putOrThrow(queue, document), afterRepeat);
    for (int i = 0; i < threads; i++) {
      putOrThrow(queue, end);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private static void addOrThrow(Engine.Indexer indexer, CorpusDocument document) {
    try {
      indexer.add(document);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot index " + document.id(), e);
    }
  }

  private static void putOrThrow(BlockingQueue<CorpusDocument> queue, CorpusDocument document) {
    try {
      queue.put(document);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
