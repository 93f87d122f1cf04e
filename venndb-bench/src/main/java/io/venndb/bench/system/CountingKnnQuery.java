package io.venndb.bench.system;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.knn.KnnCollectorManager;

/** Lucene's filtered kNN query, unchanged, with its graph visits and exact fallbacks counted. */
final class CountingKnnQuery extends KnnFloatVectorQuery {
  private final WorkCounter counter;

  CountingKnnQuery(String field, float[] target, int k, Query filter, WorkCounter counter) {
    super(field, target, k, filter);
    this.counter = counter;
  }

  @Override
  protected TopDocs approximateSearch(LeafReaderContext context, AcceptDocs acceptDocs, int visitedLimit,
      KnnCollectorManager manager) throws IOException {
    TopDocs td = super.approximateSearch(context, acceptDocs, visitedLimit, manager);
    counter.visited += td.totalHits.value();
    return td;
  }

  @Override
  protected TopDocs exactSearch(LeafReaderContext context, DocIdSetIterator acceptIterator, QueryTimeout timeout)
      throws IOException {
    TopDocs td = super.exactSearch(context, acceptIterator, timeout);
    counter.exactScored += td.totalHits.value();
    return td;
  }
}
