package io.venndb.bench.system;

import io.venndb.bench.filter.Filter;

/**
 * Plain (optionally filtered) top-k with similarities, what a client has to work with when it
 * implements vector NOT itself.
 */
public interface TopKEngine {

  /** The {@code k} rows nearest to {@code vector} that pass {@code filter} (null: none), with effort {@code effort}. */
  Scored topK(float[] vector, int k, Filter filter, int effort) throws Exception;

  /** Base-row ordinals, best first, their similarities to the query, and the work done. */
  record Scored(int[] ids, float[] similarities, long distanceComputations, long nodesVisited) {}
}
