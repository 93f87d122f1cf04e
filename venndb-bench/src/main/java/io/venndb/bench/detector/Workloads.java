package io.venndb.bench.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/** The benchmark's workloads, built from the data and one seeded random stream. */
final class Workloads {
  static final int K = 10;
  static final double[] PASS_RATES = {1.0, 0.10, 0.01};
  static final int[] RANGE_NS = {10, 100, 1000};

  private Workloads() {}

  /** Streamed top-10 at each pass rate, range at n = 10, 100, 1000, and the unsatisfiable range. */
  static List<Workload> all(DetectorData data, SplittableRandom random) {
    List<Workload> all = new ArrayList<>();
    for (double rate : PASS_RATES) {
      all.add(topK(data, K, rate, random));
    }
    for (int n : RANGE_NS) {
      all.add(RangeWorkload.halfwayAfter(data, n, data.queryCount()));
    }
    all.add(RangeWorkload.belowNearest(data));
    return all;
  }

  /** Top-k with a predicate passing each row independently with probability {@code passRate}. */
  static FilteredTopK topK(DetectorData data, int k, double passRate, SplittableRandom random) {
    RoaringBitmap pass = new RoaringBitmap();
    int rows = data.live().last() + 1;
    for (int doc = 0; doc < rows; doc++) {
      if (passRate >= 1 || random.nextDouble() < passRate) {
        pass.add(doc);
      }
    }
    return new FilteredTopK(data, k, passRate, pass);
  }
}
