package io.venndb.index.hnsw;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.util.function.IntPredicate;

/**
 * Top-k by distance over a streaming cursor with a per-row predicate (VBASE's plan: the filter
 * sits above the vector iterator, with no guessed k'). Rows passing the predicate go into a
 * bounded heap; the scan stops once the heap holds k rows and the cursor has departed from the
 * query's neighbourhood. If a budget ends the scan first, or the graph runs out with fewer than k
 * rows, the docs the cursor never reached are searched exactly, so the caller always gets {@code
 * min(k, matching live rows)} rows, sorted by distance.
 */
public final class CursorTopK {
  private CursorTopK() {}

  /**
   * Consumes {@code cursor} (freshly opened, not advanced) and returns the k nearest rows that
   * pass {@code predicate}. The predicate may be expensive (a second distance, a row fetch); it
   * is called at most once per live doc, in approximately increasing distance, not in doc order.
   */
  public static HnswResult collect(HnswCursor cursor, int k, IntPredicate predicate) {
    HnswSearcher.checkK(k);
    if (cursor.yielded() > 0) {
      // Docs it already yielded would be missing from the heap and skipped by the fallback.
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "the cursor already yielded " + cursor.yielded() + " docs; pass a fresh cursor");
    }
    LongHeap heap = LongHeap.max(Math.max(1, k));
    StopReason reason = k == 0 ? StopReason.SATISFIED : scan(cursor, k, predicate, heap);
    HnswResult.Counters counters = cursor.counters(reason);
    if (reason == StopReason.BUDGET || (reason == StopReason.EXHAUSTED && heap.size() < k)) {
      ExactFallback.topK(cursor.vectors(), cursor.rawQuery(), k,
          ExactFallback.unseen(cursor, predicate), heap, counters);
    }
    return HnswResult.of(heap.sortedAscending(new long[heap.size()]), heap.size(), counters);
  }

  private static StopReason scan(HnswCursor cursor, int k, IntPredicate predicate, LongHeap heap) {
    while (cursor.next()) {
      if (predicate.test(cursor.docId())) {
        heap.offerBounded(cursor.currentKey(), k);
      }
      if (heap.size() == k && cursor.departed()) {
        return StopReason.SATISFIED;
      }
    }
    return cursor.stopReason();
  }
}
