package io.venndb.plan;

/** What one plan node actually did during an {@code EXPLAIN ANALYZE} run. Mutable, one per node. */
final class OperatorStats {
  long rows = -1;
  long tests;
  long passed;
  long distanceComputations;
  long nodesVisited;
  long nanos;
  String note;
  /** The stream switched to an exact scan mid-query. */
  boolean switched;

  void addTime(long startNanos) {
    nanos += System.nanoTime() - startNanos;
  }
}
