package io.venndb.index;

import java.util.Arrays;

/**
 * Doc ids with their distances, sorted by distance ascending and then by doc id ascending, the
 * order every exact search returns. Immutable.
 *
 * <p>Searches work on packed {@code long} keys, (sortable distance bits, doc id), whose natural
 * order is that same order; this keeps heaps and sorts on primitives.
 */
public final class ScoredDocs {
  private static final ScoredDocs EMPTY = new ScoredDocs(new int[0], new float[0]);

  private final int[] docIds;
  private final float[] distances;

  private ScoredDocs(int[] docIds, float[] distances) {
    this.docIds = docIds;
    this.distances = distances;
  }

  public static ScoredDocs empty() {
    return EMPTY;
  }

  /** Unpacks the first {@code count} keys, which must already be sorted. */
  static ScoredDocs fromSortedKeys(long[] keys, int count) {
    int[] docIds = new int[count];
    float[] distances = new float[count];
    for (int i = 0; i < count; i++) {
      assert i == 0 || keys[i - 1] < keys[i] : "keys not sorted or duplicated at " + i;
      docIds[i] = docOf(keys[i]);
      distances[i] = distanceOf(keys[i]);
    }
    return count == 0 ? EMPTY : new ScoredDocs(docIds, distances);
  }

  /**
   * A key ordered by distance, then doc id. The float's bits are made to sort as signed ints
   * (negative values have their magnitude bits flipped); adding 0 folds -0.0 into 0.0 so the two
   * tie and fall back to doc order.
   */
  static long pack(float distance, int docId) {
    int bits = Float.floatToIntBits(distance + 0f);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) sortable << 32) | (docId & 0xffffffffL);
  }

  static float distanceOf(long key) {
    int sortable = (int) (key >> 32);
    return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
  }

  static int docOf(long key) {
    return (int) key;
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

  /** A copy of the doc ids in result order. */
  public int[] docIds() {
    return docIds.clone();
  }

  /** A copy of the distances in result order. */
  public float[] distances() {
    return distances.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoredDocs that
        && Arrays.equals(docIds, that.docIds)
        && Arrays.equals(distances, that.distances);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(docIds) + Arrays.hashCode(distances);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("ScoredDocs[");
    for (int i = 0; i < size(); i++) {
      out.append(i == 0 ? "" : ", ").append(docIds[i]).append(':').append(distances[i]);
    }
    return out.append(']').toString();
  }
}
