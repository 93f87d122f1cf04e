package io.venndb.index;

import io.venndb.store.VectorBits;
import io.venndb.vector.Metric;
import io.venndb.vector.VectorKernels;

/**
 * Estimated distances from {@link VectorBits} codes for one prepared query. The query is quantized
 * to 4-bit levels {@code q_i ≈ low + step u_i} and kept as four bit planes, so {@code Σ_(s_i = 1)
 * q_i} is {@code low · popcount(s) + step · Σ_p 2^p popcount(s & plane_p)}: five popcounts per
 * code word, no per-component arithmetic (RaBitQ's query quantization), counted by {@link
 * VectorKernels#codePopcounts} for a batch of codes. From that the dot product
 * estimate is {@code f (2 Σ_(s_i = 1) q_i − Σ q_i)}, turned into the metric's distance.
 *
 * <p>Estimates only rank candidates for an exact rescoring; they carry no bound.
 */
final class BitEstimator {
  private static final int PLANES = VectorKernels.CODE_PLANES;
  private static final int LEVELS = (1 << PLANES) - 1;

  private final Metric metric;
  private final int dimension;
  private final int words;
  /** Plane p of word w at {@code [w * PLANES + p]}. */
  private final long[] planes;
  private final float low;
  private final float step;
  /** Σ of the quantized components, so {@code 2 S − sum} is exactly Σ q̂_i s_i. */
  private final float quantizedSum;
  private final float querySquaredNorm;

  /** {@code preparedQuery} must be {@link Metric#prepare prepared}, as the stored vectors are. */
  BitEstimator(Metric metric, float[] preparedQuery) {
    this.metric = metric;
    this.dimension = preparedQuery.length;
    this.words = VectorBits.words(dimension);
    float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
    double squares = 0;
    for (float q : preparedQuery) {
      min = Math.min(min, q);
      max = Math.max(max, q);
      squares += (double) q * q;
    }
    this.low = min;
    this.step = (max - min) / LEVELS;
    this.querySquaredNorm = (float) squares;
    this.planes = new long[words * PLANES];
    long levels = 0;
    float perStep = step == 0 ? 0 : 1 / step;
    for (int i = 0; i < dimension; i++) {
      // (q - low) / step lies in [0, 15] up to rounding, so rounding half up stays a 4-bit level
      int u = Math.min(LEVELS, (int) ((preparedQuery[i] - low) * perStep + 0.5f));
      levels += u;
      int at = (i >>> 6) * PLANES;
      for (int p = 0; p < PLANES; p++) {
        planes[at + p] |= (long) ((u >>> p) & 1) << (i & 63);
      }
    }
    this.quantizedSum = (float) ((double) low * dimension + (double) step * levels);
  }

  /** The query's bit planes, as {@link VectorKernels#codePopcounts} takes them. */
  long[] planes() {
    return planes;
  }

  int words() {
    return words;
  }

  /**
   * The estimated distance of the vector whose code starts at {@code codes[base]}, from the
   * popcounts {@link VectorKernels#codePopcounts} gave for it.
   */
  float distance(long[] codes, int base, long ones, long weighted) {
    float selected = low * ones + step * weighted;
    float dot = VectorBits.scale(codes, base, words) * (2 * selected - quantizedSum);
    return switch (metric) {
      case COSINE -> 1 - dot;
      case INNER_PRODUCT -> -dot;
      case L2 -> (float) Math.sqrt(Math.max(0,
          querySquaredNorm + VectorBits.squaredNorm(codes, base, words) - 2 * dot));
    };
  }
}
