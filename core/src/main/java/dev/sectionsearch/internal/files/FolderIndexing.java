package dev.sectionsearch.internal.files;

import dev.sectionsearch.AddResult;
import dev.sectionsearch.DocumentException;
import dev.sectionsearch.FolderOptions;
import dev.sectionsearch.IndexSummary;
import dev.sectionsearch.IndexingListener;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.SkippedFile;
import dev.sectionsearch.document.Document;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Adds files and folders to an index: walks folders, applies the file id rule ({@link
 * Document#fileId(Path)}), reads files on a pool of threads and bounds the memory they take
 * together. {@link SectionIndex} delegates its file methods here. Thread-safe.
 */
public final class FolderIndexing {
  /**
   * Heap one file takes while it is read, split and indexed, per byte of file: the bytes, the
   * decoded text, the section texts, the text scored as one field, and the writer's postings for a
   * document that cannot be flushed before it ends. An estimate, on the safe side.
   */
  static final int HEAP_PER_FILE_BYTE = 8;

  /**
   * Heap one line of a file takes beyond its bytes, at most: the sectioners' line records, and a
   * section per line for a file of tiny sections (its objects and index entries). Counted once the
   * text is read, so that a file of a million short lines waits for room like a large file does.
   */
  static final int HEAP_PER_LINE = 160;

  /** The budget counts heap in units of this many bytes, so that it fits an int. */
  private static final int UNIT = 1024;

  private final Function<Document, AddResult> add;

  /**
   * Writes one of the index's buffers of added documents to disk on the calling thread, returning
   * whether there was one: run on every thread of the pool once the files are added, so that the
   * final flush runs in parallel instead of on the one thread that commits.
   */
  private final BooleanSupplier flushOneBuffer;

  private final long maxFileBytes;
  private final int threads;

  /**
   * The heap files in flight may take together, in {@link #UNIT}s: without it, two threads each
   * reading a file near the size limit ran out of a heap either would fit in alone.
   */
  private final Semaphore heapBudget;

  private final int budgetUnits;

  public FolderIndexing(
      Function<Document, AddResult> add, long maxFileBytes, int threads, long heapBudgetBytes) {
    this(add, () -> false, maxFileBytes, threads, heapBudgetBytes);
  }

  /**
   * Creates a folder indexing that flushes the index's buffers on its threads once a folder's files
   * are added.
   *
   * @param flushOneBuffer flushes one buffer of added documents on the calling thread and returns
   *     whether there was one, as {@link org.apache.lucene.index.IndexWriter#flushNextBuffer()}
   */
  public FolderIndexing(
      Function<Document, AddResult> add,
      BooleanSupplier flushOneBuffer,
      long maxFileBytes,
      int threads,
      long heapBudgetBytes) {
    this.add = add;
    this.flushOneBuffer = flushOneBuffer;
    this.maxFileBytes = maxFileBytes;
    this.threads = threads;
    this.budgetUnits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, heapBudgetBytes / UNIT));
    this.heapBudget = new Semaphore(budgetUnits, true);
  }

  /** Half the heap this JVM may grow to: the rest is the writer's buffer and the searches'. */
  public static long defaultHeapBudget() {
    return Runtime.getRuntime().maxMemory() / 2;
  }

  /** Adds one file under its id; see {@link SectionIndex#add(Path)}. */
  public AddResult addFile(Path file, Optional<LocalDate> date) {
    FolderOptions.Builder options = FolderOptions.builder().removeMissing(false);
    date.ifPresent(options::date);
    return addFile(file, options.build());
  }

  private AddResult addFile(Path file, FolderOptions options) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      // reading it will fail with the reason, naming the file
      size = 0;
    }
    int units = units(size);
    acquire(units);
    try {
      Document document =
          options.sniffsFormat()
              ? Document.fromFileSniffingFormat(file, maxFileBytes)
              : Document.fromFile(file, maxFileBytes, options.format());
      units = withLines(units, document);
      Map<String, List<String>> metadata = options.metadataFor(file);
      if (!metadata.isEmpty()) {
        try {
          document = document.withMetadata(metadata);
        } catch (IllegalArgumentException e) {
          throw new DocumentException(file.toString(), e.getMessage(), e);
        }
      }
      return add.apply(options.date().map(document::withDate).orElse(document));
    } finally {
      heapBudget.release(units);
    }
  }

  /** See {@link SectionIndex#addAll(Path, IndexingListener)}. */
  public IndexSummary addAll(Path path, Optional<LocalDate> date, IndexingListener listener) {
    FolderOptions.Builder options = FolderOptions.builder().removeMissing(false);
    date.ifPresent(options::date);
    return addAll(path, options.build(), listener);
  }

  /**
   * See {@link SectionIndex#addAll(Path, FolderOptions, IndexingListener)}; removing the documents
   * of missing files is the caller's, with {@link #missingUnder}.
   */
  public IndexSummary addAll(Path path, FolderOptions options, IndexingListener listener) {
    if (!Files.exists(path)) {
      throw new DocumentException(
          path.toString(),
          Files.isSymbolicLink(path) ? "broken symbolic link" : "no such file or folder");
    }
    Walk walk = walk(path, options);
    List<Path> files = walk.files;
    SummaryBuilder summary = new SummaryBuilder(files.size(), listener, walk.skipped);
    if (threads <= 1 || files.size() <= 1) {
      for (Path file : files) {
        summary.record(file, addOne(file, options));
      }
      return summary.build();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (Path file : files) {
        results.add(pool.submit(() -> addOne(file, options)));
      }
      for (int i = 0; i < files.size(); i++) {
        summary.record(files.get(i), results.get(i).get());
      }
      flushInParallel(pool);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SectionSearchException("indexing was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new SectionSearchException("indexing failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return summary.build();
  }

  /**
   * Writes the buffers of added documents to disk on all threads of the pool. Each thread had its
   * own buffer, which otherwise the commit after the walk writes one after the other on one thread:
   * for a folder that fits in the buffers, that was the whole flush, a tenth of the work, with the
   * other cores idle.
   */
  private void flushInParallel(ExecutorService pool)
      throws InterruptedException, ExecutionException {
    List<Future<?>> flushes = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      flushes.add(
          pool.submit(
              () -> {
                // there are at most as many buffers as threads that added; the commit flushes
                // whatever is left
                for (int j = 0; j < threads && flushOneBuffer.getAsBoolean(); j++) {
                  // the next buffer, if another thread has not taken it
                }
              }));
    }
    for (Future<?> flush : flushes) {
      flush.get();
    }
  }

  /** Returns an {@link AddResult}, or a {@link DocumentException} for a file to skip. */
  private Object addOne(Path file, FolderOptions options) {
    try {
      return addFile(file, options);
    } catch (DocumentException e) {
      return e;
    }
  }

  /**
   * Widens the budget a file holds to count its lines, giving back what it holds first so that two
   * files each waiting for more cannot hold each other up.
   */
  private int withLines(int units, Document document) {
    String text = document.text().orElse("");
    long lines = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    int total = (int) Math.min(budgetUnits, units + lines * HEAP_PER_LINE / UNIT);
    if (total <= units) {
      return units;
    }
    heapBudget.release(units);
    try {
      acquire(total);
    } catch (RuntimeException e) {
      // the caller gives back what it held: hold it again
      heapBudget.acquireUninterruptibly(units);
      throw e;
    }
    return total;
  }

  private int units(long fileBytes) {
    long bytes = Math.min(fileBytes, maxFileBytes) * HEAP_PER_FILE_BYTE;
    // a file larger than the whole budget waits until it can run alone
    return (int) Math.max(1, Math.min(budgetUnits, bytes / UNIT));
  }

  private void acquire(int units) {
    try {
      heapBudget.acquire(units);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SectionSearchException("indexing was interrupted", e);
    }
  }

  /** The files to index under a path, in name order, and the entries skipped on the way. */
  private record Walk(List<Path> files, List<SkippedFile> skipped) {}

  /**
   * Lists a path: a file stands for itself; a folder (or a link to one) is walked through its real
   * path. Inside it, a symbolic link is never followed out of the folder, and a link that stays
   * inside adds nothing: its target is walked where it really is, under its own id, which also
   * rules out loops. Entries that cannot be read are skipped with the reason, and the walk goes on.
   */
  private static Walk walk(Path path, FolderOptions options) {
    Path root;
    try {
      root = path.toRealPath();
    } catch (IOException e) {
      throw new DocumentException(path.toString(), describe(e), e);
    }
    if (!Files.isDirectory(root)) {
      return new Walk(List.of(path), List.of());
    }
    List<Path> files = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
              return folder.equals(root) || options.includes(root.relativize(folder), false)
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (!options.includes(root.relativize(file), true)) {
                // left out on purpose: not a skipped file
                return FileVisitResult.CONTINUE;
              }
              if (attributes.isSymbolicLink()) {
                checkLink(root, file, skipped);
              } else if (!attributes.isRegularFile()) {
                skipped.add(new SkippedFile(file, "not a regular file"));
              } else if (!Document.canRead(file)
                  && !(options.selects()
                      && (options.format().isPresent() || options.sniffsFormat()))) {
                skipped.add(new SkippedFile(file, "unsupported file type"));
              } else {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              skipped.add(new SkippedFile(file, describe(e)));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException e) {
              if (e != null) {
                skipped.add(new SkippedFile(folder, "folder not fully listed: " + describe(e)));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new DocumentException(path.toString(), "cannot list folder: " + describe(e), e);
    }
    files.sort(Comparator.comparing(Path::toString));
    return new Walk(files, skipped);
  }

  private static void checkLink(Path root, Path link, List<SkippedFile> skipped) {
    Path target;
    try {
      target = link.toRealPath();
    } catch (NoSuchFileException e) {
      skipped.add(new SkippedFile(link, "broken symbolic link"));
      return;
    } catch (IOException e) {
      skipped.add(new SkippedFile(link, "symbolic link cannot be followed: " + describe(e)));
      return;
    }
    if (!target.startsWith(root)) {
      skipped.add(
          new SkippedFile(link, "symbolic link to outside the folder (" + target + "), not read"));
    }
  }

  /**
   * Of the ids of documents in an index, those of files under {@code folder} that no longer exist:
   * ids of files are their real paths (see {@link Document#fileId(Path)}).
   *
   * @param folder the folder indexed
   * @param idsUnder the index's document ids that start with a prefix
   */
  public static List<String> missingUnder(Path folder, Function<String, List<String>> idsUnder) {
    Path root;
    try {
      root = folder.toRealPath();
    } catch (IOException e) {
      return List.of();
    }
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    String prefix = Document.fileId(root);
    prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    List<String> missing = new ArrayList<>();
    for (String id : idsUnder.apply(prefix)) {
      try {
        if (!Files.exists(Path.of(id), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          missing.add(id);
        }
      } catch (java.nio.file.InvalidPathException e) {
        // not the id of a file
      }
    }
    return missing;
  }

  /** What went wrong, not only the path that Java's file exceptions put in their message. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Collects per-file outcomes into an {@link IndexSummary}. Used by one thread at a time. */
  private static final class SummaryBuilder {
    private final int total;
    private final IndexingListener listener;
    private int done;
    private int added;
    private int replaced;
    private int unchanged;
    private long sections;
    private long boilerplateLines;
    private final List<SkippedFile> skipped;
    private final Map<String, List<String>> warnings = new LinkedHashMap<>();

    SummaryBuilder(int total, IndexingListener listener, List<SkippedFile> skippedInWalk) {
      this.total = total;
      this.listener = listener;
      this.skipped = new ArrayList<>(skippedInWalk);
    }

    void record(Path file, Object outcome) {
      if (outcome instanceof AddResult result) {
        switch (result.status()) {
          case ADDED -> added++;
          case REPLACED -> replaced++;
          case UNCHANGED -> unchanged++;
        }
        sections += result.sections();
        boilerplateLines += result.boilerplateLines();
        if (!result.warnings().isEmpty()) {
          warnings.put(result.docId(), result.warnings());
        }
      } else {
        DocumentException problem = (DocumentException) outcome;
        String reason = problem.getMessage();
        String prefix = problem.document() + ": ";
        skipped.add(
            new SkippedFile(
                file, reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason));
      }
      listener.fileDone(file, ++done, total);
    }

    IndexSummary build() {
      skipped.sort(Comparator.comparing(skippedFile -> skippedFile.file().toString()));
      return new IndexSummary(
          added, replaced, unchanged, sections, boilerplateLines, skipped, warnings);
    }
  }
}
