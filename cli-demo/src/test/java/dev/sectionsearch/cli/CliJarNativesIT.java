package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sectionsearch.cli.CliProcess.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI jar carries the native libraries of the platform it was built for only (ONNX Runtime's
 * and DJL's tokenizers'), and with them indexes with vectors offline: the tokenizers library DJL
 * loads is the one from the jar, not a download.
 */
class CliJarNativesIT {
  /** The jar's size limit when built for one platform. */
  private static final long MAX_BYTES = 60L * 1000 * 1000;

  @TempDir Path work;

  @Test
  void theJarHoldsTheNativeLibrariesOfOnePlatformAndNoDebugSymbols() throws IOException {
    SortedSet<String> onnxPlatforms = new TreeSet<>();
    SortedSet<String> tokenizerPlatforms = new TreeSet<>();
    List<String> unwanted = new ArrayList<>();
    try (JarFile jar = new JarFile(CliProcess.jar().toFile())) {
      jar.stream()
          .map(JarEntry::getName)
          .forEach(
              name -> {
                if (name.startsWith("ai/onnxruntime/native/") && !name.endsWith("/")) {
                  onnxPlatforms.add(name.split("/", -1)[3]);
                }
                if (name.startsWith("native/lib/") && name.split("/", -1).length > 3) {
                  tokenizerPlatforms.add(name.split("/", -1)[2]);
                }
                if (name.endsWith(".pdb")
                    || name.contains(".dSYM/")
                    || name.matches("com/sun/jna/[^/]+/.*jnidispatch.*")
                    || name.startsWith("org/opensearch/client/opensearch/core/")) {
                  unwanted.add(name);
                }
              });
    }
    assertTrue(onnxPlatforms.contains(onnxRuntimeFolder()), onnxPlatforms.toString());
    assertTrue(unwanted.isEmpty(), unwanted.toString());
    Assumptions.assumeTrue(
        onnxPlatforms.size() == 1, "built for several platforms: " + onnxPlatforms);
    assertEquals(1, tokenizerPlatforms.size(), tokenizerPlatforms.toString());
    long size = Files.size(CliProcess.jar());
    assertTrue(size <= MAX_BYTES, "the jar is " + size + " bytes");
  }

  @Test
  void semanticIndexingLoadsTheTokenizersLibraryFromTheJar() throws Exception {
    Path home = Files.createDirectories(work.resolve("home"));
    Path folder = Files.createDirectories(work.resolve("notes"));
    Files.writeString(folder.resolve("cats.md"), "# Cats\n\nA kitten sleeps most of the day.\n");
    String index = work.resolve("index").toString();
    Result indexed =
        CliProcess.run(
            List.of(),
            List.of("-Duser.home=" + home),
            Map.of("HOME", home.toString()),
            "index",
            "--semantic",
            "--index",
            index,
            folder.toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
    assertEquals("", indexed.err());
    Result searched =
        CliProcess.run(
            List.of(),
            List.of("-Duser.home=" + home),
            Map.of("HOME", home.toString()),
            "search",
            "--mode",
            "hybrid",
            "--index",
            index,
            "feline");
    assertEquals(0, searched.exitCode(), searched.err());
    assertEquals("", searched.err());
    assertTrue(searched.out().contains("Cats"), searched.out());

    List<Path> unpacked;
    try (Stream<Path> files = Files.walk(home.resolve(".djl.ai"))) {
      unpacked = files.filter(p -> p.getFileName().toString().contains("tokenizers.")).toList();
    }
    assertEquals(1, unpacked.size(), unpacked.toString());
    try (JarFile jar = new JarFile(CliProcess.jar().toFile())) {
      JarEntry bundled =
          jar.stream()
              .filter(e -> e.getName().startsWith("native/lib/"))
              .filter(e -> e.getName().endsWith("/" + unpacked.get(0).getFileName()))
              .findFirst()
              .orElse(null);
      assertNotNull(bundled, "the jar holds " + unpacked.get(0).getFileName());
      try (InputStream in = jar.getInputStream(bundled)) {
        assertArrayEquals(in.readAllBytes(), Files.readAllBytes(unpacked.get(0)));
      }
    }
  }

  /** ONNX Runtime's name for the platform this test runs on. */
  private static String onnxRuntimeFolder() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String prefix = os.startsWith("mac") ? "osx" : os.startsWith("windows") ? "win" : "linux";
    return prefix + (arch.equals("aarch64") ? "-aarch64" : "-x64");
  }
}
