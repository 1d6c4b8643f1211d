package dev.sectionsearch.internal.search;

import static org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;

import dev.sectionsearch.internal.index.IndexSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Counts the distinct documents among the matching sections: the total of a collapsed search. Marks
 * each segment's document-id ordinals in a bit set while collecting, and resolves them to ids only
 * once per segment, so the cost is one bit per match.
 */
final class DistinctDocuments implements CollectorManager<DistinctDocuments.Ids, Long> {

  @Override
  public Ids newCollector() {
    return new Ids();
  }

  @Override
  public Long reduce(Collection<Ids> collectors) throws IOException {
    Set<BytesRef> ids = new HashSet<>();
    for (Ids collector : collectors) {
      collector.addTo(ids);
    }
    return (long) ids.size();
  }

  /** The ordinals of the document ids seen in each segment. Used by one thread. */
  static final class Ids implements Collector {
    private final List<SortedDocValues> values = new ArrayList<>();
    private final List<FixedBitSet> seen = new ArrayList<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      SortedDocValues docIds = DocValues.getSorted(context.reader(), IndexSchema.DOC_ID);
      FixedBitSet ords = new FixedBitSet(Math.max(1, docIds.getValueCount()));
      values.add(docIds);
      seen.add(ords);
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          if (docIds.advanceExact(doc)) {
            ords.set(docIds.ordValue());
          }
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    void addTo(Set<BytesRef> ids) throws IOException {
      for (int i = 0; i < values.size(); i++) {
        FixedBitSet ords = seen.get(i);
        SortedDocValues docIds = values.get(i);
        for (int ord = ords.nextSetBit(0);
            ord != NO_MORE_DOCS;
            ord = ord + 1 < ords.length() ? ords.nextSetBit(ord + 1) : NO_MORE_DOCS) {
          ids.add(BytesRef.deepCopyOf(docIds.lookupOrd(ord)));
        }
      }
    }
  }
}
