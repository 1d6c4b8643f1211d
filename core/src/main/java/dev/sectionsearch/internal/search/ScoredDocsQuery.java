package dev.sectionsearch.internal.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Matches a fixed set of sections of one index view, each with a score given in advance: the
 * candidates of a semantic or hybrid search, whose scores come from a nearest-neighbour search and
 * a fusion of rankings rather than from a query Lucene can score. Wrapped in a query, the
 * candidates go through the same sorting, paging, collapsing, filtering and facet counting as a
 * lexical search. (Lucene's own such query is private to its kNN queries.)
 *
 * <p>Valid only on the view whose document ids it holds; immutable and thread-safe.
 */
final class ScoredDocsQuery extends Query {
  private final IndexReaderContext view;
  private final int[] docs;
  private final float[] scores;
  private final Explainer explainer;

  /** Explains a candidate's score. */
  @FunctionalInterface
  interface Explainer {
    /**
     * The explanation of a candidate's score.
     *
     * @param searcher the searcher of the view the candidates belong to
     * @param doc the candidate's view-wide document id
     * @param score its score
     */
    Explanation explain(IndexSearcher searcher, int doc, float score) throws IOException;
  }

  /**
   * @param view the top-level context of the view the documents belong to
   * @param docs view-wide document ids, each once
   * @param scores each document's score, in the order of {@code docs}
   */
  ScoredDocsQuery(IndexReaderContext view, int[] docs, float[] scores) {
    this(view, docs, scores, null);
  }

  /**
   * Candidates whose scores an explainer explains.
   *
   * @param explainer what explains a candidate's score, or null to say it was given
   */
  ScoredDocsQuery(IndexReaderContext view, int[] docs, float[] scores, Explainer explainer) {
    this.view = view;
    this.explainer = explainer;
    int[] order = new int[docs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (a, b) -> Integer.compare(docs[a], docs[b]));
    this.docs = new int[docs.length];
    this.scores = new float[docs.length];
    for (int i = 0; i < boxed.length; i++) {
      this.docs[i] = docs[boxed[i]];
      this.scores[i] = scores[boxed[i]];
    }
  }

  /** How many sections the query matches. */
  int size() {
    return docs.length;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    if (searcher.getTopReaderContext() != view) {
      throw new IllegalStateException("candidates of one index view searched on another");
    }
    return new Weight(this) {
      @Override
      public Explanation explain(LeafReaderContext context, int doc) throws IOException {
        int i = Arrays.binarySearch(docs, context.docBase + doc);
        if (i < 0) {
          return Explanation.noMatch("not a candidate");
        }
        return explainer == null
            ? Explanation.match(boost * scores[i], "semantic or fused score")
            : explainer.explain(searcher, context.docBase + doc, boost * scores[i]);
      }

      @Override
      public Scorer scorer(LeafReaderContext context) {
        int from = lowerBound(context.docBase);
        int to = lowerBound(context.docBase + context.reader().maxDoc());
        return from == to ? null : new CandidateScorer(this, context.docBase, from, to, boost);
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        return false;
      }
    };
  }

  private int lowerBound(int doc) {
    int i = Arrays.binarySearch(docs, doc);
    return i >= 0 ? i : -i - 1;
  }

  /** Walks the candidates of one segment. */
  private final class CandidateScorer extends Scorer {
    private final int docBase;
    private final int from;
    private final int to;
    private final float boost;

    /** The segment's best score: asked for at every block when hits are sorted by score. */
    private final float maxScore;

    private int index;
    private int doc = -1;

    CandidateScorer(Weight weight, int docBase, int from, int to, float boost) {
      super(weight);
      this.docBase = docBase;
      this.from = from;
      this.to = to;
      this.boost = boost;
      this.index = from - 1;
      float max = 0;
      for (int i = from; i < to; i++) {
        max = Math.max(max, scores[i]);
      }
      this.maxScore = boost * max;
    }

    @Override
    public int docID() {
      return doc;
    }

    @Override
    public float score() {
      return boost * scores[index];
    }

    @Override
    public float getMaxScore(int upTo) {
      return maxScore;
    }

    @Override
    public DocIdSetIterator iterator() {
      return new DocIdSetIterator() {
        @Override
        public int docID() {
          return doc;
        }

        @Override
        public int nextDoc() {
          return advance(doc + 1);
        }

        @Override
        public int advance(int target) {
          index = Math.max(index, from);
          while (index < to && docs[index] - docBase < target) {
            index++;
          }
          doc = index < to ? docs[index] - docBase : NO_MORE_DOCS;
          return doc;
        }

        @Override
        public long cost() {
          return (long) to - from;
        }
      };
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "ScoredDocs(" + docs.length + " sections)";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoredDocsQuery that
        && view == that.view
        && Arrays.equals(docs, that.docs)
        && Arrays.equals(scores, that.scores);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        System.identityHashCode(view), Arrays.hashCode(docs), Arrays.hashCode(scores));
  }
}
