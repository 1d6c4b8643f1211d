package dev.sectionsearch.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user documentation as a test reads it: README.md and docs/*.md of the checkout, their links,
 * headings, fenced code blocks and the Maven dependencies they tell a reader to add.
 */
public final class DocPages {
  /** The README's limit: longer material belongs in a docs page. */
  public static final int README_MAX_LINES = 250;

  private static final Pattern FENCE =
      Pattern.compile("(?m)^```(\\w*)[^\\n]*\\n(.*?)^```", Pattern.DOTALL);
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");
  private static final Pattern DEPENDENCY =
      Pattern.compile(
          "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>"
              + "\\s*<version>([^<]+)</version>");

  /** A Maven dependency a page names: group, artifact and version. */
  public record Artifact(String groupId, String artifactId, String version) {
    /** Whether it is one of this project's artifacts. */
    public boolean isOurs() {
      return groupId.equals("dev.sectionsearch");
    }

    @Override
    public String toString() {
      return groupId + ":" + artifactId + ":" + version;
    }
  }

  /** A fenced code block: its language tag, its text, and the line of the page it starts on. */
  public record Block(String language, String text, int line) {}

  /** One Markdown page of the documentation. */
  public record Page(Path path, String text) {
    /** The page's path from the checkout's root, with '/' (README.md, docs/cli.md). */
    public String name() {
      return root().relativize(path).toString().replace('\\', '/');
    }

    /** Its fenced code blocks, in order. */
    public List<Block> blocks() {
      List<Block> blocks = new ArrayList<>();
      Matcher fence = FENCE.matcher(text);
      while (fence.find()) {
        int line =
            (int) text.substring(0, fence.start()).chars().filter(c -> c == '\n').count() + 1;
        blocks.add(new Block(fence.group(1), fence.group(2), line));
      }
      return blocks;
    }

    /** Its Java blocks: each one a complete compilation unit. */
    public List<Block> javaBlocks() {
      return blocks().stream().filter(block -> block.language().equals("java")).toList();
    }

    /** The dependencies its XML blocks tell a reader to add, in order. */
    public Set<Artifact> dependencies() {
      Set<Artifact> artifacts = new LinkedHashSet<>();
      for (Block block : blocks()) {
        if (block.language().equals("xml")) {
          Matcher dependency = DEPENDENCY.matcher(block.text());
          while (dependency.find()) {
            artifacts.add(
                new Artifact(
                    dependency.group(1).strip(),
                    dependency.group(2).strip(),
                    dependency.group(3).strip()));
          }
        }
      }
      return artifacts;
    }

    /**
     * The project artifact whose module compiles this page's Java examples: the one it names
     * besides sectionsearch-core, or sectionsearch-core when it names only that or none (a page
     * about the library itself need not repeat the README's dependency).
     */
    public String exampleArtifact() {
      List<String> ours =
          dependencies().stream().filter(Artifact::isOurs).map(Artifact::artifactId).toList();
      return ours.stream()
          .filter(id -> !id.equals("sectionsearch-core"))
          .findFirst()
          .orElse("sectionsearch-core");
    }

    /** The targets of its Markdown links outside code blocks, as written. */
    public List<String> links() {
      List<String> links = new ArrayList<>();
      Matcher link = LINK.matcher(FENCE.matcher(text).replaceAll(""));
      while (link.find()) {
        links.add(link.group(1));
      }
      return links;
    }

    /** The anchors GitHub makes of its headings (outside code blocks). */
    public Set<String> anchors() {
      Set<String> anchors = new LinkedHashSet<>();
      Matcher heading = HEADING.matcher(FENCE.matcher(text).replaceAll(""));
      while (heading.find()) {
        anchors.add(anchor(heading.group(1)));
      }
      return anchors;
    }
  }

  private DocPages() {}

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces made hyphens. */
  public static String anchor(String heading) {
    return heading
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
        .replace(' ', '-');
  }

  /** The checkout's root: the nearest folder at or above the working directory with a README. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no README.md and docs/ above " + Path.of("").toAbsolutePath());
  }

  /** README.md, then every docs/*.md by name. */
  public static List<Page> all() {
    Path root = root();
    List<Page> pages = new ArrayList<>();
    pages.add(read(root.resolve("README.md")));
    try (Stream<Path> files = Files.list(root.resolve("docs"))) {
      files
          .filter(file -> file.getFileName().toString().endsWith(".md"))
          .sorted()
          .forEach(file -> pages.add(read(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** One page of the checkout, by its path from the root. */
  public static Page page(String name) {
    return read(root().resolve(name));
  }

  private static Page read(Path file) {
    try {
      return new Page(file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
