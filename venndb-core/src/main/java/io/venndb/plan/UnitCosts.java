package io.venndb.plan;

/**
 * The planner's prices, in nanoseconds: one distance computation in a sequential scan, one in a
 * graph walk (random access to the arena plus visited-set and heap work), one doc added to or
 * combined in a roaring bitmap, one row read from the store, one membership test. {@link
 * CostCalibration} measures them on the collection's own data when a collection is opened;
 * {@link #NOMINAL} is a fixed set for reproducible plans in tests.
 */
public record UnitCosts(double distanceNs, double graphDistanceNs, double bitmapNsPerDoc, double rowFetchNs,
    double testNs) {

  /** Typical figures for 384-d float vectors on one core of a 2020s server. */
  public static final UnitCosts NOMINAL = new UnitCosts(45, 110, 2, 2500, 8);

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "distance %.0f ns, graph distance %.0f ns, bitmap %.1f ns/doc, "
        + "row fetch %.0f ns, test %.0f ns", distanceNs, graphDistanceNs, bitmapNsPerDoc, rowFetchNs, testNs);
  }
}
