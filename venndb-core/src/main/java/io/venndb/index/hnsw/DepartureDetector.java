package io.venndb.index.hnsw;

import java.util.Arrays;

/**
 * The relaxed-monotonicity test of VBASE: fed the distance of every visited node, it tracks R (the
 * E-th smallest distance so far, a max-heap of E floats) and M (the median of the last w, a ring
 * plus the same values kept sorted), and latches "departed" the first time M &gt; R. Before E
 * nodes were seen R is infinite, so a scan never departs during its first steps. The test is
 * strict because of exact duplicates: a scan that starts inside a group of identical vectors sees
 * E equal distances, so M = R while it is still on that plateau, not past its neighbourhood (on
 * the Debian catalog, with groups of up to 39 identical embeddings, {@code M >= R} departed there
 * and returned a far-away top-10).
 */
final class DepartureDetector {
  private final int e;
  private final float[] nearest;
  private int nearestCount;
  private final float[] ring;
  private final float[] sorted;
  private int windowCount;
  private int ringNext;
  private boolean departed;

  DepartureDetector(int e, int w) {
    this.e = e;
    this.nearest = new float[e];
    this.ring = new float[w];
    this.sorted = new float[w];
  }

  void accept(float raw) {
    float distance = raw + 0f; // -0.0 would not be found again by the binary search on eviction
    addNearest(distance);
    addToWindow(distance);
    if (!departed && windowCount == ring.length && median() > bound()) {
      departed = true;
    }
  }

  boolean departed() {
    return departed;
  }

  /** R: the E-th smallest distance seen, or +infinity before E were seen. */
  float bound() {
    return nearestCount == e ? nearest[0] : Float.POSITIVE_INFINITY;
  }

  /** The least of the last w distances (of fewer before w were seen), NaN before any. */
  float windowMinimum() {
    return windowCount == 0 ? Float.NaN : sorted[0];
  }

  /** M: the median of the last w distances (of fewer before w were seen), NaN before any. */
  float median() {
    if (windowCount == 0) {
      return Float.NaN;
    }
    int mid = windowCount >>> 1;
    return (windowCount & 1) == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private void addNearest(float distance) {
    if (nearestCount < e) {
      nearest[nearestCount] = distance;
      siftUp(nearestCount++);
    } else if (distance < nearest[0]) {
      nearest[0] = distance;
      siftDown();
    }
  }

  private void addToWindow(float distance) {
    if (windowCount == ring.length) {
      int at = Arrays.binarySearch(sorted, 0, windowCount, ring[ringNext]);
      System.arraycopy(sorted, at + 1, sorted, at, windowCount - at - 1);
      windowCount--;
    }
    ring[ringNext] = distance;
    ringNext = (ringNext + 1) % ring.length;
    int at = Arrays.binarySearch(sorted, 0, windowCount, distance);
    int insert = at >= 0 ? at : -at - 1;
    System.arraycopy(sorted, insert, sorted, insert + 1, windowCount - insert);
    sorted[insert] = distance;
    windowCount++;
  }

  private void siftUp(int index) {
    float value = nearest[index];
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (nearest[parent] >= value) {
        break;
      }
      nearest[index] = nearest[parent];
      index = parent;
    }
    nearest[index] = value;
  }

  private void siftDown() {
    float value = nearest[0];
    int index = 0, half = nearestCount >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      if (child + 1 < nearestCount && nearest[child + 1] > nearest[child]) {
        child++;
      }
      if (value >= nearest[child]) {
        break;
      }
      nearest[index] = nearest[child];
      index = child;
    }
    nearest[index] = value;
  }
}
