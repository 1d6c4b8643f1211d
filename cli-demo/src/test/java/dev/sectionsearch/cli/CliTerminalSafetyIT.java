package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sectionsearch.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No text from files, names, ids or queries reaches the terminal raw: seeded random control
 * characters, escape sequences and bidi overrides in every field the CLI prints, checked on the
 * real jar's output.
 */
class CliTerminalSafetyIT {
  private static final String[] HOSTILE = {
    "\u001b]0;pwned\u0007",
    "\u001b[2J",
    "\u001b[31m",
    "\u001b]8;;http://evil/\u001b\\",
    "\r",
    "\u0007",
    "\b",
    "\u007f",
    "\u009b31m",
    "\u0085",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u2028",
    "\u2029",
    "\u061c",
    "\u000b",
    "\f",
    "\t"
  };

  @TempDir Path work;

  private static String hostile(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      text.append(HOSTILE[random.nextInt(HOSTILE.length)]);
      if (random.nextInt(4) == 0) {
        text.append((char) (1 + random.nextInt(0x1f)));
      }
    }
    return text.toString();
  }

  /** Hostile text that a file name can hold: anything but the separator. */
  private static String name(Random random) {
    return hostile(random).replace('/', '_');
  }

  @Test
  void randomControlCharactersInEveryPrintedFieldAreEscaped() throws Exception {
    long seed = Long.getLong("terminal.seed", System.nanoTime());
    System.out.println("CliTerminalSafetyIT seed: -Dterminal.seed=" + seed);
    Random random = new Random(seed);
    Path docs = Files.createDirectories(work.resolve("docs"));
    for (int i = 0; i < 8; i++) {
      // names: such files cannot be ids, so they are listed as skipped, names and all
      Files.writeString(docs.resolve("bad" + i + name(random) + ".md"), "# T\n\nkestrel");
      Files.writeString(docs.resolve("odd" + i + name(random) + ".bin"), "x");
      Files.writeString(
          docs.resolve("doc" + i + ".md"),
          "---\ndate: 2024-13-"
              + hostile(random)
              + "\n---\n# Kestrels "
              + hostile(random)
              + " title\n\n## Heading "
              + hostile(random)
              + " one\n\nKestrels "
              + hostile(random)
              + " hover "
              + hostile(random)
              + " over fields.\n",
          StandardCharsets.UTF_8);
      Files.writeString(
          docs.resolve("text" + i + ".txt"),
          "Kestrel notes" + hostile(random) + "\n\nKestrels " + hostile(random) + " hunt voles.\n");
    }
    String index = work.resolve("index").toString();
    Path queries =
        Files.writeString(
            work.resolve("q.tsv"),
            "q" + hostile(random) + "\t" + "kestrel ".repeat(300) + "\nq2\tkestrels\n");
    List<Result> results = new ArrayList<>();
    results.add(CliProcess.run("index", "--index", index, docs.toString()));
    results.add(CliProcess.run("search", "--index", index, "--limit", "50", "kestrels"));
    results.add(CliProcess.run("search", "--index", index, "kestrels" + hostile(random)));
    results.add(
        CliProcess.run("search", "--index", index, ("w" + hostile(random) + " ").repeat(300)));
    results.add(
        CliProcess.run(
            "search",
            "--index",
            index,
            "--queries",
            queries.toString(),
            "--run",
            work.resolve("out" + name(random) + ".run").toString()));
    results.add(CliProcess.run("delete", "--index", index, "id" + hostile(random)));
    results.add(CliProcess.run("index", "--index", index, "missing" + hostile(random)));
    results.add(CliProcess.run("stats", "--index", index + hostile(random)));
    assertEquals(0, results.get(0).exitCode(), results.get(0).err());
    for (Result result : results) {
      assertSafe(seed, result.out());
      assertSafe(seed, result.err());
    }
  }

  private static void assertSafe(long seed, String output) {
    for (int i = 0; i < output.length(); i++) {
      char c = output.charAt(i);
      if (c != '\n' && Terminal.unsafe(c)) {
        int lineStart = output.lastIndexOf('\n', i) + 1;
        throw new AssertionError(
            String.format(
                "seed %d: raw U+%04X in %s",
                seed,
                (int) c,
                output
                    .substring(lineStart, Math.min(output.length(), i + 20))
                    .replaceAll("\\p{Cntrl}", "?")));
      }
    }
  }
}
