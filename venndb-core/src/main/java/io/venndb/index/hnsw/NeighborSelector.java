package io.venndb.index.hnsw;

/**
 * HNSW's neighbour-selection heuristic (Malkov and Yashunin, algorithm 4): take candidates
 * nearest first and keep one only if it is closer to the base node than to every neighbour kept
 * so far. Links then point in different directions instead of into one cluster, which keeps the
 * graph navigable between clusters. Pruned candidates are not added back.
 *
 * <p>Exact duplicates get one link, not a list full: the rule's strict "closer than" lets a copy
 * of a kept neighbour through (both distances tie, at 0 for a copy of the base), and a group of a
 * few hundred identical vectors — real catalogs repeat summaries — would then link only among
 * itself and trap every search that enters it. A tie is therefore checked for equal vectors.
 */
final class NeighborSelector {
  private final VectorSource vectors;
  /** The kept neighbours' vectors, so each is copied once and compared with many candidates. */
  private final float[][] kept;
  /** Scratch for a candidate's vector when a tie must be checked for a duplicate. */
  private final float[] candidateVector;

  NeighborSelector(VectorSource vectors, int maxConn) {
    this.vectors = vectors;
    this.kept = new float[maxConn][vectors.dimension()];
    this.candidateVector = new float[vectors.dimension()];
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

  /**
   * Makes room in an overfull list, as Lucene does: {@code keys} are its {@code n} links (distance
   * to the base node, doc) sorted ascending, one of them {@code newcomer}. Drops the farthest link
   * that is closer to some nearer link than to the base, or else the farthest link, and writes the
   * other {@code n - 1} docs to {@code out}. The old links were accepted together before, so only
   * pairs with the newcomer are checked: about 2n distances instead of the n² of a re-selection.
   */
  int dropOne(long[] keys, int n, int newcomer, float[] newcomerVector, int[] out) {
    int newIndex = 0;
    while (Keys.doc(keys[newIndex]) != newcomer) {
      newIndex++;
    }
    int drop = n - 1;
    for (int i = n - 1; i > 0 && i >= newIndex; i--) {
      boolean crowded = i == newIndex
          ? !isDiverse(keys, i, newcomerVector)
          : vectors.distance(Keys.doc(keys[i]), newcomerVector) < Keys.distance(keys[i]);
      if (crowded) {
        drop = i;
        break;
      }
    }
    for (int i = 0, j = 0; i < n; i++) {
      if (i != drop) {
        out[j++] = Keys.doc(keys[i]);
      }
    }
    return n - 1;
  }

  /** Whether the link at {@code index}, whose vector is given, is nearer the base than any nearer link. */
  private boolean isDiverse(long[] keys, int index, float[] vector) {
    float toBase = Keys.distance(keys[index]);
    for (int j = 0; j < index; j++) {
      int nearer = Keys.doc(keys[j]);
      float between = vectors.distance(nearer, vector);
      if (between < toBase || (between == toBase && sameVector(nearer, vector))) {
        return false;
      }
    }
    return true;
  }

  private boolean isDiverse(int candidate, float distanceToBase, int keptCount) {
    for (int j = 0; j < keptCount; j++) {
      float between = vectors.distance(candidate, kept[j]);
      if (between < distanceToBase || (between == distanceToBase && sameVector(candidate, kept[j]))) {
        return false;
      }
    }
    return true;
  }

  private boolean sameVector(int doc, float[] vector) {
    vectors.load(doc, candidateVector);
    return java.util.Arrays.equals(candidateVector, vector);
  }
}
