package io.venndb.bench.detector;

import io.venndb.index.hnsw.HnswConfig;
import io.venndb.index.hnsw.HnswIndex;
import io.venndb.store.VectorArena;
import io.venndb.vector.Metric;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.roaringbitmap.RoaringBitmap;

/**
 * The rows in the graph, the held-out rows used as queries, and each query's brute-force truth.
 * Doc ids are row numbers; held-out rows have no vector in the arena, so no search can return
 * them.
 */
final class DetectorData implements AutoCloseable {
  static final int M = 16;
  static final int EF_CONSTRUCTION = 100;

  private final VectorArena arena;
  private final RoaringBitmap live;
  private final HnswIndex index;
  private final float[][] queries;
  private final double[][] units;
  private final double[][] queryUnits;
  private final Truth[] truths;
  private final double buildSeconds;

  private DetectorData(VectorArena arena, RoaringBitmap live, HnswIndex index, float[][] queries,
      double[][] units, double buildSeconds) {
    this.arena = arena;
    this.live = live;
    this.index = index;
    this.queries = queries;
    this.units = units;
    this.buildSeconds = buildSeconds;
    this.queryUnits = new double[queries.length][];
    this.truths = new Truth[queries.length];
    // Brute force is not what is measured, so it may use every core.
    IntStream.range(0, queries.length).parallel().forEach(q -> {
      queryUnits[q] = UnitVectors.unit(queries[q]);
      truths[q] = Truth.of(units, live, queryUnits[q]);
    });
  }

  /**
   * Holds out {@code queryCount} rows of {@code vectors} chosen by {@code random}, indexes the
   * rest under cosine (HNSW m=16, ef_construction=100, {@code threads} build threads) and computes
   * the truth of every query.
   */
  static DetectorData build(float[][] vectors, int queryCount, SplittableRandom random, int threads) {
    int[] heldOut = heldOut(random, vectors.length, queryCount);
    RoaringBitmap live = new RoaringBitmap();
    live.add(0L, vectors.length);
    float[][] queries = new float[heldOut.length][];
    for (int q = 0; q < heldOut.length; q++) {
      live.remove(heldOut[q]);
      queries[q] = vectors[heldOut[q]];
    }
    VectorArena arena = new VectorArena(vectors[0].length);
    live.forEach((int doc) -> arena.set(doc, Metric.COSINE.prepare(vectors[doc])));
    long start = System.nanoTime();
    HnswConfig config = new HnswConfig(M, EF_CONSTRUCTION, HnswConfig.DEFAULT_EF_SEARCH, HnswConfig.DEFAULT_SEED);
    HnswIndex index = HnswIndex.build(arena, Metric.COSINE, config, live, DetectorData::levelKey, threads);
    double seconds = (System.nanoTime() - start) / 1e9;
    double[][] units = new double[vectors.length][];
    live.forEach((int doc) -> units[doc] = UnitVectors.unit(vectors[doc]));
    return new DetectorData(arena, live, index, queries, units, seconds);
  }

  /** A partial Fisher-Yates shuffle: {@code count} distinct rows of {@code 0..rows-1}. */
  private static int[] heldOut(SplittableRandom random, int rows, int count) {
    if (count < 1 || count >= rows) {
      throw new IllegalArgumentException("queries must be in [1, " + (rows - 1) + "], got " + count);
    }
    int[] order = IntStream.range(0, rows).toArray();
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(rows - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return Arrays.copyOf(order, count);
  }

  /** A stand-in for a primary key's hash, as the core tests use, so levels spread evenly. */
  private static long levelKey(int doc) {
    return doc * 0x9E3779B97F4A7C15L + 12345;
  }

  HnswIndex index() {
    return index;
  }

  RoaringBitmap live() {
    return live;
  }

  int queryCount() {
    return queries.length;
  }

  float[] query(int q) {
    return queries[q];
  }

  Truth truth(int q) {
    return truths[q];
  }

  /** The double-precision distance of an indexed row to query {@code q}. */
  double trueDistance(int q, int doc) {
    return UnitVectors.cosineDistance(units[doc], queryUnits[q]);
  }

  double buildSeconds() {
    return buildSeconds;
  }

  @Override
  public void close() {
    arena.close();
  }
}
