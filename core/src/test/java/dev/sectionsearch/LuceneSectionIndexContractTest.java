package dev.sectionsearch;

/** The embedded backend against the shared contract, in memory: fast, part of `mvn test`. */
class LuceneSectionIndexContractTest extends SectionIndexContract {
  @Override
  protected SectionIndex newIndex() {
    return SectionIndex.inMemory();
  }

  @Override
  protected SectionIndex newIndex(dev.sectionsearch.embedding.Embedder embedder) {
    return EmbeddedIndex.builder().embedder(embedder).build();
  }
}
