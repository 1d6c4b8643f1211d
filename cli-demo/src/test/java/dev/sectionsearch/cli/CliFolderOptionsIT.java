package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sectionsearch.cli.CliProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI jar indexing folders under control: include/exclude patterns, metadata and a format
 * for a run, documents of deleted files removed, skipped files summarised.
 */
class CliFolderOptionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private Path write(String relative, String text) throws IOException {
    Path file = work.resolve("docs").resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private JsonNode search(String index, String query) throws Exception {
    Result result = CliProcess.run("search", "--index", index, "--json", query);
    assertEquals(0, result.exitCode(), result.err());
    return JSON.readTree(result.out());
  }

  @Test
  void patternsMetadataAndFormatChooseWhatAFolderGives() throws Exception {
    write("html/library/json.html", "<title>json</title><h1>JSON</h1><p>Kingfishers encode.</p>");
    write("html/_sources/library/json.rst.txt", "JSON\n====\n\nKingfishers encode.\n");
    write("pkg/README", "# Readme\n\nKingfishers install.\n");
    String index = work.resolve("index").toString();
    Result result =
        CliProcess.run(
            "index",
            "--index",
            index,
            "--include",
            "*.html",
            "--include",
            "README",
            "--exclude",
            "_sources",
            "--format",
            "md",
            "--meta",
            "project=birds",
            work.resolve("docs").toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("Indexed 2 documents"), result.out());
    JsonNode hits = search(index, "kingfishers").get("hits");
    assertEquals(2, hits.size(), hits.toString());
    for (JsonNode hit : hits) {
      assertFalse(hit.get("source").asText().contains("_sources"), hit.toString());
      assertEquals("birds", hit.get("meta").get("project").get(0).asText(), hit.toString());
    }
  }

  @Test
  void formatAutoReadsEachExtensionlessFileInTheFormatItsContentShows() throws Exception {
    write(
        "pkg/README",
        "Readme\n======\n\n.. note::\n\n   Grebes dive.\n\nUsage\n~~~~~\n\nGrebes float.\n");
    write(
        "pkg/page", "<!DOCTYPE html>\n<html><title>Page</title><h1>Grebes</h1><p>Grebes nest.</p>");
    String index = work.resolve("index").toString();
    Result result =
        CliProcess.run(
            "index",
            "--index",
            index,
            "--include",
            "README",
            "--include",
            "page",
            "--format",
            "auto",
            work.resolve("docs").toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("Indexed 2 documents"), result.out());
    JsonNode floats = search(index, "grebes float").get("hits").get(0);
    assertEquals("Readme", floats.get("title").asText(), floats.toString());
    assertEquals("Usage", floats.get("headingPath").get(0).asText(), floats.toString());
    JsonNode nests = search(index, "grebes nest").get("hits").get(0);
    assertEquals("Page", nests.get("title").asText(), nests.toString());
    assertFalse(nests.toString().contains("<h1>"), nests.toString());
  }

  @Test
  void indexingAFolderAgainRemovesDocumentsOfDeletedFilesUnlessKept() throws Exception {
    write("a.md", "# A\n\nWagtails stay.\n");
    Path gone = write("b.md", "# B\n\nWagtails leave.\n");
    String index = work.resolve("index").toString();
    String folder = work.resolve("docs").toString();
    assertEquals(0, CliProcess.run("index", "--index", index, folder).exitCode());
    Files.delete(gone);
    Result kept = CliProcess.run("index", "--index", index, "--keep-missing", folder);
    assertEquals(0, kept.exitCode(), kept.err());
    assertFalse(kept.out().contains("Removed"), kept.out());
    assertEquals(2, search(index, "wagtails").get("totalHits").asLong());
    Result again = CliProcess.run("index", "--index", index, folder);
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(
        again.out().contains("Removed 1 document of files no longer under the folder."),
        again.out());
    assertEquals(1, search(index, "wagtails").get("totalHits").asLong());
  }

  @Test
  void manySkippedFilesAreSummarisedByReasonAndTypeAndListedWithVerbose() throws Exception {
    write("good.md", "# Good\n\nDippers dive.\n");
    for (int i = 0; i < 30; i++) {
      write("images/p" + i + ".png", "x");
    }
    for (int i = 0; i < 5; i++) {
      write("empty" + i + ".md", "");
    }
    String index = work.resolve("index").toString();
    String folder = work.resolve("docs").toString();
    Result result = CliProcess.run("index", "--index", index, folder);
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("Skipped 35 files:"), result.out());
    assertTrue(result.out().contains("  30: unsupported file type (.png)"), result.out());
    assertTrue(result.out().contains("  5: empty file (.md)"), result.out());
    assertFalse(result.out().contains("p7.png"), result.out());
    Result verbose = CliProcess.run("index", "--index", index, "--verbose", folder);
    assertTrue(verbose.out().contains("p7.png: unsupported file type"), verbose.out());
  }

  @Test
  void badOptionsAreOneLineErrorsBeforeTheIndexIsTouched() throws Exception {
    write("a.md", "# A\n\nText.\n");
    String index = work.resolve("index").toString();
    Result badMeta =
        CliProcess.run("index", "--index", index, "--meta", "novalue", work.toString());
    assertEquals(2, badMeta.exitCode(), badMeta.err());
    assertTrue(badMeta.err().contains("--meta needs KEY=VALUE"), badMeta.err());
    Result badFormat =
        CliProcess.run(
            "index", "--index", index, "--include", "*", "--format", "pdfx", work.toString());
    assertEquals(2, badFormat.exitCode(), badFormat.err());
    assertTrue(badFormat.err().contains("unknown --format pdfx"), badFormat.err());
    assertFalse(Files.exists(work.resolve("index")), "nothing created");
  }
}
