package io.venndb.index.hnsw;

import io.venndb.index.FlatVectorSearch;
import io.venndb.index.ScoredDocs;
import java.util.function.IntPredicate;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * Exact search that completes or replaces a graph search when the graph could not promise its
 * answer (a budget ran out, or the graph reached fewer rows than exist), so a caller always gets
 * {@code min(k, matching rows)} rows. It reuses {@link FlatVectorSearch}, the project's oracle.
 */
final class ExactFallback {
  private static final int BATCH = 256;

  private ExactFallback() {}

  /** The {@code k} nearest of {@code candidates}, offered to {@code heap}; counts the work. */
  static void topK(VectorSource vectors, float[] rawQuery, int k, RoaringBitmap candidates,
      LongHeap heap, HnswResult.Counters counters) {
    ScoredDocs exact = FlatVectorSearch.topK(vectors.arena, vectors.metric, rawQuery, k, candidates);
    for (int i = 0; i < exact.size(); i++) {
      heap.offerBounded(Keys.pack(exact.distance(i), exact.docId(i)), k);
    }
    record(candidates, counters);
  }

  /** Every candidate within {@code maxDistance}, appended to {@code keys}. */
  static void within(VectorSource vectors, float[] rawQuery, float maxDistance,
      RoaringBitmap candidates, KeyList keys, HnswResult.Counters counters) {
    ScoredDocs exact =
        FlatVectorSearch.withinDistance(vectors.arena, vectors.metric, rawQuery, maxDistance, candidates);
    for (int i = 0; i < exact.size(); i++) {
      keys.add(Keys.pack(exact.distance(i), exact.docId(i)));
    }
    record(candidates, counters);
  }

  /** Live docs the cursor never expanded (so never offered) that pass {@code predicate}. */
  static RoaringBitmap unseen(HnswCursor cursor, IntPredicate predicate) {
    RoaringBitmapWriter<RoaringBitmap> out = RoaringBitmapWriter.writer().get();
    int[] buffer = new int[BATCH];
    BatchIterator batches = cursor.live().getBatchIterator();
    while (batches.hasNext()) {
      int n = batches.nextBatch(buffer);
      for (int i = 0; i < n; i++) {
        int doc = buffer[i];
        if (!cursor.wasExpanded(doc) && predicate.test(doc)) {
          out.add(doc);
        }
      }
    }
    return out.get();
  }

  private static void record(RoaringBitmap candidates, HnswResult.Counters counters) {
    counters.distanceComputations += candidates.getLongCardinality();
    counters.exactFallback = true;
  }
}
