package io.venndb.index.hnsw;

import org.roaringbitmap.RoaringBitmap;

/**
 * A streaming, resumable best-first scan of layer 0 (VBASE's vector iterator): each {@link
 * #next()} expands the nearest unexpanded node and yields it if it is live, so docs come out in
 * approximately increasing distance with no fixed ef. The frontier and visited set persist
 * between calls; there is no bound on how far the scan may go except the budgets.
 *
 * <p>Every expanded node, live or not, is fed to the relaxed-monotonicity detector before any
 * filter; {@link #departed()} says when a consumer holding enough rows may stop. The cursor
 * borrows its searcher's scratch: starting another search on that searcher ends it, and a later
 * {@code next()} throws {@link IllegalStateException}. Inserts into the index while a cursor is
 * open are safe; the scan may or may not reach the new nodes.
 */
public final class HnswCursor {
  private final HnswSearcher owner;
  private final int lease;
  private final Traversal traversal;
  private final float[] query;
  private final float[] rawQuery;
  private final RoaringBitmap live;
  private final CursorOptions options;
  private final boolean estimated;
  private final DepartureDetector detector;
  private long current = -1;
  private long yielded;
  private StopReason stopReason;

  HnswCursor(HnswSearcher owner, int lease, Traversal traversal, float[] rawQuery, float[] query,
      RoaringBitmap live, CursorOptions options, boolean estimated) {
    this.owner = owner;
    this.lease = lease;
    this.traversal = traversal;
    this.rawQuery = rawQuery;
    this.query = query;
    this.live = live;
    this.options = options;
    this.estimated = estimated;
    this.detector = new DepartureDetector(options.e(), options.w());
    start();
  }

  private void start() {
    traversal.begin();
    if (estimated) {
      traversal.estimateWith(query);
    }
    long entry = traversal.graph.entry();
    if (entry == GraphStore.NO_ENTRY) {
      stopReason = StopReason.EXHAUSTED;
      return;
    }
    long first = traversal.descend(query, entry, 0);
    traversal.visited.discover(Keys.doc(first));
    traversal.frontier.push(first);
  }

  /** Moves to the next live doc; false once the scan is exhausted or out of budget. */
  public boolean next() {
    owner.checkLease(lease);
    if (stopReason != null) {
      return false;
    }
    while (true) {
      if (traversal.frontier.isEmpty()) {
        return stop(StopReason.EXHAUSTED);
      }
      if (traversal.nodesVisited >= options.maxVisited()
          || traversal.frontier.size() > options.maxFrontier()) {
        return stop(StopReason.BUDGET);
      }
      long key = traversal.frontier.pop();
      expand(Keys.doc(key));
      detector.accept(Keys.distance(key));
      if (live.contains(Keys.doc(key))) {
        current = key;
        yielded++;
        return true;
      }
    }
  }

  private void expand(int doc) {
    int scored = traversal.scoreUndiscovered(traversal.expand(doc, 0), query);
    for (int i = 0; i < scored; i++) {
      traversal.frontier.push(traversal.scoredKey(traversal.neighbors, i));
    }
    traversal.visited.markExpanded(doc);
  }

  private boolean stop(StopReason reason) {
    stopReason = reason;
    current = -1;
    return false;
  }

  /** The current doc; only after {@link #next()} returned true. */
  public int docId() {
    return Keys.doc(currentKey());
  }

  /** Distance of the current doc to the query. */
  public float distance() {
    return Keys.distance(currentKey());
  }

  /** The options the cursor runs with (its detector's E and w among them). */
  public CursorOptions options() {
    return options;
  }

  /** True once the scan has left the query's neighbourhood (sticky). */
  public boolean departed() {
    return detector.departed();
  }

  /** R: distance of the E-th nearest node visited so far; +infinity before E were visited. */
  public float departureBound() {
    return detector.bound();
  }

  /** M: median distance of the last w visited nodes; NaN before the first. */
  public float recentMedian() {
    return detector.median();
  }

  /** The nearest of the last w visited nodes; NaN before the first. */
  public float recentMinimum() {
    return detector.windowMinimum();
  }

  /** Nodes expanded so far, including the greedy descent through the upper layers. */
  public long nodesVisited() {
    return traversal.nodesVisited;
  }

  public long distanceComputations() {
    return traversal.distanceComputations;
  }

  /** Discovered nodes not yet expanded: the cursor's memory, 8 bytes each. */
  public int frontierSize() {
    return traversal.frontier.size();
  }

  /** Why {@link #next()} returned false: {@link StopReason#EXHAUSTED} or {@link StopReason#BUDGET}. */
  public StopReason stopReason() {
    if (stopReason == null) {
      throw new IllegalStateException("the cursor is still running; next() has not returned false");
    }
    return stopReason;
  }

  long currentKey() {
    if (current == -1) {
      throw new IllegalStateException("no current doc: call next() and check that it returned true");
    }
    return current;
  }

  /** Docs returned by {@link #next()} so far. */
  long yielded() {
    return yielded;
  }

  boolean wasExpanded(int doc) {
    owner.checkLease(lease);
    return traversal.visited.isExpanded(doc);
  }

  /** Every doc expanded so far. */
  RoaringBitmap expandedDocs() {
    owner.checkLease(lease);
    return traversal.visited.expandedDocs();
  }

  /**
   * Whether the cursor walks on sketch estimates: then {@link #distance} and {@link #currentKey}
   * are estimates, which only a top-k that rescores its rows may use.
   */
  boolean estimated() {
    return estimated;
  }

  /** The exact keys of {@code keys[0..count)}, sorted; see {@link Traversal#exactly}. */
  long[] exactly(long[] keys, int count) {
    owner.checkLease(lease);
    return traversal.exactly(keys, count, query);
  }

  float[] rawQuery() {
    return rawQuery;
  }

  RoaringBitmap live() {
    return live;
  }

  VectorSource vectors() {
    return traversal.vectors;
  }

  HnswResult.Counters counters(StopReason reason) {
    HnswResult.Counters counters = new HnswResult.Counters().add(traversal);
    counters.stopReason = reason;
    return counters;
  }
}
