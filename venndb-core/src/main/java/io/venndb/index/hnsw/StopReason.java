package io.venndb.index.hnsw;

/** Why a graph search stopped. */
public enum StopReason {
  /** The stopping rule was met: the results are what the search promises. */
  SATISFIED,
  /** Every node reachable from the entry point was visited: nothing more to find. */
  EXHAUSTED,
  /** A budget (nodes visited, distance computations, frontier size) ran out first. */
  BUDGET,
  /**
   * The consumer saw far fewer rows pass its filter than it planned for and finished with an exact
   * scan of the candidates the stream had not reached (a mid-query strategy switch).
   */
  SWITCHED
}
