package io.venndb.index;

import io.venndb.store.VectorSketch;
import io.venndb.vector.Metric;

/**
 * For one prepared query: an interval that certainly contains the distance the exact kernels
 * would compute for a stored vector, from its int8 {@link VectorSketch} alone. A scan uses it to
 * rule candidates out (their lower bound is past the cut) or in (a monotone test holds at both
 * ends) without reading their floats; only candidates the interval cannot decide are scored
 * exactly, so every result is the exact path's, bit for bit.
 *
 * <p>Why the interval holds: with {@code x = s c + e}, the dot product with the query is {@code
 * s (q · c) + q · e}, and {@code |q · e| <= ||q|| ||e||}; the sketch's radius adds the rounding of
 * both float sums ({@link VectorSketch#radius}). L2 works on the squared distance, {@code ||x||² -
 * 2 q·x + ||q||²}, whose float sum the kernel rounds by at most {@code γ_(d+3)} relative to its
 * size. Each end is finally rounded outward to float.
 */
public final class SketchBounds {
  /** Covers the rounding of {@code 1 - dot} and of the stored norm, relative to the magnitudes involved. */
  private static final double EXTRA_ROUNDOFF = 8 * 0x1p-24;

  private final Metric metric;
  private final double queryNorm;
  private final double squaredRoundoff;

  public SketchBounds(Metric metric, float[] preparedQuery) {
    this.metric = metric;
    double squares = 0;
    for (float v : preparedQuery) {
      squares += (double) v * v;
    }
    this.queryNorm = Math.sqrt(squares) * (1 + 1e-12);
    this.squaredRoundoff = VectorSketch.sumRoundoff(preparedQuery.length + 3) + EXTRA_ROUNDOFF;
  }

  /** The least distance the doc can have; {@code codeDot} is the kernel's {@code Σ q_i c_i}. */
  float lower(float codeDot, float scale, float radius, float norm) {
    double dot = (double) scale * codeDot;
    double slack = queryNorm * radius;
    return switch (metric) {
      case COSINE -> Math.nextDown((float) clampCosine(1 - dot - slack - cosineRoundoff(norm)));
      case INNER_PRODUCT -> Math.nextDown((float) (-dot - slack));
      case L2 -> Math.nextDown((float) Math.sqrt(Math.max(0, squared(dot, norm) - squaredSlack(slack, norm))));
    };
  }

  /** The greatest distance the doc can have. */
  float upper(float codeDot, float scale, float radius, float norm) {
    double dot = (double) scale * codeDot;
    double slack = queryNorm * radius;
    return switch (metric) {
      case COSINE -> Math.nextUp((float) clampCosine(1 - dot + slack + cosineRoundoff(norm)));
      case INNER_PRODUCT -> Math.nextUp((float) (-dot + slack));
      case L2 -> Math.nextUp((float) Math.sqrt(squared(dot, norm) + squaredSlack(slack, norm)));
    };
  }

  /**
   * The distance the sketch gives with no allowance for its error, {@code s (q · c)} in place of
   * {@code q · x}: what a search ranks by when it reads sketches to choose where to go and scores
   * the vectors it returns exactly. Typically a few thousandths off on unit vectors of a few
   * hundred components; {@link #lower} and {@link #upper} bound it.
   */
  public float estimate(float codeDot, float scale, float norm) {
    double dot = (double) scale * codeDot;
    return switch (metric) {
      case COSINE -> (float) clampCosine(1 - dot);
      case INNER_PRODUCT -> (float) -dot;
      case L2 -> (float) Math.sqrt(Math.max(0, squared(dot, norm)));
    };
  }

  private double cosineRoundoff(float norm) {
    return EXTRA_ROUNDOFF * (1 + queryNorm * norm);
  }

  private double squared(double dot, float norm) {
    return (double) norm * norm - 2 * dot + queryNorm * queryNorm;
  }

  private double squaredSlack(double slack, float norm) {
    double reach = norm + queryNorm;
    return 2 * slack + squaredRoundoff * reach * reach;
  }

  /** The exact cosine distance is clamped to [0, 2]; clamping is monotone, so the bounds may be too. */
  private static double clampCosine(double distance) {
    return Math.min(2, Math.max(0, distance));
  }
}
