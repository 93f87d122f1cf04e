package io.venndb.plan;

import io.venndb.index.CollectionIndexes;
import io.venndb.index.VectorIndexes;
import io.venndb.index.hnsw.HnswSearcher;
import io.venndb.store.CollectionStore;
import io.venndb.store.ReadView;
import io.venndb.store.VectorArena;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * One query's execution state on one view: the live docs, the evaluator for scalar leaves, the
 * rows-with-a-vector sets it has computed, and, under {@code EXPLAIN ANALYZE}, the statistics of
 * each plan node (null otherwise, so a plain run pays nothing for them).
 */
final class ExecutionContext {
  private final CollectionStore store;
  private final CollectionIndexes indexes;
  private final VectorIndexes vectorIndexes;
  private final ReadView view;
  private final RoaringBitmap live;
  private final FilterEvaluator evaluator;
  private final Map<Object, OperatorStats> stats;
  private final Map<Integer, RoaringBitmap> withVector = new HashMap<>();

  ExecutionContext(CollectionStore store, CollectionIndexes indexes, VectorIndexes vectorIndexes, ReadView view,
      RoaringBitmap live, boolean analyze) {
    this.store = store;
    this.indexes = indexes;
    this.vectorIndexes = vectorIndexes;
    this.view = view;
    this.live = live;
    this.evaluator = new FilterEvaluator(store, indexes, view);
    this.stats = analyze ? new IdentityHashMap<>() : null;
  }

  RoaringBitmap live() {
    return live;
  }

  ReadView view() {
    return view;
  }

  CollectionStore store() {
    return store;
  }

  CollectionIndexes indexes() {
    return indexes;
  }

  /** The column's default HNSW beam width. */
  int searcherConfigEf(int position) {
    return vectorIndexes.graph(position).config().efSearch();
  }

  FilterEvaluator evaluator() {
    return evaluator;
  }

  VectorArena arena(int position) {
    return store.arena(position);
  }

  HnswSearcher searcher(int position) {
    return vectorIndexes.searcher(position);
  }

  /** A searcher of its own, for a second cursor on the same column in one query. */
  HnswSearcher newSearcher(int position) {
    return vectorIndexes.graph(position).newSearcher();
  }

  /** Distance computations summed over every node analysed; -1 when not analysing. */
  long totalDistanceComputations() {
    return stats == null ? -1 : stats.values().stream().mapToLong(o -> o.distanceComputations).sum();
  }

  /** Graph nodes visited summed over every node analysed; -1 when not analysing. */
  long totalNodesVisited() {
    return stats == null ? -1 : stats.values().stream().mapToLong(o -> o.nodesVisited).sum();
  }

  /** Statistics of a plan node (created on first use), or null when not analysing. */
  OperatorStats stats(Object node) {
    return stats == null ? null : stats.computeIfAbsent(node, n -> new OperatorStats());
  }

  /** Statistics a node gathered, or null when it gathered none (or not analysing). */
  OperatorStats existingStats(Object node) {
    return stats == null ? null : stats.get(node);
  }

  boolean analyzing() {
    return stats != null;
  }

  /** Live docs with a vector in the column; rows without one make a vector condition unknown. */
  RoaringBitmap withVector(int position) {
    return withVector.computeIfAbsent(position, p -> {
      VectorArena arena = store.arena(p);
      RoaringBitmap out = new RoaringBitmap();
      live.forEach((int doc) -> {
        if (arena.has(doc)) {
          out.add(doc);
        }
      });
      return out;
    });
  }
}
