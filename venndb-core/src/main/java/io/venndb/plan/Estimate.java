package io.venndb.plan;

/**
 * An estimated number of live rows where a condition is TRUE, with a 95% interval and where the
 * figure came from (an exact index count, a sample), so {@code EXPLAIN} can say how far to trust
 * it.
 */
public record Estimate(double rows, double low, double high, String source) {

  static Estimate exact(double rows, String source) {
    return new Estimate(rows, rows, rows, source);
  }

  /**
   * From {@code hits} of {@code sampled} sampled rows, scaled to {@code population}; the interval
   * is Wilson's score interval, which stays inside [0, 1] even at 0 or all hits.
   */
  static Estimate sampled(long hits, long sampled, double population, String what) {
    if (sampled == 0) {
      return new Estimate(population / 2, 0, population, what + " (no sample: guessed half)");
    }
    double n = sampled;
    double p = hits / n;
    double z = 1.96;
    double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
    return new Estimate(p * population, Math.max(0, centre - half) * population,
        Math.min(1, centre + half) * population, what + " (sample " + hits + "/" + sampled + ")");
  }

  /** Fraction of {@code population} rows. */
  double selectivity(double population) {
    return population <= 0 ? 0 : Math.min(1, rows / population);
  }
}
