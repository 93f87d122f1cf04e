package io.venndb.index.hnsw;

/**
 * HNSW's neighbour-selection heuristic (Malkov and Yashunin, algorithm 4, as in hnswlib): take
 * candidates nearest first and keep one only if it is closer to the base node than to every
 * neighbour kept so far. Links then point in different directions instead of into one cluster,
 * which keeps the graph navigable between clusters. Pruned candidates are not added back.
 */
final class NeighborSelector {
  private final VectorSource vectors;
  /** The kept neighbours' vectors, so each is copied once and compared with many candidates. */
  private final float[][] kept;

  NeighborSelector(VectorSource vectors, int maxConn) {
    this.vectors = vectors;
    this.kept = new float[maxConn][vectors.dimension()];
  }

  /**
   * Writes at most {@code maxConn} of the {@code n} candidates to {@code out}. {@code keys} are
   * (distance to the base node, doc) sorted ascending; {@code out} may be the array the candidates
   * were read from, since only {@code keys} is read.
   */
  int select(long[] keys, int n, int maxConn, int[] out) {
    if (n <= maxConn) {
      for (int i = 0; i < n; i++) {
        out[i] = Keys.doc(keys[i]);
      }
      return n;
    }
    int count = 0;
    for (int i = 0; i < n && count < maxConn; i++) {
      int candidate = Keys.doc(keys[i]);
      if (isDiverse(candidate, Keys.distance(keys[i]), count)) {
        vectors.load(candidate, kept[count]);
        out[count++] = candidate;
      }
    }
    return count;
  }

  private boolean isDiverse(int candidate, float distanceToBase, int keptCount) {
    for (int j = 0; j < keptCount; j++) {
      if (vectors.distance(candidate, kept[j]) < distanceToBase) {
        return false;
      }
    }
    return true;
  }
}
