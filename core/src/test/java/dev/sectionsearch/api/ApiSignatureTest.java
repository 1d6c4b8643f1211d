package dev.sectionsearch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.passage.Passage;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.sectioning.Sectioning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The exported packages' API is the one listed in {@value ApiSignatures#FILE}. */
class ApiSignatureTest {
  private static final Class<?>[] ONE_CLASS_PER_EXPORTED_PACKAGE = {
    SectionIndex.class,
    Document.class,
    Embedder.class,
    Passage.class,
    SearchRequest.class,
    Sectioning.class
  };

  @Test
  void publicApiIsTheCommittedOne() {
    ApiSignatures.check(ONE_CLASS_PER_EXPORTED_PACKAGE);
  }

  @Test
  void everyPackageTheModuleExportsToAllIsChecked() throws IOException {
    Set<String> checked = new TreeSet<>();
    for (Class<?> anchor : ONE_CLASS_PER_EXPORTED_PACKAGE) {
      checked.add(anchor.getPackageName());
    }
    Set<String> exported = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("src/main/java/module-info.java"))) {
      String trimmed = line.trim();
      // qualified exports ("exports x to" on one line, the modules on the next) are not API
      if (trimmed.startsWith("exports ") && trimmed.endsWith(";")) {
        exported.add(trimmed.substring("exports ".length(), trimmed.length() - 1).trim());
      }
    }
    assertEquals(exported, checked);
  }
}
