package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The shaded CLI jar carries the licence and the notices of what it bundles. */
class CliJarLicenceIT {
  @Test
  void theJarCarriesTheApacheLicence() throws IOException {
    assertTrue(entry("LICENSE").contains("Apache License\n                           Version 2.0"));
  }

  @Test
  void theJarCarriesTheNoticesOfEveryBundledLibrary() throws IOException {
    String notice = entry("NOTICE");
    for (String bundled :
        new String[] {
          "Apache Lucene", "Jonathan Hedley", "Atlassian Pty Ltd", "Remko Popma", "Tatu Saloranta"
        }) {
      assertTrue(notice.contains(bundled), "NOTICE names " + bundled);
    }
  }

  private static String entry(String name) throws IOException {
    try (JarFile jar = new JarFile(CliProcess.jar().toFile())) {
      ZipEntry entry = jar.getEntry(name);
      assertNotNull(entry, "the CLI jar holds " + name);
      try (InputStream in = jar.getInputStream(entry)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
