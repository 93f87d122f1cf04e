package io.venndb.bench.system;

/**
 * An answer: base-row ordinals best first, and the work counters a system reports (-1 when it
 * does not report them).
 *
 * @param distanceComputations vectors scored against the query
 * @param nodesVisited graph nodes visited (HNSW); -1 for scans
 */
public record SearchResult(int[] ids, long distanceComputations, long nodesVisited) {
  public static final long NOT_REPORTED = -1;

  public static SearchResult of(int[] ids) {
    return new SearchResult(ids, NOT_REPORTED, NOT_REPORTED);
  }
}
