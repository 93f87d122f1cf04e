package io.venndb.index.hnsw;

import java.util.function.IntPredicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * Top-k among the members of a materialised filter, by the ladder STYLE.md asks for: count the
 * matching live docs; scan them exactly when that costs fewer distance computations than the
 * graph search is expected to (see {@link #expectedGraphCost});
 * otherwise search the graph with a budget of as many distance computations as the exact scan
 * would cost, and fall back to the exact scan if the budget runs out or the graph reaches fewer
 * than k matches. Below {@link #TWO_HOP_BELOW} of the graph the traversal is ACORN-1 style.
 */
final class FilteredSearch {
  /**
   * Below this accepted fraction, walking every node wastes most distance computations on
   * rejected nodes; looking through them to their neighbours scores accepted nodes only.
   */
  static final double TWO_HOP_BELOW = 0.5;

  private FilteredSearch() {}

  static HnswResult search(Traversal traversal, float[] rawQuery, float[] query, int k, int ef,
      RoaringBitmap live, RoaringBitmap accept) {
    return search(traversal, rawQuery, query, k, ef, live, accept, true, false);
  }

  /**
   * With {@code costRule} false the graph is walked whatever the filter's size (a planner that
   * priced the walk has already decided); the budget and the exact fallback still apply. With
   * {@code estimated} the walk runs on sketch estimates and its rows are rescored.
   */
  static HnswResult search(Traversal traversal, float[] rawQuery, float[] query, int k, int ef,
      RoaringBitmap live, RoaringBitmap accept, boolean costRule, boolean estimated) {
    RoaringBitmap matching = RoaringBitmap.and(live, accept);
    long count = matching.getLongCardinality();
    int width = Math.max(k, ef);
    HnswResult.Counters counters = new HnswResult.Counters();
    if (count == 0 || k == 0) {
      counters.stopReason = count == 0 ? StopReason.EXHAUSTED : StopReason.SATISFIED;
      return HnswResult.of(new long[0], 0, counters);
    }
    if (count <= width || (costRule && count <= expectedGraphCost(traversal.graph, width, count))) {
      counters.stopReason = StopReason.SATISFIED;
      return exact(traversal, rawQuery, k, matching, counters);
    }
    boolean twoHop = count < TWO_HOP_BELOW * traversal.graph.size();
    StopReason reason = graph(traversal, query, width, live, accept, twoHop, count, estimated);
    counters.stopReason = reason;
    if (reason == StopReason.BUDGET || traversal.results.size() < k) {
      counters.add(traversal);
      return exact(traversal, rawQuery, k, matching, counters);
    }
    return HnswSearcher.nearest(traversal, k, query, counters);
  }

  /**
   * Distance computations a filtered graph search is expected to spend: to collect {@code width}
   * accepted nodes it expands about {@code width / s} nodes (s = accepted fraction), each costing
   * up to 2M neighbour evaluations. The exact scan costs {@code count}; the graph only pays off
   * when {@code count² > width · 2M · N}, i.e. for large filters on large graphs.
   */
  static long expectedGraphCost(GraphStore graph, int width, long count) {
    double selectivity = (double) count / Math.max(1, graph.size());
    return (long) Math.min(Long.MAX_VALUE / 2, width * (double) graph.layer0Links() / selectivity);
  }

  /**
   * The graph part alone, with {@code budget} distance computations; results are left in the
   * traversal. Package-private so tests can measure the two-hop traversal without the ladder.
   */
  static StopReason graph(Traversal traversal, float[] query, int width, RoaringBitmap live,
      RoaringBitmap accept, boolean twoHop, long budget) {
    return graph(traversal, query, width, live, accept, twoHop, budget, false);
  }

  private static StopReason graph(Traversal traversal, float[] query, int width, RoaringBitmap live,
      RoaringBitmap accept, boolean twoHop, long budget, boolean estimated) {
    IntPredicate isLive = live::contains;
    IntPredicate isAccepted = accept::contains;
    IntPredicate admit = doc -> accept.contains(doc) && live.contains(doc);
    if (!HnswSearcher.start(traversal, query, width, admit, estimated)) {
      return StopReason.EXHAUSTED;
    }
    return twoHop
        ? traversal.searchTwoHop(query, width, isAccepted, isLive, budget)
        : traversal.searchLayer(query, 0, width, admit, budget);
  }

  private static HnswResult exact(Traversal traversal, float[] rawQuery, int k,
      RoaringBitmap matching, HnswResult.Counters counters) {
    LongHeap heap = LongHeap.max(k);
    ExactFallback.topK(traversal.vectors, rawQuery, k, matching, heap, counters);
    return HnswResult.of(heap.sortedAscending(new long[heap.size()]), heap.size(), counters);
  }
}
