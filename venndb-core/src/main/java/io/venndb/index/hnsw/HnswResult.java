package io.venndb.index.hnsw;

import java.util.Arrays;

/**
 * Docs with their distances, nearest first (ties by doc id), plus what the search cost and why it
 * stopped: the counters a benchmark harness or {@code EXPLAIN ANALYZE} reads. Immutable.
 */
public final class HnswResult {
  private final int[] docIds;
  private final float[] distances;
  private final long nodesVisited;
  private final long distanceComputations;
  private final long rescored;
  private final StopReason stopReason;
  private final boolean exactFallback;

  private HnswResult(int[] docIds, float[] distances, Counters counters) {
    this.docIds = docIds;
    this.distances = distances;
    this.nodesVisited = counters.nodesVisited;
    this.distanceComputations = counters.distanceComputations;
    this.rescored = counters.rescored;
    this.stopReason = counters.stopReason;
    this.exactFallback = counters.exactFallback;
  }

  /** What a search did, gathered while it runs. */
  static final class Counters {
    long nodesVisited;
    long distanceComputations;
    long rescored;
    StopReason stopReason = StopReason.EXHAUSTED;
    boolean exactFallback;

    Counters add(Traversal traversal) {
      nodesVisited += traversal.nodesVisited;
      distanceComputations += traversal.distanceComputations;
      rescored += traversal.rescored;
      return this;
    }
  }

  /** Unpacks the first {@code count} keys, which must be sorted ascending. */
  static HnswResult of(long[] sortedKeys, int count, Counters counters) {
    int[] docIds = new int[count];
    float[] distances = new float[count];
    for (int i = 0; i < count; i++) {
      assert i == 0 || sortedKeys[i - 1] < sortedKeys[i] : "keys not sorted or repeated at " + i;
      docIds[i] = Keys.doc(sortedKeys[i]);
      distances[i] = Keys.distance(sortedKeys[i]);
    }
    return new HnswResult(docIds, distances, counters);
  }

  public int size() {
    return docIds.length;
  }

  public int docId(int index) {
    return docIds[index];
  }

  public float distance(int index) {
    return distances[index];
  }

  /** A copy of the doc ids, nearest first. */
  public int[] docIds() {
    return docIds.clone();
  }

  /** A copy of the distances, ascending. */
  public float[] distances() {
    return distances.clone();
  }

  /** Nodes whose links were read (expanded), on every layer. */
  public long nodesVisited() {
    return nodesVisited;
  }

  /**
   * Distances computed, including those of an exact fallback; on a walk over sketches most are
   * estimates, and the {@link #rescored} ones exact.
   */
  public long distanceComputations() {
    return distanceComputations;
  }

  /** Rows a walk over sketch estimates scored exactly before returning them; 0 on an exact walk. */
  public long rescored() {
    return rescored;
  }

  /** Why the graph part of the search stopped. */
  public StopReason stopReason() {
    return stopReason;
  }

  /** True when the rows came from (or were completed by) an exact scan. */
  public boolean usedExactSearch() {
    return exactFallback;
  }

  /** Same rows and distances; counters are not compared. */
  public boolean sameRows(HnswResult other) {
    return Arrays.equals(docIds, other.docIds) && Arrays.equals(distances, other.distances);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("HnswResult[").append(stopReason)
        .append(exactFallback ? ", exact" : "").append(", visited=").append(nodesVisited)
        .append(", distances=").append(distanceComputations)
        .append(rescored > 0 ? ", rescored=" + rescored : "").append(", rows=");
    for (int i = 0; i < docIds.length; i++) {
      out.append(i == 0 ? "" : " ").append(docIds[i]).append(':').append(distances[i]);
    }
    return out.append(']').toString();
  }
}
