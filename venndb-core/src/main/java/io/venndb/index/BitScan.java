package io.venndb.index;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.store.VectorArena;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import io.venndb.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import org.roaringbitmap.RoaringBitmap;

/**
 * Approximate top-k over a set of candidates: rank every candidate by its one-bit code ({@link
 * io.venndb.store.VectorBits}, about a cache line and a few popcounts each, {@link
 * BitEstimator}), then rescore the best-ranked exactly, in order of estimate, until the next
 * estimate is further than the k-th exact distance by more than twice the estimates' own error —
 * measured on the very rows rescored so far, as the root mean square of (exact − estimate). So a
 * query whose candidates the estimates separate well rescores a few dozen rows, and one whose
 * candidates all sit at about the same distance (where one-bit codes cannot rank them) rescores
 * many; at least {@code minRescored} always.
 *
 * <p>Every returned distance is exact and the order is exact among the returned rows; the rows are
 * approximate only in that a candidate whose estimate was worse than the stop point by more than
 * the margin is never rescored. Estimates are ranked in a pool of {@link #poolSize}; when the pool
 * is used up before the stop rule holds, the codes are ranked again into a pool 8 times as large
 * and rescoring goes on past the rows already rescored (the larger pool begins with the same keys),
 * and once that pool would hold half of the candidates an exact scan of every one answers.
 * It returns {@code min(k, |candidates with a vector|)} rows, like {@link FlatVectorSearch#topK}.
 */
public final class BitScan {
  /** Stop when the next estimate is past the k-th exact distance by this many root-mean-square errors. */
  static final double MARGIN_ERRORS = 2;
  /** Rows rescored between two stop tests: enough to overlap their memory misses. */
  private static final int RESCORE_BATCH = 16;
  /** How much larger each further ranking pass's pool is. */
  private static final int POOL_GROWTH = 8;
  /**
   * A further pass ranks every candidate again (a code costs a fifth to a quarter of an exact
   * distance) and rescores at worst its whole pool, so it pays while its pool is at most half of
   * the candidates. On the Debian vectors a query whose filter's rows all sit far from it used up
   * a pool of 256 and stopped after 384 rows of one of 2,048: 0.35 ms where an exact scan took
   * 0.8-1.1 (docs/benchmarks.md, "Bit scans").
   */
  private static final int MAX_POOL_SHARE_DIVISOR = 2;

  private BitScan() {}

  /**
   * What a scan did, for EXPLAIN ANALYZE: candidates ranked (each pass ranks them all), rows
   * rescored over every pass, ranking passes, and whether an exact scan gave the answer.
   */
  public record Result(ScoredDocs hits, long ranked, int rescored, int passes, boolean exactFallback) {}

  /** Estimates kept for rescoring: enough that the stop rule, not the pool, ends nearly every scan. */
  public static int poolSize(int k, int minRescored) {
    return Math.max(256, Math.max(8 * k, 4 * minRescored));
  }

  /**
   * Rows a scan is expected to rescore: the typical stop measured on the Debian MiniLM vectors
   * (75–100 rows for k = 10 with random, correlated or no filters; a filter whose rows are all far
   * from the query rescores thousands), at least {@code minRescored}.
   */
  public static double expectedRescored(int k, int minRescored) {
    return Math.max(minRescored, 8.0 * k);
  }

  /** Whether the column's vectors are long enough for codes to pay (the same floor as sketches). */
  public static boolean applies(int dimension) {
    return dimension >= FlatVectorSearch.MIN_SKETCH_DIMENSION;
  }

  /** The about {@code k} nearest candidates, with exact distances; see the class comment. */
  public static Result topK(VectorArena arena, Metric metric, float[] query, int k, int minRescored,
      RoaringBitmap candidates) {
    if (k < 0) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "k must be >= 0, got " + k);
    }
    if (query.length != arena.dimension()) {
      throw new InvalidInputException(ErrorCode.DIMENSION_MISMATCH, "query has " + query.length
          + " dimensions; the vectors have " + arena.dimension());
    }
    float[] prepared = metric.prepare(query);
    long size = candidates.getLongCardinality();
    int capacity = (int) Math.min(k, size);
    if (capacity == 0) {
      return new Result(ScoredDocs.empty(), 0, 0, 1, false);
    }
    BitEstimator estimator = new BitEstimator(metric, prepared);
    long poolCapacity = poolSize(k, minRescored);
    // One rescoring over every pass: keys are unique and estimates deterministic, so a larger pool's
    // first keys are the smaller pool's, and its run resumes after the rows already rescored.
    Rescoring rescoring = new Rescoring(capacity);
    for (int passes = 1; ; passes++) {
      SelectingPool pool = new SelectingPool((int) Math.min(size, poolCapacity));
      long ranked = rank(arena, estimator, candidates, pool);
      long[] order = pool.sortedKeys();
      boolean stopped = rescoring.run(arena, metric, prepared, order, Math.max(minRescored, capacity));
      if (stopped || rescoring.rescored >= ranked) {
        return new Result(ScoredDocs.fromSortedKeys(rescoring.exact.sortedKeys(), rescoring.exact.size()), ranked,
            rescoring.rescored, passes, false);
      }
      // The pool ran out while rows outside it may still place: rank again into a pool 8 times as
      // large, unless that would be a large share of the candidates, which an exact scan reads as cheaply.
      poolCapacity *= POOL_GROWTH;
      if (poolCapacity * MAX_POOL_SHARE_DIVISOR > ranked) {
        return new Result(FlatVectorSearch.topK(arena, metric, query, k, candidates), ranked, rescoring.rescored,
            passes, true);
      }
    }
  }

  /** Offers every candidate's (estimate, doc) to {@code pool}; returns how many had a vector. */
  private static long rank(VectorArena arena, BitEstimator estimator, RoaringBitmap candidates, SelectingPool pool) {
    VectorKernels kernels = Kernels.get();
    long[] ones = new long[VectorArena.BATCH];
    long[] weighted = new long[VectorArena.BATCH];
    long[] planes = estimator.planes();
    int words = estimator.words();
    long[] ranked = {0};
    arena.forEachCode(candidates, (codes, docs, bases, count) -> {
      arena.touchCodes(codes, bases, count);
      kernels.codePopcounts(codes, bases, count, words, planes, ones, weighted);
      float cut = pool.cutDistance(); // most rows stop at this test; a stale cut only lets a few more in
      for (int i = 0; i < count; i++) {
        float estimate = estimator.distance(codes, bases[i], ones[i], weighted[i]);
        if (estimate <= cut) {
          pool.offer(ScoredDocs.pack(estimate, docs[i]));
        }
      }
      ranked[0] += count;
    });
    return ranked[0];
  }

  /** The exact pass: rows rescored in order of estimate, their exact top-k and the estimates' error so far. */
  private static final class Rescoring {
    final FlatTopKHeap exact;
    int rescored;
    private double squaredErrors;

    Rescoring(int capacity) {
      exact = new FlatTopKHeap(capacity);
    }

    /**
     * Rescores {@code order} (keys by estimate, ascending), from the first row not yet rescored, in
     * batches until, after at least {@code minRescored} rows, no row past them can place; false when
     * the pool is used up first.
     */
    boolean run(VectorArena arena, Metric metric, float[] prepared, long[] order, int minRescored) {
      VectorKernels kernels = Kernels.get();
      int[] batch = new int[RESCORE_BATCH];
      MemorySegment[] segments = new MemorySegment[RESCORE_BATCH];
      long[] offsets = new long[RESCORE_BATCH];
      float[] distances = new float[RESCORE_BATCH];
      while (rescored < order.length) {
        int count = Math.min(RESCORE_BATCH, order.length - rescored);
        for (int i = 0; i < count; i++) {
          batch[i] = ScoredDocs.docOf(order[rescored + i]);
        }
        arena.locate(batch, count, segments, offsets);
        VectorArena.touch(segments, offsets, count);
        metric.storedDistances(kernels, segments, offsets, count, prepared, distances);
        for (int i = 0; i < count; i++) {
          exact.offer(ScoredDocs.pack(distances[i], batch[i]));
          double error = distances[i] - ScoredDocs.distanceOf(order[rescored + i]);
          squaredErrors += error * error;
        }
        rescored += count;
        if (rescored >= minRescored && nothingPastCanPlace(order)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether the next estimate (or, once the pool is used up, the pool's last, which no estimate
     * outside the pool beats) is past the k-th exact distance by more than {@link #MARGIN_ERRORS}
     * root-mean-square errors of the estimates rescored so far.
     */
    private boolean nothingPastCanPlace(long[] order) {
      if (!exact.isFull()) {
        return false;
      }
      float next = ScoredDocs.distanceOf(order[Math.min(rescored, order.length - 1)]);
      float cut = ScoredDocs.distanceOf(exact.worst());
      return next > cut + MARGIN_ERRORS * Math.sqrt(squaredErrors / rescored);
    }
  }
}
