package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index --semantic} and {@code search --mode} through the real CLI jar and the real model.
 */
class CliSemanticIT {
  @TempDir Path work;

  @Test
  void semanticIndexFindsAParaphraseAndMarksItsPassage() throws Exception {
    Path folder = Files.createDirectories(work.resolve("notes"));
    Files.writeString(
        folder.resolve("cats.md"),
        "# Cats\n\nA kitten sleeps most of the day. Give it a scratching post.\n");
    Files.writeString(
        folder.resolve("cars.md"),
        "# Cars\n\nChange the engine oil every ten thousand kilometres.\n");
    String index = work.resolve("index").toString();
    Result indexed = CliProcess.run("index", "--semantic", "--index", index, folder.toString());
    assertEquals(0, indexed.exitCode(), indexed.err());

    Result lexical =
        CliProcess.run("search", "--index", index, "--mode", "lexical", "--json", "feline");
    assertEquals(0, lexical.exitCode(), lexical.err());
    assertEquals(0, new ObjectMapper().readTree(lexical.out()).get("hits").size());

    Result hybrid = CliProcess.run("search", "--index", index, "--json", "feline");
    assertEquals(0, hybrid.exitCode(), hybrid.err());
    JsonNode first = new ObjectMapper().readTree(hybrid.out()).get("hits").get(0);
    assertTrue(first.get("docId").asText().endsWith("cats.md"), hybrid.out());
    assertTrue(first.get("passages").get(0).get("semantic").asBoolean(), hybrid.out());

    Result text = CliProcess.run("search", "--index", index, "--mode", "semantic", "feline");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("~ A kitten sleeps"), text.out());

    Result withoutModel = CliProcess.run("index", "--index", index, folder.toString());
    assertFalse(withoutModel.exitCode() == 0, "writing without the model is refused");
    assertTrue(withoutModel.err().contains("embedding model"), withoutModel.err());
  }

  @Test
  void semanticModeOnALexicalIndexIsOneLineError() throws Exception {
    Path folder = Files.createDirectories(work.resolve("notes"));
    Files.writeString(folder.resolve("cats.md"), "# Cats\n\nA kitten sleeps.\n");
    String index = work.resolve("index").toString();
    assertEquals(0, CliProcess.run("index", "--index", index, folder.toString()).exitCode());
    Result result = CliProcess.run("search", "--index", index, "--mode", "semantic", "kitten");
    assertFalse(result.exitCode() == 0);
    assertTrue(result.err().contains("index --semantic"), result.err());
    assertFalse(result.err().contains("EmbeddedIndex.Builder"), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    Result lexical = CliProcess.run("search", "--index", index, "kitten");
    assertEquals(0, lexical.exitCode(), lexical.err());
    assertTrue(lexical.out().contains("kitten"), lexical.out());
  }
}
