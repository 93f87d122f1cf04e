package io.venndb.index.hnsw;

/** Why a graph search stopped. */
public enum StopReason {
  /** The stopping rule was met: the results are what the search promises. */
  SATISFIED,
  /** Every node reachable from the entry point was visited: nothing more to find. */
  EXHAUSTED,
  /** A budget (nodes visited, distance computations, frontier size) ran out first. */
  BUDGET
}
