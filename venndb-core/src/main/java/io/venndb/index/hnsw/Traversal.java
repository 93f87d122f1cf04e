package io.venndb.index.hnsw;

import io.venndb.index.SketchBounds;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The traversal core every search mode shares, with its per-thread scratch: visited stamps, the
 * frontier (a min-heap of candidates) and the results (a bounded max-heap), all on packed {@link
 * Keys}. Not thread-safe; each searcher and each builder thread owns one and reuses it.
 *
 * <p>A search may {@link #estimateWith walk on estimates}: batches of neighbours are then scored
 * from their int8 sketches, and the search rescores what it returns exactly ({@link #exactly}).
 * The graph is always built on exact distances.
 */
final class Traversal {
  static final IntPredicate ALL = doc -> true;
  static final long NO_BUDGET = Long.MAX_VALUE;

  final GraphStore graph;
  final VectorSource vectors;
  final VisitedSet visited;
  final LongHeap frontier = LongHeap.min(256);
  final LongHeap results = LongHeap.max(128);
  final int[] neighbors;
  private final int[] rejected;
  private final int[] secondHop;
  /** Scratch of {@link #scoreBatch}: where each pending vector is, and its distance. */
  private final MemorySegment[] segments;
  private final long[] offsets;
  private final float[] distances;
  private final long[] codes;
  /** Null: batches are scored exactly. */
  private SketchBounds estimator;
  long nodesVisited;
  long distanceComputations;
  long rescored;

  Traversal(GraphStore graph, VectorSource vectors) {
    this.graph = graph;
    this.vectors = vectors;
    this.visited = new VisitedSet(Math.max(graph.docCapacity(), vectors.arena.maxDocExclusive()));
    int width = graph.maxConn(0) + 1;
    this.neighbors = new int[width];
    this.rejected = new int[width];
    this.secondHop = new int[width];
    this.segments = new MemorySegment[width];
    this.offsets = new long[width];
    this.distances = new float[width];
    this.codes = new long[width];
  }

  /** Starts a query: forgets visits, heaps and counters. */
  void begin() {
    visited.reset();
    frontier.clear();
    results.clear();
    nodesVisited = 0;
    distanceComputations = 0;
    rescored = 0;
    estimator = null;
  }

  /**
   * Until the next {@link #begin}, scores neighbour batches from sketches, against {@code
   * preparedQuery}: each costs a quarter of the memory reads of an exact distance, and a walk's
   * time goes mostly to those reads. Single docs (the entry point) stay exact.
   */
  void estimateWith(float[] preparedQuery) {
    estimator = new SketchBounds(vectors.metric, preparedQuery);
  }

  /**
   * Rows a walk on estimates rescores for a top-k: k plus as many again (at least {@value
   * #MIN_RESCORE_EXTRA}), since an estimate's error can swap rows near the k-th. One exact distance
   * each, a few dozen per query against the thousands of estimates the walk computed.
   */
  static int rescoreWidth(int k) {
    return k + Math.max(k, MIN_RESCORE_EXTRA);
  }

  static final int MIN_RESCORE_EXTRA = 16;

  /**
   * The results, nearest first: as they are after an exact walk; after a walk on estimates, the
   * best {@link #rescoreWidth(int) rescoreWidth(k)} of them rescored exactly. At least {@code
   * min(k, results)} keys.
   */
  long[] nearest(int k, float[] query) {
    long[] sorted = results.sortedAscending(new long[results.size()]);
    return estimator == null ? sorted : exactly(sorted, Math.min(sorted.length, rescoreWidth(k)), query);
  }

  /**
   * The keys {@code keys[0..count)} (estimated, in any order) with exact distances, sorted
   * ascending; counted as distance computations and as rescored.
   */
  long[] exactly(long[] keys, int count, float[] preparedQuery) {
    int[] docs = new int[count];
    for (int i = 0; i < count; i++) {
      docs[i] = Keys.doc(keys[i]);
    }
    float[] exact = new float[count];
    vectors.distances(docs, count, preparedQuery, new MemorySegment[count], new long[count], exact);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = Keys.pack(exact[i], docs[i]);
    }
    Arrays.sort(out);
    distanceComputations += count;
    rescored += count;
    return out;
  }

  long score(int doc, float[] query) {
    distanceComputations++;
    return Keys.pack(vectors.distance(doc, query), doc);
  }

  /**
   * Scores {@code docs[0..count)} in one batch (see {@link VectorSource#distances}); the key of
   * doc i is then {@link #scoredKey(int[], int) scoredKey(docs, i)}.
   */
  void scoreBatch(int[] docs, int count, float[] query) {
    distanceComputations += count;
    if (estimator != null) {
      vectors.estimatedDistances(docs, count, query, estimator, segments, offsets, codes, distances);
    } else {
      vectors.distances(docs, count, query, segments, offsets, distances);
    }
  }

  long scoredKey(int[] docs, int i) {
    return Keys.pack(distances[i], docs[i]);
  }

  /**
   * Keeps the neighbours just read into {@link #neighbors} that this query had not discovered,
   * marking them discovered, and scores them; returns how many were kept (and scored).
   */
  int scoreUndiscovered(int count, float[] query) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      int neighbor = neighbors[i];
      if (visited.discover(neighbor)) {
        neighbors[kept++] = neighbor;
      }
    }
    scoreBatch(neighbors, kept, query);
    return kept;
  }

  /** Reads the links of {@code doc} on {@code layer} into {@link #neighbors}; counts a visit. */
  int expand(int doc, int layer) {
    nodesVisited++;
    return graph.neighbors(doc, layer, neighbors);
  }

  /**
   * Greedy walk from the entry point down to {@code stopLayer} (exclusive): on each layer, move to
   * the closest neighbour until none is closer. Returns the key of the node reached.
   */
  long descend(float[] query, long entry, int stopLayer) {
    long best = score(GraphStore.entryNode(entry), query);
    for (int layer = GraphStore.entryLevel(entry); layer > stopLayer; layer--) {
      for (boolean moved = true; moved; ) {
        moved = false;
        int count = expand(Keys.doc(best), layer);
        scoreBatch(neighbors, count, query);
        for (int i = 0; i < count; i++) {
          long key = scoredKey(neighbors, i);
          if (key < best) {
            best = key;
            moved = true;
          }
        }
      }
    }
    return best;
  }

  /** Puts an already scored node on the frontier, and in the results when admitted. */
  void seed(long key, IntPredicate admit, int ef) {
    visited.discover(Keys.doc(key));
    frontier.push(key);
    if (admit.test(Keys.doc(key))) {
      results.offerBounded(key, ef);
    }
  }

  /**
   * Best-first search of one layer (HNSW's SEARCH-LAYER): expand the closest candidate until it is
   * farther than the worst of {@code ef} results. Every node is traversed; only admitted nodes
   * enter the results, so deleted or filtered-out nodes still carry the search.
   */
  StopReason searchLayer(float[] query, int layer, int ef, IntPredicate admit, long budget) {
    while (!frontier.isEmpty()) {
      long candidate = frontier.top();
      if (results.size() >= ef && candidate > results.top()) {
        return StopReason.SATISFIED;
      }
      if (distanceComputations >= budget) {
        return StopReason.BUDGET;
      }
      frontier.pop();
      int scored = scoreUndiscovered(expand(Keys.doc(candidate), layer), query);
      for (int i = 0; i < scored; i++) {
        consider(scoredKey(neighbors, i), ef, admit);
      }
    }
    return StopReason.EXHAUSTED;
  }

  /**
   * ACORN-1 style search of layer 0 for restrictive filters: only accepted nodes are scored and
   * queued, and a rejected neighbour is looked through to its own neighbours, so the accepted
   * subgraph stays connected although the graph was built without the filter. The second hop
   * stops once {@code 2M} accepted nodes were found for this expansion, bounding its cost.
   */
  StopReason searchTwoHop(float[] query, int ef, IntPredicate accept, IntPredicate live, long budget) {
    int wanted = graph.maxConn(0);
    while (!frontier.isEmpty()) {
      long candidate = frontier.top();
      if (results.size() >= ef && candidate > results.top()) {
        return StopReason.SATISFIED;
      }
      if (distanceComputations >= budget) {
        return StopReason.BUDGET;
      }
      frontier.pop();
      int count = expand(Keys.doc(candidate), 0);
      int found = 0, rejectedCount = 0;
      for (int i = 0; i < count; i++) {
        int neighbor = neighbors[i];
        if (!visited.discover(neighbor)) {
          continue; // a rejected node is looked through once, from its closest expanded neighbour
        }
        if (accept.test(neighbor)) {
          neighbors[found++] = neighbor;
        } else {
          rejected[rejectedCount++] = neighbor;
        }
      }
      scoreBatch(neighbors, found, query);
      for (int i = 0; i < found; i++) {
        consider(scoredKey(neighbors, i), ef, live);
      }
      for (int r = 0; r < rejectedCount && found < wanted; r++) {
        found += secondHop(query, rejected[r], ef, accept, live, wanted - found);
      }
    }
    return StopReason.EXHAUSTED;
  }

  /** Scores the unvisited accepted neighbours of a rejected node; returns how many. */
  private int secondHop(float[] query, int via, int ef, IntPredicate accept, IntPredicate live, int limit) {
    nodesVisited++;
    int count = graph.neighbors(via, 0, secondHop);
    int found = 0;
    for (int i = 0; i < count && found < limit; i++) {
      int neighbor = secondHop[i];
      if (accept.test(neighbor) && visited.discover(neighbor)) {
        secondHop[found++] = neighbor;
      }
    }
    scoreBatch(secondHop, found, query);
    for (int i = 0; i < found; i++) {
      consider(scoredKey(secondHop, i), ef, live);
    }
    return found;
  }

  private void consider(long key, int ef, IntPredicate admit) {
    if (results.size() < ef || key < results.top()) {
      frontier.push(key);
      if (admit.test(Keys.doc(key))) {
        results.offerBounded(key, ef);
      }
    }
  }
}
