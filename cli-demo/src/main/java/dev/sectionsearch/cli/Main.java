package dev.sectionsearch.cli;

import dev.sectionsearch.SectionSearchException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sectionsearch} command: index files into a section index and search it. */
@Command(
    name = "sectionsearch",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Index documents by section and search them with highlighted passages.")
public final class Main implements Runnable {
  /**
   * The commands, in the order help lists them. Picocli builds a command's model by reflection when
   * the command is added, a good part of a short command's start-up: a command line that names a
   * command gets only that one (see {@link #addCommands}).
   */
  private static final Map<String, Class<?>> COMMANDS = commands();

  /** Exit code of a command that failed at run time. */
  static final int FAILURE = 1;

  /** Exit code of a command line that could not be understood. */
  static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("index", IndexCommand.class);
    commands.put("search", SearchCommand.class);
    commands.put("suggest", SuggestCommand.class);
    commands.put("related", RelatedCommand.class);
    commands.put("stats", StatsCommand.class);
    commands.put("delete", DeleteCommand.class);
    commands.put("mcp", McpCommand.class);
    commands.put("serve", ServeCommand.class);
    commands.put("help", CommandLine.HelpCommand.class);
    return commands;
  }

  /**
   * Adds the command the command line names, or every command when it names none (help, version, a
   * misspelled command that suggestions are drawn from): the same command line parses the same
   * either way.
   */
  static void addCommands(CommandLine commandLine, String... args) {
    Class<?> named = args.length == 0 || args[0].equals("help") ? null : COMMANDS.get(args[0]);
    if (named != null) {
      commandLine.addSubcommand(args[0], named);
    } else {
      COMMANDS.forEach(commandLine::addSubcommand);
    }
    CommandLine search = commandLine.getSubcommands().get("search");
    if (search != null) {
      // "-word" excludes a word: a query word, not an unknown option
      search.setUnmatchedOptionsArePositionalParams(true);
    }
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code; output goes to stdout and stderr. */
  static int run(String... args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    CommandLine commandLine = new CommandLine(new Main());
    // the settings below reach the commands added before them
    addCommands(commandLine, args);
    commandLine
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(Main::failure)
        .setParameterExceptionHandler(Main::usageError);
    int code;
    try {
      code = commandLine.execute(args);
    } catch (Error e) {
      // the last line of defence: one line, never a stack trace
      err.println("sectionsearch: " + oneLine("internal error: " + e));
      code = FAILURE;
    }
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** One line naming what failed; a stack trace helps nobody who runs the tool. */
  private static int failure(Exception e, CommandLine commandLine, CommandLine.ParseResult result) {
    if (e instanceof IllegalArgumentException) {
      // option values the library refuses, such as --limit 0: a usage error
      commandLine.getErr().println("sectionsearch: " + oneLine(e.getMessage()));
      return USAGE;
    }
    if (e instanceof UnsupportedOperationException) {
      // a feature the backend lacks (suggestions on OpenSearch): its message says which
      commandLine.getErr().println("sectionsearch: " + oneLine(e.getMessage()));
      return FAILURE;
    }
    String message =
        e instanceof SectionSearchException || e instanceof java.io.IOException
            ? BundledModel.explain(e.getMessage())
            : "internal error: " + e;
    commandLine.getErr().println("sectionsearch: " + oneLine(message));
    return FAILURE;
  }

  /**
   * The first {@code --option} before {@code --} that the command does not have. Search passes
   * unknown options through as query words, since {@code -word} excludes a word, but no query
   * syntax starts with {@code --}: such a word is a misspelled option.
   */
  static Optional<CommandLine.UnmatchedArgumentException> unknownLongOption(
      CommandLine commandLine, List<String> args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (name.startsWith("--") && commandLine.getCommandSpec().findOption(name) == null) {
        return Optional.of(new CommandLine.UnmatchedArgumentException(commandLine, List.of(arg)));
      }
    }
    return Optional.empty();
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException)
        && e.getCommandLine().getCommandName().equals("search")) {
      // a missing --index may be a misspelled one taken for a query word: say so
      Optional<CommandLine.UnmatchedArgumentException> unknown =
          unknownLongOption(e.getCommandLine(), List.of(args));
      if (unknown.isPresent()) {
        e = unknown.get();
      }
    }
    CommandLine commandLine = e.getCommandLine();
    commandLine
        .getErr()
        .println(
            "sectionsearch: "
                + oneLine(message(e))
                + suggestion(e)
                + " (see '"
                + commandLine.getCommandSpec().qualifiedName()
                + " --help')");
    return USAGE;
  }

  /** Picocli's message, but an unknown command called so rather than an "unmatched argument". */
  private static String message(CommandLine.ParameterException e) {
    CommandLine commandLine = e.getCommandLine();
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && commandLine.getParent() == null
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
    }
    return e.getMessage();
  }

  /** Picocli's guess at a misspelled command or option, such as "serch" for "search". */
  private static String suggestion(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        return ". Did you mean: " + String.join(" or ", suggestions) + "?";
      }
    }
    return "";
  }

  /** A message on one line, fit for a terminal: it may quote file names, ids and queries. */
  private static String oneLine(String message) {
    return message == null
        ? "unknown error"
        : Terminal.safe(message.replaceAll("\\s*\\R\\s*", " ").strip());
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"sectionsearch " + (version == null ? "(development build)" : version)};
    }
  }
}
