package io.venndb.index.hnsw;

/**
 * (distance, doc id) packed in one {@code long} whose natural order is distance ascending, then doc
 * id ascending: the same order as {@link io.venndb.index.ScoredDocs}, so graph and exact results
 * sort alike and heaps stay on primitives. The float's bits are made to sort as signed ints;
 * adding 0 folds -0.0 into 0.0 so the two tie and fall back to doc order.
 */
final class Keys {
  private Keys() {}

  static long pack(float distance, int docId) {
    int bits = Float.floatToIntBits(distance + 0f);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) sortable << 32) | (docId & 0xffffffffL);
  }

  static float distance(long key) {
    int sortable = (int) (key >> 32);
    return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
  }

  static int doc(long key) {
    return (int) key;
  }
}
