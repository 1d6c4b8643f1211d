package dev.sectionsearch.bench.speed;

import dev.sectionsearch.bench.Folders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times indexing a folder of Markdown files end to end, files on disk to a committed index, as a
 * user runs it: the real CLI ({@code cli-demo/sectionsearch index --index I md/}, and {@code java
 * -jar} with the JVM's defaults) beside the same sections given pre-split to the library, a plain
 * raw-Lucene indexer (from the pre-split sections, and from the Markdown files split naively at
 * {@code ## } headings) and SQLite FTS5. Every run is its own JVM and its time is the wall clock
 * from starting the process to its exit, JVM start included; peak RSS and CPU time (user and
 * system, all threads) come from {@code /usr/bin/time} when it is installed. On a loaded machine
 * the CPU time is the steadier figure.
 *
 * <p>The corpus is made by {@code ../shared/corpora/make-markdown-corpus.sh}: Markdown files under
 * {@code md/} (front matter title and date, one {@code ## heading} per section) and the same
 * sections in {@code sections.tsv}. Rates are in MB of section text (the UTF-8 bytes of the section
 * bodies), the same figure for every system.
 *
 * <p>Usage: {@code java -cp sectionsearch-bench.jar dev.sectionsearch.bench.speed.FileIndexing
 * [--corpus DIR] [--make-script FILE] [--cli-jar FILE | --cli-classpath CP] [--out DIR] [--runs 3]
 * [--heap SIZE] [--systems cli,cli-1t,...]}
 *
 * <p>Runs go round-robin (every system once, then again), so a change in the machine's load falls
 * on all systems alike; the median run of each is reported.
 */
public final class FileIndexing {
  private static final Pattern CLI_SUMMARY =
      Pattern.compile("Indexed \\d+ documents? \\(.*\\): (\\d+) sections?\\.");
  private static final Pattern SECTIONS = Pattern.compile("sections (\\d+)");
  private static final Path TIME = Path.of("/usr/bin/time");

  /**
   * The JVM options the launcher {@code cli-demo/sectionsearch} gives {@code index}, for a plain
   * Lucene run on equal terms: C2's compiling costs a short run of either as much CPU as indexing.
   */
  static final String INDEX_JVM_OPTIONS =
      "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC -XX:GCTimeRatio=19";

  /** The launcher's variable for more JVM options, put after its own. */
  private static final String LAUNCHER_OPTIONS = "SECTIONSEARCH_JAVA_OPTS";

  /** What a system reads: the Markdown files, or the pre-split sections of the TSV file. */
  enum Input {
    FILES,
    TSV
  }

  /**
   * One system under comparison.
   *
   * @param name the name in tables and CSV files
   * @param input what it reads
   * @param threads the threads it indexes with (0: all cores)
   * @param description what it is, for the table's legend
   */
  record Contender(String name, Input input, int threads, String description) {}

  static final List<Contender> SYSTEMS =
      List.of(
          new Contender(
              "cli",
              Input.FILES,
              0,
              "the CLI's launcher, `cli-demo/sectionsearch index --index I md/` (all cores)"),
          new Contender("cli-1t", Input.FILES, 1, "the CLI's launcher, `index --threads 1`"),
          new Contender(
              "cli-jar",
              Input.FILES,
              0,
              "`java -jar cli-demo/target/sectionsearch-cli.jar index` (all cores, JVM defaults)"),
          new Contender(
              "library-tsv",
              Input.TSV,
              1,
              "the library's API, sections given pre-split (`Document.builder().section()`)"),
          new Contender(
              "lucene-tsv",
              Input.TSV,
              1,
              "plain raw Lucene (`PlainLuceneIndexer`): EnglishAnalyzer, each text analysed once"),
          new Contender(
              "lucene-c1",
              Input.TSV,
              1,
              "the same plain Lucene indexer with the launcher's JVM options for `index`"),
          new Contender(
              "lucene-md",
              Input.FILES,
              1,
              "the same plain Lucene indexer reading the Markdown files, split at `## `"),
          new Contender("fts5-tsv", Input.TSV, 1, "SQLite FTS5, porter unicode61"));

  /** The settings of one comparison. */
  record Options(
      Path corpus,
      Path makeScript,
      Optional<Path> cliJar,
      Optional<String> cliClasspath,
      Path out,
      int runs,
      Optional<String> heap,
      List<String> systems) {

    // an option with a value steps over it (i++ in the body as well as in the header)
    @SuppressWarnings("IncrementInForLoopAndHeader")
    static Options parse(String... args) {
      String cache = System.getenv("XDG_CACHE_HOME");
      Path corpus =
          (cache == null ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cache))
              .resolve("section-corpora")
              .resolve("markdown");
      Path makeScript = Path.of("../shared/corpora/make-markdown-corpus.sh");
      Optional<Path> cliJar = Optional.of(Path.of("cli-demo/target/sectionsearch-cli.jar"));
      Optional<String> cliClasspath = Optional.empty();
      Path out = Path.of("bench/target/file-indexing");
      int runs = 3;
      Optional<String> heap = Optional.empty();
      List<String> systems = SYSTEMS.stream().map(Contender::name).toList();
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--corpus" -> corpus = Path.of(value);
          case "--make-script" -> makeScript = Path.of(value);
          case "--cli-jar" -> cliJar = Optional.of(Path.of(value));
          case "--cli-classpath" -> {
            cliClasspath = Optional.of(value);
            cliJar = Optional.empty();
          }
          case "--out" -> out = Path.of(value);
          case "--runs" -> runs = Integer.parseInt(value);
          case "--heap" -> heap = Optional.of(value);
          case "--systems" -> systems = Arrays.asList(value.split(","));
          default -> throw new IllegalArgumentException("unknown option: " + args[i]);
        }
        i++;
      }
      for (String name : systems) {
        system(name);
      }
      return new Options(
          corpus, makeScript, cliJar, cliClasspath, out, runs, heap, List.copyOf(systems));
    }
  }

  /**
   * One run of one system.
   *
   * @param seconds wall clock from starting its JVM to its exit
   * @param cpuSeconds the CPU time it used, user and system, or 0 when it could not be measured
   * @param peakRssBytes its peak resident set size, or 0 when it could not be measured
   * @param sections the sections it reported indexed
   * @param indexBytes the size of the index it left
   */
  record Run(
      String system,
      double seconds,
      double cpuSeconds,
      long peakRssBytes,
      long sections,
      long indexBytes) {}

  /** A system's median run and the rate it stands for. */
  record Row(Contender system, Run median, long textBytes) {
    double megabytesPerSecond() {
      return textBytes / 1e6 / median.seconds();
    }
  }

  /** Everything a comparison measured. */
  record Report(long sections, long textBytes, List<Row> rows, List<Run> runs) {
    Optional<Row> row(String system) {
      return rows.stream().filter(row -> row.system().name().equals(system)).findFirst();
    }

    /** How many times faster {@code system} is than {@code baseline}, when both ran. */
    OptionalDouble speedRatio(String system, String baseline) {
      return ratio(system, baseline, Run::seconds);
    }

    /** How many times less CPU time {@code system} takes than {@code baseline}, when known. */
    OptionalDouble cpuRatio(String system, String baseline) {
      return ratio(system, baseline, Run::cpuSeconds);
    }

    private OptionalDouble ratio(String system, String baseline, ToDoubleFunction<Run> cost) {
      Optional<Row> row = row(system);
      Optional<Row> base = row(baseline);
      if (row.isEmpty() || base.isEmpty() || cost.applyAsDouble(row.get().median()) == 0) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(
          cost.applyAsDouble(base.get().median()) / cost.applyAsDouble(row.get().median()));
    }
  }

  private FileIndexing() {}

  /** Entry point; see the class comment for arguments. */
  public static void main(String[] args) throws Exception {
    PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Options options = Options.parse(args);
    Report report = run(options, console);
    console.println();
    console.print(render(report));
  }

  static Contender system(String name) {
    return SYSTEMS.stream()
        .filter(system -> system.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no system named " + name));
  }

  static Report run(Options options, PrintStream console) throws Exception {
    ensureCorpus(options);
    if (options.cliJar().isPresent()
        && !Files.isRegularFile(options.cliJar().get())
        && options.systems().stream().anyMatch(name -> name.startsWith("cli"))) {
      throw new IllegalStateException(
          "no CLI jar at " + options.cliJar().get() + " (mvn -B -q package -DskipTests makes it)");
    }
    Path tsv = options.corpus().resolve("sections.tsv");
    long[] sectionsAndBytes = sectionsAndTextBytes(tsv);
    console.printf(
        Locale.ROOT,
        "corpus: %s, %d sections, %.1f MB of section text%n",
        options.corpus(),
        sectionsAndBytes[0],
        sectionsAndBytes[1] / 1e6);
    Files.createDirectories(options.out());
    List<Contender> systems = options.systems().stream().map(FileIndexing::system).toList();
    List<Run> runs = new ArrayList<>();
    for (int round = 1; round <= options.runs(); round++) {
      for (Contender system : systems) {
        Run run = runOnce(system, options);
        runs.add(run);
        console.printf(
            Locale.ROOT,
            "run %d %-12s %7.2f s, %6.2f MB/s, CPU %7.2f s, peak RSS %5.0f MB, %d sections%n",
            round,
            system.name(),
            run.seconds(),
            sectionsAndBytes[1] / 1e6 / run.seconds(),
            run.cpuSeconds(),
            run.peakRssBytes() / 1e6,
            run.sections());
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Contender system : systems) {
      List<Run> own = runs.stream().filter(run -> run.system().equals(system.name())).toList();
      rows.add(new Row(system, SpeedComparison.median(own, Run::seconds), sectionsAndBytes[1]));
    }
    Report report = new Report(sectionsAndBytes[0], sectionsAndBytes[1], rows, runs);
    writeCsv(report, options.out().resolve("file-indexing.csv"));
    return report;
  }

  private static void ensureCorpus(Options options) throws IOException, InterruptedException {
    if (Files.isRegularFile(options.corpus().resolve("sections.tsv"))) {
      return;
    }
    if (!Files.isRegularFile(options.makeScript())) {
      throw new IllegalStateException(
          "no sections.tsv under "
              + options.corpus()
              + " and no script at "
              + options.makeScript());
    }
    Process make =
        new ProcessBuilder("bash", options.makeScript().toString(), options.corpus().toString())
            .inheritIO()
            .start();
    if (make.waitFor() != 0) {
      throw new IllegalStateException(
          "making the Markdown corpus in " + options.corpus() + " failed");
    }
  }

  /** The rows of the TSV file and the UTF-8 bytes of their section bodies. */
  static long[] sectionsAndTextBytes(Path tsv) throws IOException {
    long sections = 0;
    long bytes = 0;
    try (BufferedReader lines = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String body = line.substring(line.lastIndexOf('\t') + 1);
        bytes += TsvIndexRun.unescape(body).getBytes(StandardCharsets.UTF_8).length;
        sections++;
      }
    }
    return new long[] {sections, bytes};
  }

  private static Run runOnce(Contender system, Options options)
      throws IOException, InterruptedException {
    Path index = options.out().resolve("index-" + system.name());
    Folders.deleteTree(index);
    Path stdout = options.out().resolve(system.name() + ".out");
    Path stderr = options.out().resolve(system.name() + ".err");
    Path usage = options.out().resolve(system.name() + ".usage");
    Files.deleteIfExists(usage);
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(TIME)) {
      command.addAll(List.of(TIME.toString(), "-f", "%M %U %S", "-o", usage.toString()));
    }
    command.addAll(command(system, options, index));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    if (launcher(system, options).isPresent()) {
      // the launcher runs the JVM of this one, with the heap given
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      options.heap().ifPresent(heap -> builder.environment().put(LAUNCHER_OPTIONS, "-Xmx" + heap));
    }
    long start = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    String printed = Files.readString(stdout, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new IllegalStateException(
          system.name()
              + " failed (exit "
              + exit
              + "): "
              + String.join(" ", command)
              + "\n"
              + printed
              + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    long sections = sectionsPrinted(system, printed);
    long indexBytes = Folders.sizeOf(index);
    Folders.deleteTree(index);
    double[] rssAndCpu = peakRssAndCpu(usage);
    return new Run(system.name(), seconds, rssAndCpu[1], (long) rssAndCpu[0], sections, indexBytes);
  }

  private static List<String> command(Contender system, Options options, Path index) {
    Path corpus = options.corpus();
    List<String> command = new ArrayList<>();
    Optional<Path> launcher = launcher(system, options);
    if (launcher.isPresent()) {
      command.addAll(List.of("sh", launcher.get().toString()));
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      options.heap().ifPresent(heap -> command.add("-Xmx" + heap));
    }
    String bench = System.getProperty("java.class.path");
    switch (system.name()) {
      case "cli", "cli-1t", "cli-jar" -> {
        if (launcher.isPresent()) {
          // the launcher names the jar beside it
        } else if (options.cliJar().isPresent()) {
          command.addAll(List.of("-jar", options.cliJar().get().toString()));
        } else {
          command.addAll(
              List.of("-cp", options.cliClasspath().orElseThrow(), "dev.sectionsearch.cli.Main"));
        }
        command.addAll(List.of("index", "--index", index.toString()));
        if (system.threads() > 0) {
          command.addAll(List.of("--threads", Integer.toString(system.threads())));
        }
        command.add(corpus.resolve("md").toString());
      }
      case "library-tsv", "fts5-tsv" ->
          command.addAll(
              List.of(
                  "-cp",
                  bench,
                  TsvIndexRun.class.getName(),
                  system.name().equals("fts5-tsv") ? "sqlite-fts5" : "sectionsearch",
                  corpus.resolve("sections.tsv").toString(),
                  index.toString()));
      case "lucene-tsv", "lucene-c1", "lucene-md" -> {
        if (system.name().equals("lucene-c1")) {
          command.addAll(Arrays.asList(INDEX_JVM_OPTIONS.split(" ")));
        }
        command.addAll(
            List.of(
                "-cp",
                bench,
                PlainLuceneIndexer.class.getName(),
                system.name().equals("lucene-md") ? "markdown" : "tsv",
                corpus
                    .resolve(system.name().equals("lucene-md") ? "md" : "sections.tsv")
                    .toString(),
                index.toString()));
      }
      default -> throw new IllegalArgumentException("no system named " + system.name());
    }
    return command;
  }

  /**
   * The launcher script {@code cli-demo/sectionsearch} that runs the CLI jar, for the systems that
   * run the CLI as its docs say: it sits one folder above the jar it runs, with the JVM options
   * that suit each command. Empty for {@code cli-jar}, which is {@code java -jar} with the JVM's
   * defaults, and when the CLI is given as a class path.
   */
  private static Optional<Path> launcher(Contender system, Options options) {
    if (!system.name().equals("cli") && !system.name().equals("cli-1t")) {
      return Optional.empty();
    }
    return options
        .cliJar()
        .map(jar -> jar.toAbsolutePath().getParent().resolveSibling("sectionsearch"))
        .filter(Files::isRegularFile);
  }

  private static long sectionsPrinted(Contender system, String printed) {
    Matcher matcher = (system.name().startsWith("cli") ? CLI_SUMMARY : SECTIONS).matcher(printed);
    if (!matcher.find()) {
      throw new IllegalStateException(system.name() + " printed no section count: " + printed);
    }
    return Long.parseLong(matcher.group(1));
  }

  /**
   * Peak RSS in bytes and CPU seconds from {@code /usr/bin/time -f "%M %U %S"}, which writes the
   * peak RSS in KB, user and system seconds as its output's last line; zeros without it.
   */
  private static double[] peakRssAndCpu(Path usage) throws IOException {
    if (!Files.isRegularFile(usage)) {
      return new double[] {0, 0};
    }
    List<String> lines = Files.readAllLines(usage, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return new double[] {0, 0};
    }
    String[] figures = lines.get(lines.size() - 1).strip().split(" ", -1);
    return new double[] {
      Long.parseLong(figures[0]) * 1024.0,
      Double.parseDouble(figures[1]) + Double.parseDouble(figures[2])
    };
  }

  private static void writeCsv(Report report, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("system,seconds,mb_per_s,cpu_seconds,peak_rss_bytes,sections,text_bytes,index_bytes");
    for (Run run : report.runs()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s,%.3f,%.3f,%.2f,%d,%d,%d,%d",
              run.system(),
              run.seconds(),
              report.textBytes() / 1e6 / run.seconds(),
              run.cpuSeconds(),
              run.peakRssBytes(),
              run.sections(),
              report.textBytes(),
              run.indexBytes()));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** The median runs as a Markdown table, with the ratios the targets name. */
  static String render(Report report) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%d sections, %.1f MB of section text; median of the runs, JVM start"
                + " included, one JVM a run%n%n",
            report.sections(),
            report.textBytes() / 1e6));
    out.append(
        "| system       | reads    | threads | seconds | MB/s  | CPU s   | peak RSS MB |"
            + " sections | index MB |\n");
    out.append(
        "| ------------ | -------- | ------- | ------- | ----- | ------- | ----------- |"
            + " -------- | -------- |\n");
    for (Row row : report.rows()) {
      Run run = row.median();
      out.append(
          String.format(
              Locale.ROOT,
              "| %-12s | %-8s | %7s | %7.2f | %5.2f | %7.2f | %11s | %8d | %8.1f |%n",
              row.system().name(),
              row.system().input() == Input.FILES ? "md files" : "TSV",
              row.system().threads() == 0 ? "all" : Integer.toString(row.system().threads()),
              run.seconds(),
              row.megabytesPerSecond(),
              run.cpuSeconds(),
              run.peakRssBytes() == 0
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.0f", run.peakRssBytes() / 1e6),
              run.sections(),
              run.indexBytes() / 1e6));
    }
    out.append('\n');
    for (Row row : report.rows()) {
      out.append("- ")
          .append(row.system().name())
          .append(": ")
          .append(row.system().description())
          .append('\n');
    }
    out.append(
        "\n| ratio of speeds (higher: the first is faster) | wall    | CPU     | target  |\n");
    out.append("| --------------------------------------------- | ------- | ------- | ------- |\n");
    ratio(out, report, "cli-1t", "lucene-tsv", "CLI 1 thread / plain Lucene 1 thread", ">= 0.9x");
    ratio(out, report, "cli", "lucene-tsv", "CLI all cores / plain Lucene 1 thread", "");
    ratio(out, report, "cli", "fts5-tsv", "CLI all cores / FTS5", ">= 0.5x");
    ratio(out, report, "cli", "cli-1t", "CLI all cores / CLI 1 thread", ">= 1.6x");
    ratio(out, report, "cli-1t", "lucene-c1", "CLI 1 thread / plain Lucene, same JVM options", "");
    ratio(out, report, "cli", "cli-jar", "CLI launcher / java -jar, all cores", "");
    ratio(out, report, "cli-1t", "library-tsv", "CLI 1 thread / library pre-split", "");
    ratio(out, report, "library-tsv", "lucene-tsv", "library pre-split / plain Lucene", "");
    ratio(out, report, "lucene-md", "lucene-tsv", "plain Lucene md files / TSV", "");
    return out.toString();
  }

  private static void ratio(
      StringBuilder out,
      Report report,
      String system,
      String baseline,
      String label,
      String target) {
    OptionalDouble wall = report.speedRatio(system, baseline);
    if (wall.isEmpty()) {
      return;
    }
    OptionalDouble cpu = report.cpuRatio(system, baseline);
    out.append(
        String.format(
            Locale.ROOT,
            "| %-45s | %6.2fx | %7s | %-7s |%n",
            label,
            wall.getAsDouble(),
            cpu.isPresent() ? String.format(Locale.ROOT, "%.2fx", cpu.getAsDouble()) : "n/a",
            target));
  }
}
