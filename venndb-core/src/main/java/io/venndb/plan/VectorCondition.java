package io.venndb.plan;

import io.venndb.catalog.ColumnDef;
import io.venndb.query.Predicate;
import io.venndb.store.VectorArena;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import io.venndb.vector.VectorKernels;

/**
 * A bound vector condition ready to run: its column, the prepared query vector, and the test
 * {@link #holds(float)} on a computed distance. Every path (per-row test, flat scan, graph range,
 * brute-force oracle in tests) decides TRUE/FALSE through {@code holds}, so they agree to the bit.
 */
record VectorCondition(Predicate.VectorCompare leaf, ColumnDef column, int position, float[] prepared) {

  static VectorCondition of(Predicate.VectorCompare leaf, ColumnDef column, int position) {
    return new VectorCondition(leaf, column, position, column.metric().prepare(leaf.vector()));
  }

  Metric metric() {
    return column.metric();
  }

  /** Whether a row at {@code distance} satisfies the condition (never called for rows without a vector). */
  boolean holds(float distance) {
    float value = leaf.measure() == Predicate.Measure.SIMILARITY ? metric().similarity(distance) : distance;
    float t = leaf.value();
    return switch (leaf.op()) {
      case LT -> value < t;
      case LE -> value <= t;
      case GT -> value > t;
      case GE -> value >= t;
      case EQ, NE -> throw new IllegalStateException("bound vector conditions never use " + leaf.op());
    };
  }

  /**
   * For a condition that keeps near rows: a distance radius that contains every row it keeps,
   * widened by a few ulps so that converting the threshold between similarity and distance can
   * only add candidates, which {@link #holds} then rejects.
   */
  float radius() {
    float r = leaf.measure() == Predicate.Measure.SIMILARITY ? metric().distance(leaf.value()) : leaf.value();
    return Math.nextUp(Math.nextUp(r + Math.ulp(r) * 4));
  }

  /** The condition that holds exactly where this one fails, on rows with a vector. */
  VectorCondition negate() {
    return new VectorCondition(leaf.negate(), column, position, prepared);
  }

  /** Distance of {@code doc}'s vector to the query, or NaN when it has none. */
  static float distance(VectorArena arena, Metric metric, VectorKernels kernels, float[] prepared, int doc) {
    if (!arena.has(doc)) {
      return Float.NaN;
    }
    return metric.storedDistance(kernels, arena.segmentOf(doc), arena.byteOffsetOf(doc), prepared);
  }

  float distance(VectorArena arena, int doc) {
    return distance(arena, metric(), Kernels.get(), prepared, doc);
  }

  @Override
  public String toString() {
    return leaf.toString();
  }
}
