package io.venndb.bench.detector;

import io.venndb.index.hnsw.CursorOptions;
import io.venndb.index.hnsw.HnswResult;
import io.venndb.index.hnsw.HnswSearcher;
import java.util.Locale;
import org.roaringbitmap.RoaringBitmap;

/**
 * Streamed top-k under a per-row predicate ({@code HnswSearcher.topK}): the cursor yields rows in
 * about increasing distance, the predicate tests each, and the scan stops once k rows passed and
 * the detector says the scan has departed. The predicate is a fixed random set of rows,
 * independent of the query, so its pass rate is the same near every query.
 */
final class FilteredTopK implements Workload {
  private final DetectorData data;
  private final int k;
  private final double passRate;
  private final RoaringBitmap pass;
  /** min(k, rows passing): the rows every answer owes. */
  private final int owed;
  /** Per query, the true distance of the owed-th nearest passing row. */
  private final double[] boundary;

  FilteredTopK(DetectorData data, int k, double passRate, RoaringBitmap pass) {
    this.data = data;
    this.k = k;
    this.passRate = passRate;
    this.pass = pass;
    this.owed = Math.min(k, RoaringBitmap.andCardinality(pass, data.live()));
    this.boundary = new double[data.queryCount()];
    for (int q = 0; q < boundary.length && owed > 0; q++) {
      boundary[q] = data.truth(q).kthPassing(owed, pass);
    }
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "top-%d, pass rate %s", k, percent(passRate));
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "top-%d by the streaming cursor with a per-row predicate passing %,d of"
        + " %,d rows (a seeded random set, independent of the query); recall@%d against the true top-%d"
        + " of the passing rows, a row tied with the %d-th within %.0e counting as a hit",
        k, RoaringBitmap.andCardinality(pass, data.live()), data.live().getCardinality(), k, k, k, TIE);
  }

  @Override
  public int queries() {
    return data.queryCount();
  }

  @Override
  public HnswResult run(HnswSearcher searcher, int query, CursorOptions options) {
    return searcher.topK(data.query(query), k, data.live(), pass::contains, options);
  }

  @Override
  public Score score(int query, int[] docIds) {
    if (owed == 0) {
      return new Score(1, false);
    }
    int hits = 0;
    for (int doc : docIds) {
      if (pass.contains(doc) && data.trueDistance(query, doc) <= boundary[query] + TIE) {
        hits++;
      }
    }
    return new Score(Math.min(hits, owed) / (double) owed, docIds.length < owed);
  }

  static String percent(double rate) {
    return rate * 100 == Math.rint(rate * 100)
        ? (int) Math.rint(rate * 100) + "%" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }
}
