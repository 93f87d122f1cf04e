package io.venndb.bench.measure;

import java.util.Arrays;

/** Order statistics on small samples (repeats, per-query latencies). */
public final class Stats {
  private Stats() {}

  public static double median(double[] values) {
    return percentile(values, 50);
  }

  /** Nearest-rank percentile (p in 0..100) of a copy of {@code values}. */
  public static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }

  public static double mean(double[] values) {
    return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
  }

  public static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  public static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
