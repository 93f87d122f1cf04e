package io.venndb.index;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.store.VectorArena;
import io.venndb.store.VectorSketch;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import io.venndb.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * Exact search by scanning the arena. Candidates are visited in doc id order, so memory is read
 * chunk by chunk, sequentially; docs without a vector are skipped. The arena must hold vectors
 * prepared with the same metric ({@link Metric#prepare}), i.e. unit-normalized for COSINE.
 *
 * <p>Top-k, range and threshold scans over enough candidates run in two passes: the first reads
 * each candidate's int8 sketch (a quarter of the bytes) and bounds its distance ({@link
 * SketchBounds}); the second scores exactly only the candidates those bounds cannot decide. The
 * bounds are guaranteed, so the answer is the one-pass answer, bit for bit.
 *
 * <p>Results are exact: equal distances are ordered by doc id, so the answer never depends on
 * scan order. Pass the live-docs bitmap as {@code candidates} to search everything.
 */
public final class FlatVectorSearch {
  /**
   * Below this many components a vector is a cache line or three, so a sketch saves little reading
   * and its bound arithmetic and second pass are a larger share of the work.
   */
  public static final int MIN_SKETCH_DIMENSION = 64;
  /** Below this many candidates a scan is cheap either way. */
  static final int MIN_SKETCH_CANDIDATES = 64;
  /** A top-k scan sketches only when k is a small part of the candidates, so most can be ruled out. */
  private static final int MIN_CANDIDATES_PER_RESULT = 8;

  private FlatVectorSearch() {}

  /** The {@code min(k, |candidates with a vector|)} nearest candidates. */
  public static ScoredDocs topK(
      VectorArena arena, Metric metric, float[] query, int k, RoaringBitmap candidates) {
    if (k < 0) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "k must be >= 0, got " + k);
    }
    float[] q = prepareQuery(arena, metric, query);
    long size = candidates.getLongCardinality();
    int capacity = (int) Math.min(k, size);
    if (capacity == 0) {
      return ScoredDocs.empty();
    }
    FlatTopKHeap heap = new FlatTopKHeap(capacity);
    if (usesSketches(arena.dimension(), size, capacity)) {
      KeyList survivors = new KeyList();
      FlatTopKHeap uppers = new FlatTopKHeap(capacity);
      scanSketches(arena, metric, q, candidates, (doc, lower, upper) -> {
        uppers.offer(ScoredDocs.pack(upper, doc));
        if (!uppers.isFull() || lower <= ScoredDocs.distanceOf(uppers.worst())) {
          survivors.add(ScoredDocs.pack(lower, doc));
        }
      });
      // k docs lie at or below the k-th smallest upper bound, so a doc whose lower bound is past it cannot place.
      float cut = uppers.isFull() ? ScoredDocs.distanceOf(uppers.worst()) : Float.POSITIVE_INFINITY;
      scoreExactly(arena, metric, q, survivors.docsAtMost(cut), (doc, distance) -> heap.offer(ScoredDocs.pack(distance, doc)));
    } else {
      scan(arena, metric, q, candidates, (doc, distance) -> heap.offer(ScoredDocs.pack(distance, doc)));
    }
    return ScoredDocs.fromSortedKeys(heap.sortedKeys(), heap.size());
  }

  /** Every candidate whose distance is at most {@code maxDistance}, nearest first. */
  public static ScoredDocs withinDistance(
      VectorArena arena, Metric metric, float[] query, float maxDistance, RoaringBitmap candidates) {
    if (Float.isNaN(maxDistance)) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "maxDistance is NaN");
    }
    float[] q = prepareQuery(arena, metric, query);
    KeyList keys = new KeyList();
    DistanceSink keep = (doc, distance) -> {
      if (distance <= maxDistance) {
        keys.add(ScoredDocs.pack(distance, doc));
      }
    };
    if (sketches(arena, candidates.getLongCardinality())) {
      KeyList survivors = new KeyList();
      scanSketches(arena, metric, q, candidates, (doc, lower, upper) -> {
        if (lower <= maxDistance) {
          survivors.add(ScoredDocs.pack(lower, doc));
        }
      });
      scoreExactly(arena, metric, q, survivors.docsAtMost(maxDistance), keep);
    } else {
      scan(arena, metric, q, candidates, keep);
    }
    return ScoredDocs.fromSortedKeys(keys.sorted(), keys.size);
  }

  /**
   * A test on a distance that is monotone: it holds either for every distance up to some
   * threshold or for every distance from some threshold on (as "distance &lt; r" and "similarity
   * &gt; α" do). Only such a test can be decided from an interval's two ends.
   */
  @FunctionalInterface
  public interface MonotoneTest {
    boolean holds(float distance);
  }

  /**
   * The candidates with a vector whose exact distance passes {@code test}. {@code preparedQuery}
   * must be {@link Metric#prepare prepared}.
   */
  public static RoaringBitmap select(VectorArena arena, Metric metric, float[] preparedQuery, RoaringBitmap candidates,
      MonotoneTest test) {
    RoaringBitmapWriter<RoaringBitmap> sure = RoaringBitmapWriter.writer().get();
    if (!sketches(arena, candidates.getLongCardinality())) {
      scan(arena, metric, preparedQuery, candidates, (doc, distance) -> {
        if (test.holds(distance)) {
          sure.add(doc);
        }
      });
      return sure.get();
    }
    KeyList undecided = new KeyList();
    scanSketches(arena, metric, preparedQuery, candidates, (doc, lower, upper) -> {
      boolean atLower = test.holds(lower);
      if (atLower != test.holds(upper)) {
        undecided.add(doc);
      } else if (atLower) {
        sure.add(doc);
      }
    });
    RoaringBitmap out = sure.get();
    RoaringBitmapWriter<RoaringBitmap> decided = RoaringBitmapWriter.writer().get();
    scoreExactly(arena, metric, preparedQuery, undecided.docs(), (doc, distance) -> {
      if (test.holds(distance)) {
        decided.add(doc);
      }
    });
    out.or(decided.get());
    return out;
  }

  /** Receives each scanned doc's distance. */
  @FunctionalInterface
  public interface DistanceSink {
    void accept(int doc, float distance);
  }

  /**
   * Hands {@code sink} the distance of every candidate that has a vector, in doc id order. Sparse
   * candidates (a selective filter's, scattered through the arena: each vector a cache miss) are
   * scored in batches that overlap their misses ({@link VectorArena#touch}, then the four-wide
   * kernels); dense ones are read doc by doc, which the prefetcher already streams. Either way
   * the distances equal {@link Metric#storedDistance} bit for bit. {@code preparedQuery} must be
   * {@link Metric#prepare prepared}.
   */
  public static void scan(VectorArena arena, Metric metric, float[] preparedQuery, RoaringBitmap candidates,
      DistanceSink sink) {
    VectorKernels kernels = Kernels.get();
    if (isDense(candidates)) { // batching a sequential read only adds work (800k docs: 79 -> 121 ms)
      arena.forEach(candidates, (doc, segment, offset) ->
          sink.accept(doc, metric.storedDistance(kernels, segment, offset, preparedQuery)));
      return;
    }
    float[] distances = new float[VectorArena.BATCH];
    arena.forEachBatch(candidates, (docs, segments, offsets, count) -> {
      VectorArena.touch(segments, offsets, count);
      metric.storedDistances(kernels, segments, offsets, count, preparedQuery, distances);
      for (int i = 0; i < count; i++) {
        sink.accept(docs[i], distances[i]);
      }
    });
  }

  /**
   * Whether a scan of {@code candidates} vectors of {@code dimension} components for {@code k}
   * results (0 for a range or threshold scan) reads sketches first; the planner prices it so.
   */
  public static boolean usesSketches(int dimension, double candidates, int k) {
    return dimension >= MIN_SKETCH_DIMENSION && candidates >= MIN_SKETCH_CANDIDATES
        && candidates >= (double) MIN_CANDIDATES_PER_RESULT * k;
  }

  private static boolean sketches(VectorArena arena, long candidates) {
    return usesSketches(arena.dimension(), candidates, 0);
  }

  /** Receives each scanned doc's distance bounds. */
  @FunctionalInterface
  private interface BoundsSink {
    void accept(int doc, float lower, float upper);
  }

  /** The first pass: distance bounds of every candidate with a vector, from its sketch, in doc id order. */
  private static void scanSketches(VectorArena arena, Metric metric, float[] preparedQuery, RoaringBitmap candidates,
      BoundsSink sink) {
    VectorKernels kernels = Kernels.get();
    SketchBounds bounds = new SketchBounds(metric, preparedQuery);
    if (isDense(candidates)) {
      arena.forEachSketch(candidates, (doc, segment, offset) -> {
        float dot = kernels.dotCodes(segment, offset + VectorSketch.CODES_OFFSET, preparedQuery);
        bound(doc, dot, bounds, segment, offset, sink);
      });
      return;
    }
    float[] dots = new float[VectorArena.BATCH];
    long[] codes = new long[VectorArena.BATCH];
    arena.forEachSketchBatch(candidates, (docs, segments, offsets, count) -> {
      arena.touchSketches(segments, offsets, count);
      for (int i = 0; i < count; i++) {
        codes[i] = offsets[i] + VectorSketch.CODES_OFFSET;
      }
      kernels.dotCodes(segments, codes, count, preparedQuery, dots);
      for (int i = 0; i < count; i++) {
        bound(docs[i], dots[i], bounds, segments[i], offsets[i], sink);
      }
    });
  }

  private static void bound(int doc, float dot, SketchBounds bounds, MemorySegment segment, long offset, BoundsSink sink) {
    float scale = VectorSketch.scale(segment, offset);
    float radius = VectorSketch.radius(segment, offset);
    float norm = VectorSketch.norm(segment, offset);
    sink.accept(doc, bounds.lower(dot, scale, radius, norm), bounds.upper(dot, scale, radius, norm));
  }

  /** The second pass: exact distances of {@code docs} (increasing ids, each with a vector), in batches. */
  private static void scoreExactly(VectorArena arena, Metric metric, float[] preparedQuery, int[] docs,
      DistanceSink sink) {
    VectorKernels kernels = Kernels.get();
    int[] batch = new int[VectorArena.BATCH];
    MemorySegment[] segments = new MemorySegment[VectorArena.BATCH];
    long[] offsets = new long[VectorArena.BATCH];
    float[] distances = new float[VectorArena.BATCH];
    for (int from = 0; from < docs.length; from += VectorArena.BATCH) {
      int count = Math.min(VectorArena.BATCH, docs.length - from);
      System.arraycopy(docs, from, batch, 0, count);
      arena.locate(batch, count, segments, offsets);
      VectorArena.touch(segments, offsets, count);
      metric.storedDistances(kernels, segments, offsets, count, preparedQuery, distances);
      for (int i = 0; i < count; i++) {
        sink.accept(batch[i], distances[i]);
      }
    }
  }

  /** At least one doc in four of the id range the candidates span. */
  private static boolean isDense(RoaringBitmap candidates) {
    if (candidates.isEmpty()) {
      return true;
    }
    long span = Integer.toUnsignedLong(candidates.last()) - Integer.toUnsignedLong(candidates.first()) + 1;
    return candidates.getLongCardinality() * 4 >= span;
  }

  private static float[] prepareQuery(VectorArena arena, Metric metric, float[] query) {
    if (query.length != arena.dimension()) {
      throw new InvalidInputException(ErrorCode.DIMENSION_MISMATCH, "query has " + query.length
          + " dimensions; the vectors have " + arena.dimension());
    }
    return metric.prepare(query);
  }

  /** A growable list of packed keys (or plain doc ids), so results never box. */
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

    /** The values, when they are plain doc ids. */
    int[] docs() {
      int[] docs = new int[size];
      for (int i = 0; i < size; i++) {
        docs[i] = (int) keys[i];
      }
      return docs;
    }

    /** The docs of the packed (lower bound, doc) keys whose bound is at most {@code cut}, in insertion order. */
    int[] docsAtMost(float cut) {
      int[] docs = new int[size];
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (ScoredDocs.distanceOf(keys[i]) <= cut) {
          docs[n++] = ScoredDocs.docOf(keys[i]);
        }
      }
      return Arrays.copyOf(docs, n);
    }
  }
}
