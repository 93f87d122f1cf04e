package io.venndb.plan;

import io.venndb.index.hnsw.CursorOptions;
import io.venndb.vector.Metric;

/**
 * The stop-rule settings of the streaming cursors a plan opens. The departure test may fire once
 * E nodes have been seen, so E grows with what the query asks for: at least the column's (or the
 * query's) ef, the HNSW recall knob, and twice the window. Inner product is not a metric — longer
 * vectors sit "near" everything and a best-first walk is far from monotone — so its cursors look
 * twice as far before trusting a departure.
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

  static CursorOptions forWindow(Metric metric, int ef, int window) {
    int e = Math.max(CursorOptions.DEFAULT_E, Math.max(ef, 2 * window));
    int w = CursorOptions.DEFAULT_W;
    if (metric == Metric.INNER_PRODUCT) {
      e *= 2;
      w *= 2;
    }
    return CursorOptions.defaults().withMedianWindow(e, w);
  }
}
