package io.venndb.bench.system;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.FloatVectorSimilarityQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.knn.KnnCollectorManager;

/**
 * Lucene's vector similarity (threshold) query with explicit traversal and result similarities,
 * unchanged, with its graph visits counted. Its exact fallback is internal and not counted.
 */
final class CountingSimilarityQuery extends FloatVectorSimilarityQuery.Explicit {
  private final WorkCounter counter;

  CountingSimilarityQuery(String field, float[] target, float traversalScore, float resultScore, Query filter,
      WorkCounter counter) {
    super(field, target, traversalScore, resultScore, filter);
    this.counter = counter;
  }

  @Override
  protected TopDocs approximateSearch(LeafReaderContext context, AcceptDocs acceptDocs, int visitLimit,
      KnnCollectorManager manager) throws IOException {
    TopDocs td = super.approximateSearch(context, acceptDocs, visitLimit, manager);
    counter.visited += td.totalHits.value();
    return td;
  }
}
