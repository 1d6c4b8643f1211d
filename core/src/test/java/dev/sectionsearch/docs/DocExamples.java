package dev.sectionsearch.docs;

import dev.sectionsearch.docs.DocPages.Artifact;
import dev.sectionsearch.docs.DocPages.Block;
import dev.sectionsearch.docs.DocPages.Page;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the documentation's Java examples as a reader would: each page's Java blocks against
 * exactly the artifacts the page tells the reader to add. A module's own examples test calls {@link
 * #compileAll} with its artifact id; that module's classes, its compile-scope classpath (written by
 * the build to {@code target/compile-classpath.txt}, so that test-scoped jars do not count) and the
 * other artifacts the page names (looked up by coordinates on the test classpath, where the
 * module's POM puts them in test scope) are all the compiler gets.
 */
public final class DocExamples {
  private static final Pattern TYPE =
      Pattern.compile(
          "(?m)^(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");

  private DocExamples() {}

  /**
   * Compiles every Java block of every page whose examples belong to {@code artifactId} (see {@link
   * Page#exampleArtifact()}) into folders under {@code work}.
   *
   * @return the pages compiled, so that a test can insist there was one
   * @throws AssertionError naming the page, line and compiler messages of a block that fails
   */
  public static List<String> compileAll(String artifactId, Path work) {
    List<String> compiled = new ArrayList<>();
    for (Page page : DocPages.all()) {
      if (!page.exampleArtifact().equals(artifactId) || page.javaBlocks().isEmpty()) {
        continue;
      }
      List<String> classPath = classPathFor(page);
      int n = 0;
      for (Block block : page.javaBlocks()) {
        compile(page, block, classPath, work.resolve("example-" + compiled.size() + "-" + n++));
      }
      compiled.add(page.name());
    }
    return compiled;
  }

  /** This module's classes, its compile-scope classpath, and the page's other artifacts. */
  private static List<String> classPathFor(Page page) {
    List<String> classPath = new ArrayList<>();
    classPath.add(Path.of("target", "classes").toAbsolutePath().toString());
    Path listed = Path.of("target", "compile-classpath.txt");
    try {
      String text = Files.readString(listed, StandardCharsets.UTF_8).strip();
      if (!text.isEmpty()) {
        classPath.addAll(List.of(text.split(Pattern.quote(File.pathSeparator))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no " + listed.toAbsolutePath() + ": the build writes it (dependency:build-classpath)",
          e);
    }
    List<String> testClassPath =
        List.of(System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator)));
    for (Artifact artifact : page.dependencies()) {
      if (artifact.isOurs()) {
        continue;
      }
      String suffix =
          String.join(
              "/",
              artifact.groupId().replace('.', '/'),
              artifact.artifactId(),
              artifact.version(),
              artifact.artifactId() + "-" + artifact.version() + ".jar");
      String jar =
          testClassPath.stream()
              .filter(entry -> entry.replace('\\', '/').endsWith("/" + suffix))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          page.name()
                              + " tells the reader to add "
                              + artifact
                              + ", which is not on this module's test classpath: add it to"
                              + " the module's POM in test scope, with that version"));
      classPath.add(jar);
    }
    return classPath;
  }

  private static void compile(Page page, Block block, List<String> classPath, Path out) {
    Matcher type = TYPE.matcher(block.text());
    if (!type.find()) {
      throw new AssertionError(
          page.name()
              + " line "
              + block.line()
              + ": a java block is a whole compilation unit, imports and a class");
    }
    try {
      Files.createDirectories(out);
      Path source = out.resolve(type.group(1) + ".java");
      Files.writeString(source, block.text(), StandardCharsets.UTF_8);
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files =
          compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        boolean ok =
            compiler
                .getTask(
                    null,
                    files,
                    diagnostics,
                    List.of(
                        "-proc:none",
                        "-cp",
                        String.join(File.pathSeparator, classPath),
                        "-d",
                        out.toString()),
                    null,
                    files.getJavaFileObjects(source))
                .call();
        if (!ok) {
          throw new AssertionError(
              page.name()
                  + " line "
                  + block.line()
                  + ": the example does not compile with "
                  + page.dependencies()
                  + ":\n"
                  + diagnostics.getDiagnostics().stream()
                      .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                      .map(
                          d ->
                              "  line "
                                  + (block.line() + d.getLineNumber())
                                  + ": "
                                  + d.getMessage(Locale.ROOT))
                      .collect(Collectors.joining("\n")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
