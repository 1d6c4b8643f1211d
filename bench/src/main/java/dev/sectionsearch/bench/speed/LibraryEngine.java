package dev.sectionsearch.bench.speed;

import dev.sectionsearch.SectionIndex;
import dev.sectionsearch.bench.speed.CorpusDocument.CorpusSection;
import dev.sectionsearch.document.Document;
import dev.sectionsearch.search.SearchHit;
import dev.sectionsearch.search.SearchRequest;
import dev.sectionsearch.search.SearchResults;
import java.nio.file.Path;

/** This library, through its public API with its default settings. */
final class LibraryEngine implements Engine {
  @Override
  public String name() {
    return "sectionsearch";
  }

  @Override
  public boolean indexesConcurrently() {
    return true;
  }

  @Override
  public Indexer indexer(Path folder) {
    SectionIndex index = SectionIndex.open(folder);
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
    SectionIndex index = SectionIndex.builder().folder(folder).readOnly().build();
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
