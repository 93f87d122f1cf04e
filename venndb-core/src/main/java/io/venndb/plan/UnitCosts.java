package io.venndb.plan;

import io.venndb.index.BitScan;
import io.venndb.index.FlatVectorSearch;

/**
 * The planner's prices, in nanoseconds: one exact distance computation (a per-row test, an
 * unsketched scan), one in a graph walk (random access to the arena plus visited-set and heap
 * work), one doc added to or combined in a roaring bitmap, one row read from the store, one
 * membership test, one candidate of a sketched exact scan (its int8 bound plus its share of
 * the second pass, see {@link FlatVectorSearch}), and one candidate of a bit scan (its one-bit
 * estimate, see {@link BitScan}). {@link CostCalibration} measures them on the
 * collection's own data when a collection is opened; {@link #NOMINAL} is a fixed set for
 * reproducible plans in tests.
 */
public record UnitCosts(double distanceNs, double graphDistanceNs, double bitmapNsPerDoc, double rowFetchNs,
    double testNs, double sketchScanNs, double bitScanNs) {

  /** Typical figures for 384-d float vectors on one core of a 2020s server. */
  public static final UnitCosts NOMINAL = new UnitCosts(45, 110, 2, 2500, 8, 15, 6);

  /**
   * An exact scan of {@code candidates} vectors of {@code dimension} components for {@code
   * results} answers (0 for a threshold scan): sketched, plus one exact distance per answer, when
   * the scan reads sketches; one exact distance per candidate otherwise.
   */
  public double exactScanNs(int dimension, double candidates, int results) {
    if (FlatVectorSearch.usesSketches(dimension, candidates, results)) {
      return candidates * sketchScanNs + Math.min(candidates, results) * distanceNs;
    }
    return candidates * distanceNs;
  }

  /**
   * A bit scan of {@code candidates} for {@code results} answers that rescores at least {@code
   * minRescored} rows: one estimate per candidate, one exact distance per row it is expected to rescore.
   */
  public double bitScanNs(double candidates, int results, int minRescored) {
    return candidates * bitScanNs + Math.min(candidates, BitScan.expectedRescored(results, minRescored)) * distanceNs;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "distance %.0f ns, graph distance %.0f ns, bitmap %.1f ns/doc, "
        + "row fetch %.0f ns, test %.0f ns, sketched scan %.0f ns, bit scan %.1f ns", distanceNs, graphDistanceNs,
        bitmapNsPerDoc, rowFetchNs, testNs, sketchScanNs, bitScanNs);
  }
}
