package dev.sectionsearch.pdf;

import dev.sectionsearch.api.ApiSignatures;
import org.junit.jupiter.api.Test;

/** This module's public API is the one listed in {@value ApiSignatures#FILE}. */
class ApiSignatureTest {
  @Test
  void publicApiIsTheCommittedOne() {
    ApiSignatures.check(PdfReader.class);
  }
}
