package io.venndb.bench.detector;

import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Every indexed row of one query, nearest first (ties by doc id), with its cosine distance
 * computed by brute force in double precision: the oracle every workload scores against.
 */
final class Truth {
  private final int[] docs;
  private final double[] distances;

  private Truth(int[] docs, double[] distances) {
    this.docs = docs;
    this.distances = distances;
  }

  /** Sorts the {@code live} rows of {@code units} (unit vectors by doc id) by distance to {@code query}. */
  static Truth of(double[][] units, RoaringBitmap live, double[] query) {
    double[] byDoc = new double[units.length];
    live.forEach((int doc) -> byDoc[doc] = UnitVectors.cosineDistance(units[doc], query));
    int[] order = live.stream().boxed()
        .sorted((a, b) -> byDoc[a] != byDoc[b] ? Double.compare(byDoc[a], byDoc[b]) : Integer.compare(a, b))
        .mapToInt(Integer::intValue).toArray();
    double[] sorted = new double[order.length];
    Arrays.setAll(sorted, i -> byDoc[order[i]]);
    return new Truth(order, sorted);
  }

  int size() {
    return docs.length;
  }

  int doc(int rank) {
    return docs[rank];
  }

  /** Distance of the row at {@code rank} (0 = nearest). */
  double distance(int rank) {
    return distances[rank];
  }

  /** Distance of the {@code k}-th nearest row passing {@code pass} (k &ge; 1). */
  double kthPassing(int k, RoaringBitmap pass) {
    int seen = 0;
    for (int rank = 0; rank < docs.length; rank++) {
      if (pass.contains(docs[rank]) && ++seen == k) {
        return distances[rank];
      }
    }
    throw new IllegalArgumentException("only " + seen + " rows pass; asked for the " + k + "-th");
  }

  /** Rows at distance at most {@code radius}: the first rank beyond it, by binary search. */
  int countWithin(double radius) {
    int low = 0, high = distances.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (distances[mid] <= radius) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
