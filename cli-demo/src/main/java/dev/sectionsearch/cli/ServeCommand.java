package dev.sectionsearch.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sectionsearch.IndexedDocument;
import dev.sectionsearch.QueryException;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: a read-only HTTP server over an index, on the loopback address unless told
 * otherwise: {@code /api/search} answers with the JSON of {@code search --json}, {@code
 * /api/section} with one section's whole text, {@code /api/suggest} with completions of a prefix,
 * {@code /api/index} with what the index holds and can do, and {@code /} is a search page.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve an index over HTTP (read-only): a search page at /, JSON at /api/search,"
          + " /api/suggest, /api/section and /api/index."
    })
final class ServeCommand implements Callable<Integer> {
  /** The longest query the server accepts, in characters. */
  static final int MAX_QUERY_CHARS = 4096;

  /** The largest page the server returns. */
  static final int MAX_LIMIT = 100;

  /** Requests answered at once; more wait for their turn. */
  static final int THREADS = 8;

  /**
   * Requests read at once. The JDK's server reads a request's line and headers on the thread that
   * answers it, so a client that sends half a request holds a thread until {@link
   * #REQUEST_SECONDS}: threads that mostly wait are cheap, and with no queue a request never waits
   * behind slow ones (past this many, a new connection is closed at once); {@link #THREADS} bounds
   * the work.
   */
  static final int CONNECTION_THREADS = 256;

  /** The longest a client may take to send a request's line and headers. */
  static final int REQUEST_SECONDS = 5;

  private static final Map<String, String> PAGES =
      Map.of(
          "/", "search.html",
          "/search.js", "search.js",
          "/search.css", "search.css");

  @Spec CommandSpec spec;

  @Mixin IndexFolder index;

  @Mixin ClusterOption cluster;

  @Mixin RankingOptions ranking;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "The port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--port must be 0 to 65535: " + port);
    }
    ranking.check(spec.commandLine());
    // read once, when the JDK's server class is first loaded: set before it is
    setIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
    setIfAbsent("sun.net.httpserver.idleInterval", "30");
    try (SectionIndex sectionIndex = cluster.openToSearch(index)) {
      InetAddress address = InetAddress.getByName(host);
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(address, port), 64);
      } catch (BindException e) {
        throw new IOException(
            "cannot listen on " + host + " port " + port + ": " + e.getMessage(), e);
      }
      ExecutorService threads =
          new ThreadPoolExecutor(
              THREADS, CONNECTION_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>());
      server.setExecutor(threads);
      Semaphore working = new Semaphore(THREADS, true);
      HostCheck hosts = new HostCheck(host, address, server.getAddress().getPort());
      server.createContext(
          "/api/search",
          exchange ->
              answer(exchange, hosts, working, () -> search(sectionIndex, ranking, exchange)));
      server.createContext(
          "/api/suggest",
          exchange -> answer(exchange, hosts, working, () -> suggest(sectionIndex, exchange)));
      server.createContext(
          "/api/index", exchange -> answer(exchange, hosts, working, () -> describe(sectionIndex)));
      server.createContext(
          "/api/section",
          exchange -> answer(exchange, hosts, working, () -> section(sectionIndex, exchange)));
      server.createContext("/", exchange -> page(exchange, hosts));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.stop(1);
                    threads.shutdown();
                    stopped.countDown();
                  }));
      server.start();
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Serving "
              + printable(index.folder.toString())
              + " at http://"
              + server.getAddress().getHostString()
              + ":"
              + server.getAddress().getPort()
              + "/ (Ctrl-C to stop)");
      out.flush();
      stopped.await();
    }
    return 0;
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** The text with control characters shown as {@code ?}: nothing raw reaches a terminal. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
    return out.toString();
  }

  /** What a request asked that cannot be answered: a 400 with the reason. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  @FunctionalInterface
  private interface Answer {
    String json() throws IOException;
  }

  private static void answer(
      HttpExchange exchange, HostCheck hosts, Semaphore working, Answer answer) throws IOException {
    try (exchange) {
      if (!readable(exchange)) {
        send(exchange, 405, "application/json", error("only GET and HEAD are served"));
        return;
      }
      Optional<String> misdirected = hosts.refusal(exchange);
      if (misdirected.isPresent()) {
        send(exchange, 421, "application/json", error(misdirected.get()));
        return;
      }
      String json;
      int status = 200;
      try {
        working.acquire();
        try {
          json = answer.json();
        } finally {
          working.release();
        }
      } catch (BadRequest | QueryException | IllegalArgumentException e) {
        status = 400;
        json = error(e.getMessage());
      } catch (UnsupportedOperationException e) {
        status = 501;
        json = error(e.getMessage());
      } catch (SectionSearchException e) {
        status = 500;
        json = error(e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 503;
        json = error("the server is stopping");
      } catch (RuntimeException | Error e) {
        // an Error too (a model that cannot load, a stack overflow): a client is always answered
        status = 500;
        json = error("internal error: " + e.getClass().getSimpleName());
      }
      send(exchange, status, "application/json", json);
    }
  }

  /** GET, or HEAD: the same answer without its body. */
  private static boolean readable(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    return method.equals("GET") || method.equals("HEAD");
  }

  private static String error(String message) {
    return "{\"error\":"
        + Json.string(message == null ? "error" : BundledModel.explain(message))
        + "}";
  }

  private static String search(SectionIndex index, RankingOptions ranking, HttpExchange exchange) {
    Map<String, List<String>> parameters = parameters(exchange.getRequestURI());
    String query = one(parameters, "q").orElse("");
    if (query.length() > MAX_QUERY_CHARS) {
      throw new BadRequest("the query is longer than " + MAX_QUERY_CHARS + " characters");
    }
    SearchRequest request =
        ranking.apply(
            SearchRequest.of(query)
                .withLimit(number(parameters, "limit", SearchRequest.DEFAULT_LIMIT, 1, MAX_LIMIT))
                .withExactTotal(true));
    String since = one(parameters, "since").orElse("");
    if (!since.isEmpty()) {
      request = request.withSince(date(since));
    }
    String until = one(parameters, "until").orElse("");
    if (!until.isEmpty()) {
      request = request.withUntil(date(until));
    }
    String after = one(parameters, "after").orElse("");
    if (!after.isEmpty()) {
      request = request.withAfter(after);
    }
    String mode = one(parameters, "mode").orElse("");
    if (!mode.isEmpty()) {
      try {
        request = request.withMode(new SearchModeConverter().convert(mode));
      } catch (picocli.CommandLine.TypeConversionException e) {
        throw new BadRequest(e.getMessage());
      }
    }
    String typos = one(parameters, "typos").orElse("");
    if (typos.equals("off")) {
      request = request.withTypoTolerance(false);
    } else if (!typos.isEmpty() && !typos.equals("on")) {
      throw new BadRequest("typos takes on or off, not " + typos);
    }
    for (String filter : parameters.getOrDefault("filter", List.of())) {
      int equals = filter.indexOf('=');
      if (equals <= 0) {
        throw new BadRequest("filter takes key=value, not " + filter);
      }
      request = request.withFilter(filter.substring(0, equals), filter.substring(equals + 1));
    }
    List<String> facets = parameters.getOrDefault("facet", List.of());
    if (facets.stream().anyMatch(String::isBlank)) {
      throw new BadRequest("facet takes a metadata key, such as facet=tags");
    }
    if (!facets.isEmpty()) {
      request = request.withFacets(facets.toArray(String[]::new));
    }
    return Json.results(index.search(request));
  }

  /** The most sections read to find which metadata keys the index's documents have. */
  static final int SAMPLED_SECTIONS = 500;

  /**
   * What the page offers controls for: the index's size and dates, its capabilities (search modes,
   * typo tolerance, suggestions) and the metadata keys its documents have, to facet and filter by
   * (read from the newest {@value #SAMPLED_SECTIONS} sections, in the order first met).
   */
  private static String describe(SectionIndex index) {
    Set<String> keys = new LinkedHashSet<>();
    SearchRequest browse = SearchRequest.of("").withLimit(MAX_LIMIT).withMaxPassages(0);
    for (int read = 0; read < SAMPLED_SECTIONS; read += MAX_LIMIT) {
      SearchResults page = index.search(browse);
      page.hits().forEach(hit -> keys.addAll(hit.metadata().keySet()));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      browse = browse.withAfter(page.nextCursor().get());
    }
    return Json.index(index.stats(), index.capabilities(), List.copyOf(keys));
  }

  private static String suggest(SectionIndex index, HttpExchange exchange) {
    Map<String, List<String>> parameters = parameters(exchange.getRequestURI());
    String prefix = one(parameters, "q").orElse("");
    if (prefix.length() > MAX_QUERY_CHARS) {
      throw new BadRequest("the prefix is longer than " + MAX_QUERY_CHARS + " characters");
    }
    int limit = number(parameters, "limit", 8, 1, SuggestCommand.MAX_LIMIT);
    return Json.suggestions(prefix, index.suggest(prefix, limit));
  }

  private static String section(SectionIndex index, HttpExchange exchange) {
    Map<String, List<String>> parameters = parameters(exchange.getRequestURI());
    String docId = one(parameters, "doc").orElseThrow(() -> new BadRequest("doc is required"));
    int ordinal = number(parameters, "ordinal", -1, 0, Integer.MAX_VALUE);
    IndexedDocument document =
        index.get(docId).orElseThrow(() -> new BadRequest("no document " + docId));
    Section section =
        document
            .section(ordinal)
            .orElseThrow(() -> new BadRequest("document " + docId + " has no section " + ordinal));
    return Json.section(document, section);
  }

  private static void page(HttpExchange exchange, HostCheck hosts) throws IOException {
    try (exchange) {
      Optional<String> misdirected = hosts.refusal(exchange);
      if (misdirected.isPresent()) {
        send(exchange, 421, "application/json", error(misdirected.get()));
        return;
      }
      String resource = PAGES.get(exchange.getRequestURI().getPath());
      if (resource == null || !readable(exchange)) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found");
        return;
      }
      String type =
          resource.endsWith(".html")
              ? "text/html; charset=utf-8"
              : resource.endsWith(".js")
                  ? "text/javascript; charset=utf-8"
                  : "text/css; charset=utf-8";
      try (InputStream in = ServeCommand.class.getResourceAsStream(resource)) {
        send(exchange, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    // the page's own script and style only: a value that slips into the page cannot run code
    exchange
        .getResponseHeaders()
        .set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", String.valueOf(bytes.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, List<String>> parameters(URI uri) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    if (query.length() > 4 * MAX_QUERY_CHARS) {
      throw new BadRequest("the request is too long");
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue; // "q=a&&limit=5" or a trailing "&": nothing between the separators
      }
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("malformed request parameter");
    }
  }

  private static Optional<String> one(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static int number(
      Map<String, List<String>> parameters, String name, int otherwise, int min, int max) {
    String text = one(parameters, name).orElse("");
    if (text.isEmpty()) {
      if (otherwise < min) {
        throw new BadRequest(name + " is required");
      }
      return otherwise;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new BadRequest(name + " must be " + min + " to " + max + ": " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be a whole number: " + text);
    }
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequest("not a date (YYYY-MM-DD): " + text);
    }
  }
}
