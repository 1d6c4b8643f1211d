package dev.sectionsearch.bench.speed;

import dev.sectionsearch.EmbeddedIndex;
import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.bench.speed.CorpusDocument.CorpusSection;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.embedding.Embedder;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import dev.sectionsearch.semantic.MiniLmEmbedder;
import java.nio.file.Path;

/**
 * This library, through its public API with its default settings; optionally with an embedder, so
 * every section is also embedded as it is added (the index then has vectors).
 */
final class LibraryEngine implements Engine {
  /** The name of this library's engine with the bundled MiniLM embedder. */
  static final String SEMANTIC = "sectionsearch-semantic";

  private final String name;
  private final Embedder embedder; // null: no vectors

  /** Without an embedder: a lexical index, as an application without vectors has. */
  LibraryEngine() {
    this("sectionsearch", null);
  }

  private LibraryEngine(String name, Embedder embedder) {
    this.name = name;
    this.embedder = embedder;
  }

  /** With the bundled MiniLM embedder: an index with a vector of every section. */
  static LibraryEngine semantic() {
    return new LibraryEngine(SEMANTIC, MiniLmEmbedder.create());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean indexesConcurrently() {
    return true;
  }

  @Override
  public Indexer indexer(Path folder) {
    SectionIndex index =
        embedder == null
            ? SectionIndex.open(folder)
            : EmbeddedIndex.builder().folder(folder).embedder(embedder).build();
    return new Indexer() {
      @Override
      public void add(CorpusDocument document) {
        Document.Builder builder = Document.builder(document.id()).title(document.title());
        for (CorpusSection section : document.sections()) {
          builder.section(section.heading(), section.text());
        }
        index.add(builder.build());
      }

      @Override
      public void commit() {
        index.commit();
      }

      @Override
      public void close() {
        index.close();
      }
    };
  }

  @Override
  public Searcher searcher(Path folder) {
    EmbeddedIndex.Builder builder = EmbeddedIndex.builder().folder(folder).readOnly();
    SectionIndex index = (embedder == null ? builder : builder.embedder(embedder)).build();
    return new Searcher() {
      @Override
      public Answer search(Query query) {
        SearchResults results = index.search(SearchRequest.of(query.luceneSyntax()));
        int chars = 0;
        for (SearchHit hit : results.hits()) {
          chars += hit.passages().stream().mapToInt(passage -> passage.text().length()).sum();
        }
        return new Answer(results.hits().size(), chars);
      }

      @Override
      public void close() {
        index.close();
      }
    };
  }
}
