package io.venndb.plan;

import io.venndb.index.hnsw.CursorOptions;
import io.venndb.vector.Metric;

/**
 * The stop-rule settings of the streaming cursors a plan opens. E plays the part ef plays in a
 * classic search, so it follows the query's (or the column's) ef, the HNSW recall knob: the
 * departure test may fire once E nodes have been seen, so {@code E = max(ef, 2 · window)}, and the
 * median window is {@code w = min(64, E)} (a window wider than E would only delay the test). A
 * range scan, with no ef, uses the defaults (E = 100, w = 64). Inner product is not a metric —
 * longer vectors sit "near" everything and a best-first walk is far from monotone — so its cursors
 * look twice as far before trusting a departure.
 */
final class CursorSettings {
  private CursorSettings() {}

  static CursorOptions forStream(PhysicalPlan plan, ExecutionContext context) {
    int ef = plan.ef() > 0 ? plan.ef() : context.searcherConfigEf(plan.rankPosition());
    Metric metric = context.store().schema().columns().get(plan.rankPosition()).metric();
    return forWindow(metric, ef, plan.window());
  }

  /** A range scan: the default E and w (doubled under inner product). */
  static CursorOptions forRange(Metric metric) {
    return forWindow(metric, 0, 0);
  }

  /** E and w for a top-{@code window} stream; {@code ef <= 0} means none was given (the defaults). */
  static CursorOptions forWindow(Metric metric, int ef, int window) {
    int e = Math.max(ef > 0 ? ef : CursorOptions.DEFAULT_E, 2 * window);
    int w = Math.min(CursorOptions.DEFAULT_W, e);
    if (metric == Metric.INNER_PRODUCT) {
      e *= 2;
      w *= 2;
    }
    return CursorOptions.defaults().withMedianWindow(e, w);
  }
}
