package io.venndb.index.hnsw;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.roaringbitmap.RoaringBitmap;

/**
 * Top-k by distance over a streaming cursor with a per-row predicate (VBASE's plan: the filter
 * sits above the vector iterator, with no guessed k'). Rows passing the predicate go into a
 * bounded heap; the scan stops once the heap holds k rows, the cursor has departed from the
 * query's neighbourhood, and every one of the last w nodes it visited lies beyond the k-th row
 * held. The last condition costs nothing without a filter (the k rows held are nearer than the
 * departure bound) and matters with one: the k-th passing row arrives long after the departure,
 * and a best-first walk yields only roughly in order of distance, so nearer passing rows may still
 * be on their way. How long they take depends on the query: where distances climb fast the whole
 * window is past the k-th row a few docs later; where the profile is flat (a query far from all
 * the data) it takes hundreds, and that is where the rows were being missed. The wait is capped at
 * {@link #MARGIN_FACTOR} · max(E, w) more docs: a scan whose k-th row is an outlier far out would
 * otherwise walk on to it (one PyPI vector-NOT query took 22 ms instead of 1). If a budget ends the
 * scan first, or the graph runs out with fewer than k rows, the docs the cursor never reached are
 * searched exactly, so the caller always gets {@code min(k, matching live rows)} rows, sorted by
 * distance.
 *
 * <p>Earlier the scan stopped once the window's median had passed the k-th row, with the wait
 * capped at max(E, w): on the first 100,000 PyPI rows, at a 10% filter, 0.950 recall took about
 * 2,000 distance computations a query and 0.965 about 3,500; waiting for the whole window gives
 * 0.956 at 1,950 and 0.969 at 2,800 (docs/benchmarks.md, "Stop rule: the whole window").
 *
 * <p>On a cursor that walks on sketch estimates, the stop rule runs on estimates, and the best
 * {@link Traversal#rescoreWidth rescoreWidth(k)} passing rows are kept beside the k and rescored
 * exactly when the scan ends; an exact fallback then merges exact distances into exact ones.
 */
public final class CursorTopK {
  /** The most docs a scan waits past the departure with k rows held, in units of max(E, w). */
  static final int MARGIN_FACTOR = 4;
  /** How often (in docs yielded by the cursor) a {@link SwitchRule} is consulted. */
  public static final int CHECK_EVERY = 64;

  private CursorTopK() {}

  /**
   * Decides whether streaming should give way to an exact scan, from what the stream has seen so
   * far: docs yielded, docs that passed the predicate, rows held (at most k).
   */
  @FunctionalInterface
  public interface SwitchRule {
    SwitchRule NEVER = (yielded, passed, held) -> false;

    boolean shouldSwitch(long yielded, long passed, int held);
  }

  /**
   * Consumes {@code cursor} (freshly opened, not advanced) and returns the k nearest rows that
   * pass {@code predicate}. The predicate may be expensive (a second distance, a row fetch); it
   * is called at most once per live doc, in approximately increasing distance, not in doc order.
   */
  public static HnswResult collect(HnswCursor cursor, int k, IntPredicate predicate) {
    return collect(cursor, k, predicate, SwitchRule.NEVER, null);
  }

  /**
   * As {@link #collect(HnswCursor, int, IntPredicate)}, but every {@link #CHECK_EVERY} yielded docs
   * {@code rule} may end the stream; then {@code candidates} (every doc passing the predicate,
   * materialised) minus the docs the cursor already expanded are searched exactly and merged with
   * the rows held, so no row is lost or repeated. The result's stop reason is then {@link
   * StopReason#SWITCHED}.
   */
  public static HnswResult collect(HnswCursor cursor, int k, IntPredicate predicate, SwitchRule rule,
      Supplier<RoaringBitmap> candidates) {
    HnswSearcher.checkK(k);
    if (cursor.yielded() > 0) {
      // Docs it already yielded would be missing from the heap and skipped by the fallback.
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "the cursor already yielded " + cursor.yielded() + " docs; pass a fresh cursor");
    }
    LongHeap heap = LongHeap.max(Math.max(1, k));
    LongHeap pool = cursor.estimated() ? LongHeap.max(Traversal.rescoreWidth(k)) : null;
    StopReason reason = k == 0 ? StopReason.SATISFIED : scan(cursor, k, predicate, heap, pool, rule);
    if (pool != null) {
      heap = exactTopK(cursor, pool, k);
    }
    HnswResult.Counters counters = cursor.counters(reason);
    if (reason == StopReason.SWITCHED) {
      ExactFallback.topK(cursor.vectors(), cursor.rawQuery(), k, unexpanded(cursor, candidates.get()), heap, counters);
    } else if (reason == StopReason.BUDGET || (reason == StopReason.EXHAUSTED && heap.size() < k)) {
      ExactFallback.topK(cursor.vectors(), cursor.rawQuery(), k,
          ExactFallback.unseen(cursor, predicate), heap, counters);
    }
    return HnswResult.of(heap.sortedAscending(new long[heap.size()]), heap.size(), counters);
  }

  /** The k nearest of the pool's rows by exact distance. */
  private static LongHeap exactTopK(HnswCursor cursor, LongHeap pool, int k) {
    long[] exact = cursor.exactly(pool.sortedAscending(new long[pool.size()]), pool.size());
    LongHeap heap = LongHeap.max(Math.max(1, k));
    for (long key : exact) {
      heap.offerBounded(key, k);
    }
    return heap;
  }

  /** {@code pool}, when not null, keeps the best {@code rescoreWidth(k)} passing rows for rescoring. */
  private static StopReason scan(HnswCursor cursor, int k, IntPredicate predicate, LongHeap heap, LongHeap pool,
      SwitchRule rule) {
    int poolSize = Traversal.rescoreWidth(k);
    long passed = 0;
    long margin = (long) MARGIN_FACTOR * Math.max(cursor.options().e(), cursor.options().w());
    long fullAndDeparted = -1; // yielded count when the heap was first full after the departure
    while (cursor.next()) {
      if (predicate.test(cursor.docId())) {
        heap.offerBounded(cursor.currentKey(), k);
        if (pool != null) {
          pool.offerBounded(cursor.currentKey(), poolSize);
        }
        passed++;
      }
      if (heap.size() == k && cursor.departed()) {
        fullAndDeparted = fullAndDeparted < 0 ? cursor.yielded() : fullAndDeparted;
        if (cursor.recentMinimum() >= Keys.distance(heap.top()) || cursor.yielded() - fullAndDeparted >= margin) {
          return StopReason.SATISFIED;
        }
      }
      long yielded = cursor.yielded();
      if (yielded % CHECK_EVERY == 0 && rule.shouldSwitch(yielded, passed, heap.size())) {
        return StopReason.SWITCHED;
      }
    }
    return cursor.stopReason();
  }

  /**
   * Candidates the cursor has not expanded: the ones the heap cannot already hold. Set operations,
   * not a test per candidate: at a 10% filter on 828k rows the per-candidate loop took 2–11 ms,
   * as long as a sixth to the whole of the exact scan it was feeding.
   */
  private static RoaringBitmap unexpanded(HnswCursor cursor, RoaringBitmap candidates) {
    RoaringBitmap out = RoaringBitmap.and(candidates, cursor.live());
    out.andNot(cursor.expandedDocs());
    return out;
  }
}
