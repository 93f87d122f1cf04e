package io.venndb.bench.detector;

/** Double-precision unit vectors and the cosine distance between them, for the brute-force truth. */
final class UnitVectors {
  private UnitVectors() {}

  static double[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    double scale = 1 / Math.sqrt(norm);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * scale;
    }
    return out;
  }

  /** {@code 1 - cos}, as {@link io.venndb.vector.Metric#COSINE} defines the distance. */
  static double cosineDistance(double[] a, double[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return 1 - dot;
  }
}
