package dev.sectionsearch.cli;

import dev.sectionsearch.IndexedDocument;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.SectionSearchException;
import dev.sectionsearch.document.Section;
import dev.sectionsearch.search.SearchRequest;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mcp}: serves an index to AI assistants over the Model Context Protocol, on standard input
 * and output, with three tools: {@code search} (hits with passages and citations, in the shape of
 * {@code search --json}), {@code read_section} (a section's whole text) and {@code related} (the
 * sections like one, as {@code search} gives hits). Read-only: it sees each new commit of the index
 * at the next call.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serve an index to AI assistants over the Model Context Protocol (stdio): tools 'search',"
          + " 'read_section' and 'related'."
    })
final class McpCommand implements Callable<Integer> {
  /** The most hits one search call returns: enough for an answer, small enough for a prompt. */
  static final int MAX_LIMIT = 50;

  /**
   * The characters of a section's text one read_section call returns unless asked otherwise: a 10
   * MB section in one tool result overflows any model's context.
   */
  static final int READ_CHARS = 20_000;

  /** The most characters one read_section call returns. */
  static final int MAX_READ_CHARS = 100_000;

  private static final String SEARCH_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "query": {"type": "string", "description": "Words (any may match), \\"phrases\\",\
       -excluded, +required, a OR b, prefix*. Empty to list sections newest first."},
         "limit": {"type": "integer", "minimum": 1, "maximum": 50,\
       "description": "The most hits (default 10)."},
         "since": {"type": "string", "description": "Only sections dated on or after YYYY-MM-DD."},
         "until": {"type": "string", "description": "Only sections dated on or before YYYY-MM-DD."},
         "after": {"type": "string", "description": "The next page: the \\"next\\" cursor of\
       the previous results of the same query."},
         "typos": {"type": "boolean", "description": "false to search the words as typed\
       (default true: misspelt words also match the nearest indexed words; didYouMean says how)."},
         "filters": {"type": "object", "additionalProperties": {"type": "array",\
       "items": {"type": "string"}}, "description": "Metadata key -> accepted values."}
       },
       "required": ["query"]}
      """;

  private static final String READ_SECTION_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "doc_id": {"type": "string", "description": "The docId of a search hit."},
         "ordinal": {"type": "integer", "minimum": 0,\
       "description": "The ordinal of a search hit: the section's position in its document."},
         "offset": {"type": "integer", "minimum": 0,\
       "description": "Where in the section's text to start (default 0): a part's nextOffset."},
         "max_chars": {"type": "integer", "minimum": 1, "maximum": 100000,\
       "description": "The most characters of text returned (default 20000)."}
       },
       "required": ["doc_id", "ordinal"]}
      """;

  private static final String RELATED_SCHEMA =
      """
      {"type": "object",
       "properties": {
         "doc_id": {"type": "string", "description": "The docId of a search hit."},
         "ordinal": {"type": "integer", "minimum": 0,\
       "description": "The ordinal of a search hit: the section's position in its document."},
         "limit": {"type": "integer", "minimum": 1, "maximum": 50,\
       "description": "The most hits (default 10)."}
       },
       "required": ["doc_id", "ordinal"]}
      """;

  @Spec CommandSpec spec;

  @Mixin IndexFolder index;

  @Mixin ClusterOption cluster;

  @Mixin RankingOptions ranking;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ranking.check(spec.commandLine());
    McpJsonMapper json = McpJsonDefaults.getMapper();
    try (SectionIndex sectionIndex = cluster.openToSearch(index)) {
      McpInput input = new McpInput(System.in, System.out, spec.commandLine().getErr(), json);
      StdioServerTransportProvider transport =
          new StdioServerTransportProvider(json, input.messages(), input.replies());
      McpSyncServer server =
          McpServer.sync(transport)
              .serverInfo("sectionsearch", new Main.Version().getVersion()[0])
              .instructions(
                  "Search a document collection by section. Cite hits as"
                      + " source:sourceStart-sourceEnd of a passage; read_section gives a"
                      + " section's whole text.")
              .capabilities(ServerCapabilities.builder().tools(true).build())
              .tools(
                  search(sectionIndex, ranking, json),
                  readSection(sectionIndex, json),
                  related(sectionIndex, json))
              .build();
      // the transport answers on threads of its own; stop when the client leaves
      input.run();
      server.closeGracefully();
    }
    return 0;
  }

  private static SyncToolSpecification search(
      SectionIndex index, RankingOptions ranking, McpJsonMapper json) {
    return tool(
        Tool.builder("search", json, SEARCH_SCHEMA)
            .description(
                "Search the indexed documents; returns the best sections with highlighted"
                    + " passages, each with its source and the character range that holds it.")
            .build(),
        arguments -> {
          SearchRequest request =
              ranking.apply(
                  SearchRequest.of(string(arguments, "query").orElse(""))
                      .withLimit(number(arguments, "limit").orElse(SearchRequest.DEFAULT_LIMIT))
                      .withExactTotal(true));
          request = string(arguments, "since").map(date(request::withSince)).orElse(request);
          SearchRequest sinceApplied = request;
          request = string(arguments, "until").map(date(sinceApplied::withUntil)).orElse(request);
          if (bool(arguments, "typos").filter(typos -> !typos).isPresent()) {
            request = request.withTypoTolerance(false);
          }
          Optional<String> after = string(arguments, "after").filter(cursor -> !cursor.isEmpty());
          if (after.isPresent()) {
            request = request.withAfter(after.get());
          }
          if (arguments.get("filters") instanceof Map<?, ?> filters) {
            for (Map.Entry<?, ?> filter : filters.entrySet()) {
              List<String> values =
                  filter.getValue() instanceof List<?> list
                      ? list.stream().map(String::valueOf).toList()
                      : List.of(String.valueOf(filter.getValue()));
              request = request.withFilter(String.valueOf(filter.getKey()), values);
            }
          }
          return Json.results(index.search(request));
        });
  }

  private static SyncToolSpecification readSection(SectionIndex index, McpJsonMapper json) {
    return tool(
        Tool.builder("read_section", json, READ_SECTION_SCHEMA)
            .description(
                "Read the text of one section of a search hit (its doc_id and ordinal), with its"
                    + " heading path and its range in the source; a long text comes in parts of"
                    + " max_chars (default "
                    + READ_CHARS
                    + "): when nextOffset is not null, call again with offset=nextOffset for"
                    + " the rest.")
            .build(),
        arguments -> {
          String docId =
              string(arguments, "doc_id")
                  .orElseThrow(() -> new IllegalArgumentException("doc_id is required"));
          int ordinal =
              number(arguments, "ordinal")
                  .orElseThrow(() -> new IllegalArgumentException("ordinal is required"));
          IndexedDocument document =
              index
                  .get(docId)
                  .orElseThrow(() -> new IllegalArgumentException("no document " + docId));
          Section section =
              document
                  .section(ordinal)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "document " + docId + " has no section " + ordinal));
          int offset = number(arguments, "offset").orElse(0);
          int maxChars = number(arguments, "max_chars").orElse(READ_CHARS);
          return Json.sectionPart(document, section, offset, maxChars);
        });
  }

  private static SyncToolSpecification related(SectionIndex index, McpJsonMapper json) {
    return tool(
        Tool.builder("related", json, RELATED_SCHEMA)
            .description(
                "Find the sections most like one section of a search hit (its doc_id and"
                    + " ordinal), never that section itself: by the words it uses most that few"
                    + " sections use, and by meaning when the index has vectors. Returns hits"
                    + " in the shape of search's; query holds the words searched.")
            .build(),
        arguments -> {
          String docId =
              string(arguments, "doc_id")
                  .orElseThrow(() -> new IllegalArgumentException("doc_id is required"));
          int ordinal =
              number(arguments, "ordinal")
                  .orElseThrow(() -> new IllegalArgumentException("ordinal is required"));
          int limit = number(arguments, "limit").orElse(SearchRequest.DEFAULT_LIMIT);
          return Json.results(index.related(docId, ordinal, limit));
        });
  }

  /** A tool whose handler answers with JSON text, or with an error result naming the problem. */
  private static SyncToolSpecification tool(Tool tool, Function<Map<String, Object>, String> run) {
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              try {
                Map<String, Object> arguments =
                    request.arguments() == null ? Map.of() : request.arguments();
                return CallToolResult.builder().addTextContent(run.apply(arguments)).build();
              } catch (IllegalArgumentException | SectionSearchException e) {
                return CallToolResult.builder()
                    .addTextContent(String.valueOf(BundledModel.explain(e.getMessage())))
                    .isError(true)
                    .build();
              }
            })
        .build();
  }

  private static Optional<String> string(Map<String, Object> arguments, String name) {
    Object value = arguments.get(name);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  private static Optional<Boolean> bool(Map<String, Object> arguments, String name) {
    Object value = arguments.get(name);
    if (value == null || value instanceof Boolean) {
      return Optional.ofNullable((Boolean) value);
    }
    throw new IllegalArgumentException(name + " must be true or false: " + value);
  }

  private static Optional<Integer> number(Map<String, Object> arguments, String name) {
    Object value = arguments.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Number n && n.doubleValue() == n.intValue()) {
      int limit = n.intValue();
      if (name.equals("limit") && (limit < 1 || limit > MAX_LIMIT)) {
        throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
      }
      if (name.equals("max_chars") && (limit < 1 || limit > MAX_READ_CHARS)) {
        throw new IllegalArgumentException(
            "max_chars must be 1 to " + MAX_READ_CHARS + ": " + limit);
      }
      if ((name.equals("offset") || name.equals("ordinal")) && limit < 0) {
        throw new IllegalArgumentException(name + " must be 0 or more: " + limit);
      }
      return Optional.of(limit);
    }
    throw new IllegalArgumentException(name + " must be a whole number: " + value);
  }

  private static Function<String, SearchRequest> date(Function<LocalDate, SearchRequest> with) {
    return text -> {
      try {
        return with.apply(LocalDate.parse(text));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a date (YYYY-MM-DD): " + text, e);
      }
    };
  }
}
