package io.venndb.index;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.store.VectorArena;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import io.venndb.vector.VectorKernels;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Exact search by scanning the arena. Candidates are visited in doc id order, so memory is read
 * chunk by chunk, sequentially; docs without a vector are skipped. The arena must hold vectors
 * prepared with the same metric ({@link Metric#prepare}), i.e. unit-normalized for COSINE.
 *
 * <p>Results are exact: equal distances are ordered by doc id, so the answer never depends on
 * scan order. Pass the live-docs bitmap as {@code candidates} to search everything.
 */
public final class FlatVectorSearch {
  private FlatVectorSearch() {}

  /** The {@code min(k, |candidates with a vector|)} nearest candidates. */
  public static ScoredDocs topK(
      VectorArena arena, Metric metric, float[] query, int k, RoaringBitmap candidates) {
    if (k < 0) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "k must be >= 0, got " + k);
    }
    float[] q = prepareQuery(arena, metric, query);
    int capacity = (int) Math.min(k, candidates.getLongCardinality());
    if (capacity == 0) {
      return ScoredDocs.empty();
    }
    FlatTopKHeap heap = new FlatTopKHeap(capacity);
    VectorKernels kernels = Kernels.get();
    arena.forEach(candidates, (doc, segment, offset) ->
        heap.offer(ScoredDocs.pack(metric.storedDistance(kernels, segment, offset, q), doc)));
    return ScoredDocs.fromSortedKeys(heap.sortedKeys(), heap.size());
  }

  /** Every candidate whose distance is at most {@code maxDistance}, nearest first. */
  public static ScoredDocs withinDistance(
      VectorArena arena, Metric metric, float[] query, float maxDistance, RoaringBitmap candidates) {
    if (Float.isNaN(maxDistance)) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "maxDistance is NaN");
    }
    float[] q = prepareQuery(arena, metric, query);
    VectorKernels kernels = Kernels.get();
    KeyList keys = new KeyList();
    arena.forEach(candidates, (doc, segment, offset) -> {
      float distance = metric.storedDistance(kernels, segment, offset, q);
      if (distance <= maxDistance) {
        keys.add(ScoredDocs.pack(distance, doc));
      }
    });
    return ScoredDocs.fromSortedKeys(keys.sorted(), keys.size);
  }

  private static float[] prepareQuery(VectorArena arena, Metric metric, float[] query) {
    if (query.length != arena.dimension()) {
      throw new InvalidInputException(ErrorCode.DIMENSION_MISMATCH, "query has " + query.length
          + " dimensions; the vectors have " + arena.dimension());
    }
    return metric.prepare(query);
  }

  /** A growable list of packed keys, so range results never box. */
  private static final class KeyList {
    long[] keys = new long[64];
    int size;

    void add(long key) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = key;
    }

    long[] sorted() {
      Arrays.sort(keys, 0, size);
      return keys;
    }
  }
}
