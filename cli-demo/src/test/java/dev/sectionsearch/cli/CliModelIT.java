package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import dev.sectionsearch.semantic.MiniLmEmbedder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI jar when the bundled model cannot be loaded: ONNX Runtime unpacks its native library
 * into the temporary folder, and a JVM whose temporary folder does not exist cannot load it (as on
 * a host with a read-only or noexec /tmp).
 */
class CliModelIT {
  private static final List<String> NO_MODEL = List.of("-Djava.io.tmpdir=/nonexistent/tmp");

  @TempDir Path work;

  private Path notes() throws Exception {
    Path folder = Files.createDirectories(work.resolve("notes"));
    Files.writeString(folder.resolve("cats.md"), "# Cats\n\nA kitten sleeps most of the day.\n");
    return folder;
  }

  private static void saysWhichModelAndWhy(Result result) {
    assertEquals(1, result.exitCode(), result.err());
    assertTrue(result.err().contains(MiniLmEmbedder.MODEL_ID), result.err());
    assertTrue(result.err().contains("--semantic"), result.err());
    assertFalse(result.err().contains("internal error"), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
  }

  @Test
  void aSearchThatNeedsAModelThatCannotLoadSaysWhich() throws Exception {
    String index = work.resolve("index").toString();
    Result indexed = CliProcess.run("index", "--semantic", "--index", index, notes().toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
    saysWhichModelAndWhy(
        CliProcess.run(List.of(), NO_MODEL, Map.of(), "search", "--index", index, "kitten"));
    Result lexical =
        CliProcess.run(
            List.of(), NO_MODEL, Map.of(), "search", "--index", index, "--mode", "lexical",
            "kitten");
    assertEquals(0, lexical.exitCode(), lexical.err());
  }

  @Test
  void aFailedSemanticRunLeavesAnIndexThatAPlainRunTakes() throws Exception {
    String index = work.resolve("index").toString();
    String notes = notes().toString();
    saysWhichModelAndWhy(
        CliProcess.run(
            List.of(), NO_MODEL, Map.of(), "index", "--semantic", "--index", index, notes));
    Result plain = CliProcess.run("index", "--index", index, notes);
    assertEquals(0, plain.exitCode(), plain.err());
    Result found = CliProcess.run("search", "--index", index, "kitten");
    assertEquals(0, found.exitCode(), found.err());
    assertTrue(found.out().contains("kitten"), found.out());
  }

  @Test
  void serveAnswersASearchThatNeedsTheModelWithAJsonError() throws Exception {
    String index = work.resolve("index").toString();
    Result indexed = CliProcess.run("index", "--semantic", "--index", index, notes().toString());
    assertEquals(0, indexed.exitCode(), indexed.err());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server =
        new ProcessBuilder(
                java,
                NO_MODEL.get(0),
                "-jar",
                CliProcess.jar().toString(),
                "serve",
                "--index",
                index,
                "--port",
                "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String line =
          new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertTrue(line != null && line.contains("http://"), "server said: " + line);
      String url = line.substring(line.indexOf("http://"), line.indexOf("/ (") + 1);
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "api/search?q=kitten")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode(), response.body());
        String error = new ObjectMapper().readTree(response.body()).get("error").asText();
        assertTrue(error.contains(MiniLmEmbedder.MODEL_ID), error);
      }
    } finally {
      server.destroy();
      server.waitFor();
    }
  }
}
