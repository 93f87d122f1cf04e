package io.venndb.bench.data;

import io.venndb.vector.Metric;

/**
 * The harness's own similarity arithmetic: plain scalar loops, deliberately independent of
 * VennDB's SIMD kernels and of Lucene, so ground truth does not share code with what it checks.
 * Similarity follows VennDB's definitions: cosine (vectors unit length, so a dot product), 1/(1+d)
 * for L2 with d Euclidean, the dot product for inner product. Larger is closer.
 */
public final class Vectors {
  private Vectors() {}

  public static float similarity(Metric metric, float[] a, float[] b) {
    return switch (metric) {
      case COSINE, INNER_PRODUCT -> dot(a, b);
      case L2 -> (float) (1 / (1 + Math.sqrt(squareDistance(a, b))));
    };
  }

  public static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  public static float squareDistance(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      float d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  /** A unit-length copy; a zero vector stays zero (callers reject it before searching). */
  public static float[] normalized(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    float[] out = v.clone();
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < out.length; i++) {
        out[i] *= inv;
      }
    }
    return out;
  }

  /** Every vector unit length when the metric asks for it (in place). */
  public static void prepareAll(Metric metric, float[][] vectors) {
    if (metric == Metric.COSINE) {
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = normalized(vectors[i]);
      }
    }
  }

  /** A 64-bit fingerprint of the vectors' exact bits, for cache keys. */
  public static long fingerprint(float[][] vectors) {
    long h = 0x9E3779B97F4A7C15L ^ vectors.length;
    for (float[] v : vectors) {
      h = mix(h, v.length);
      for (float x : v) {
        h = mix(h, Float.floatToIntBits(x));
      }
    }
    return h;
  }

  public static long mix(long h, long x) {
    long z = h + 0x9E3779B97F4A7C15L * (x + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
