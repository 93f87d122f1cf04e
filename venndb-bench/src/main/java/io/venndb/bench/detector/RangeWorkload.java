package io.venndb.bench.detector;

import io.venndb.index.hnsw.CursorOptions;
import io.venndb.index.hnsw.HnswResult;
import io.venndb.index.hnsw.HnswSearcher;
import java.util.Locale;

/**
 * Every row within a radius ({@code HnswSearcher.range}): the cursor collects rows inside the
 * radius and stops once the detector says it departed and the recent median lies outside. The
 * radius is chosen per query from its truth.
 */
final class RangeWorkload implements Workload {
  private final DetectorData data;
  private final String name;
  private final String description;
  private final double[] radius;
  private final boolean expectsNoRows;

  private RangeWorkload(DetectorData data, String name, String description, double[] radius,
      boolean expectsNoRows) {
    this.data = data;
    this.name = name;
    this.description = description;
    this.radius = radius;
    this.expectsNoRows = expectsNoRows;
  }

  /**
   * Radius halfway between the n-th and (n+1)-th true neighbour, so about n rows qualify, on the
   * first {@code queries} queries.
   */
  static RangeWorkload halfwayAfter(DetectorData data, int n, int queries) {
    double[] radius = new double[Math.min(queries, data.queryCount())];
    for (int q = 0; q < radius.length; q++) {
      Truth truth = data.truth(q);
      radius[q] = (truth.distance(n - 1) + truth.distance(n)) / 2;
    }
    return new RangeWorkload(data, "range, n=" + n, String.format(Locale.ROOT,
        "every row within t, t halfway between the %d-th and %d-th true neighbour of each query;"
            + " recall = share of the rows within t - %.0e that were returned", n, n + 1, TIE), radius, false);
  }

  /**
   * Radius half the nearest neighbour's distance minus 0.01 (so a held-out row with an identical
   * twin in the graph, distance 0, stays unsatisfiable): nothing qualifies, and what is measured is
   * how long the scan takes to give up.
   */
  static RangeWorkload belowNearest(DetectorData data) {
    double[] radius = new double[data.queryCount()];
    for (int q = 0; q < radius.length; q++) {
      radius[q] = data.truth(q).distance(0) / 2 - 0.01;
    }
    return new RangeWorkload(data, "unsatisfiable range", "every row within t = (nearest distance) / 2 - 0.01:"
        + " no row qualifies; the scan should stop after O(E + w) visits", radius, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean expectsNoRows() {
    return expectsNoRows;
  }

  @Override
  public int queries() {
    return radius.length;
  }

  @Override
  public HnswResult run(HnswSearcher searcher, int query, CursorOptions options) {
    return searcher.range(data.query(query), (float) radius[query], data.live(), options);
  }

  /** Rows within {@code radius - TIE} are owed; a row nearer the boundary is neither owed nor penalised. */
  @Override
  public Score score(int query, int[] docIds) {
    double owedWithin = radius[query] - TIE;
    int owed = data.truth(query).countWithin(owedWithin);
    if (owed == 0) {
      return new Score(1, false);
    }
    int hits = 0;
    for (int doc : docIds) {
      hits += data.trueDistance(query, doc) <= owedWithin ? 1 : 0;
    }
    return new Score(hits / (double) owed, hits < owed);
  }

  double radius(int query) {
    return radius[query];
  }
}
