package dev.sectionsearch.internal.index;

import static dev.sectionsearch.internal.index.IndexSchema.DATE;
import static dev.sectionsearch.internal.index.IndexSchema.ORDINAL;
import static dev.sectionsearch.internal.index.IndexSchema.SECTIONS;

import dev.sectionsearch.IndexStats;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.NumericUtils;

/**
 * Counts documents, sections and the range of dates of an embedded index. Internal; thread-safe.
 */
public final class IndexCounts {
  private IndexCounts() {}

  /** Counts documents, sections and dates in an index. */
  public static IndexStats stats(IndexSearcher searcher, Directory directory) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    long documents = searcher.count(IntPoint.newExactQuery(ORDINAL, 0));
    long oldest = Long.MAX_VALUE;
    long newest = Long.MIN_VALUE;
    for (LeafReaderContext leaf : reader.leaves()) {
      PointValues points = leaf.reader().getPointValues(DATE);
      if (points != null && points.size() > 0) {
        oldest = Math.min(oldest, NumericUtils.sortableBytesToLong(points.getMinPackedValue(), 0));
        newest = Math.max(newest, NumericUtils.sortableBytesToLong(points.getMaxPackedValue(), 0));
      }
    }
    long size = 0;
    // the files of this view's commit only: a killed run or a merge under way leaves others
    for (String file : ((DirectoryReader) reader).getIndexCommit().getFileNames()) {
      try {
        size += directory.fileLength(file);
      } catch (IOException e) {
        // a file removed by a concurrent commit no longer counts
      }
    }
    // Point min/max still cover deleted sections until their segment merges; accept that.
    return new IndexStats(
        documents,
        ChunkVectors.hasChunks(reader) ? searcher.count(SECTIONS) : reader.numDocs(),
        oldest == Long.MAX_VALUE ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(oldest)),
        newest == Long.MIN_VALUE ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(newest)),
        size);
  }
}
