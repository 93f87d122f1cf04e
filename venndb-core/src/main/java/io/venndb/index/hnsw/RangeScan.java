package io.venndb.index.hnsw;

/**
 * Every live doc within a distance, by the streaming cursor: collect what comes out within the
 * radius, and stop once the scan has departed (relaxed monotonicity) and the recent median lies
 * outside the radius. If the departure comes before any doc was within the radius, that test
 * holds at once and the result is empty after only O(E + w) visits. A budget that ends the scan
 * first is completed by an exact scan of the docs the cursor never reached.
 */
final class RangeScan {
  private RangeScan() {}

  static HnswResult collect(HnswCursor cursor, float maxDistance) {
    KeyList keys = new KeyList();
    StopReason reason = scan(cursor, maxDistance, keys);
    HnswResult.Counters counters = cursor.counters(reason);
    if (reason == StopReason.BUDGET) {
      ExactFallback.within(cursor.vectors(), cursor.rawQuery(), maxDistance,
          ExactFallback.unseen(cursor, Traversal.ALL), keys, counters);
    }
    return HnswResult.of(keys.sorted(), keys.size(), counters);
  }

  private static StopReason scan(HnswCursor cursor, float maxDistance, KeyList keys) {
    while (cursor.next()) {
      if (cursor.distance() <= maxDistance) {
        keys.add(cursor.currentKey());
      }
      if (cursor.departed() && cursor.recentMedian() > maxDistance) {
        return StopReason.SATISFIED;
      }
    }
    return cursor.stopReason();
  }
}
