package io.venndb.index.hnsw;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.index.FlatVectorSearch;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs searches on one {@link HnswIndex} with reusable per-thread scratch (visited stamps, heaps).
 * Not thread-safe: give each thread its own searcher and reuse it across queries. Searches may run
 * while the index's writer inserts.
 *
 * <p>Every search takes {@code live}, the docs that may be returned (a snapshot's live docs):
 * nodes outside it are traversed, because they still connect the graph, but never returned.
 * Queries are raw vectors of the index's dimension; they are validated and prepared (normalised
 * for COSINE) here. Results hold distances, smaller is closer, as {@link io.venndb.vector.Metric}
 * defines them.
 *
 * <p>On vectors of {@value FlatVectorSearch#MIN_SKETCH_DIMENSION} or more components, top-k
 * searches walk layer 0 on sketch estimates ({@link Traversal#estimateWith}) and rescore the rows
 * they return exactly, so every returned distance is exact; range scans and {@link #cursor
 * cursors} handed out stay exact throughout. The system property {@value
 * #EXACT_WALKS_PROPERTY}{@code =true} turns the estimates off, for measuring what they save.
 */
public final class HnswSearcher {
  public static final String EXACT_WALKS_PROPERTY = "venndb.hnsw.exactWalks";
  private static final boolean EXACT_WALKS = Boolean.getBoolean(EXACT_WALKS_PROPERTY);
  private final HnswIndex index;
  private final Traversal traversal;
  private boolean estimatedWalks;
  /** Bumped by every search, so a cursor can tell that its scratch was taken over. */
  private int lease;

  HnswSearcher(HnswIndex index) {
    this.index = index;
    this.traversal = new Traversal(index.graph(), index.vectors());
    this.estimatedWalks = !EXACT_WALKS
        && index.vectors().dimension() >= FlatVectorSearch.MIN_SKETCH_DIMENSION;
  }

  /** Whether top-k searches walk on sketch estimates (see the class comment). */
  public boolean estimatedWalks() {
    return estimatedWalks;
  }

  /** Turns walks on estimates on or off for this searcher's later searches (tests, comparisons). */
  public void setEstimatedWalks(boolean on) {
    this.estimatedWalks = on;
  }

  /** The {@code min(k, live nodes)} nearest live docs, with the index's default efSearch. */
  public HnswResult search(float[] query, int k, RoaringBitmap live) {
    return search(query, k, index.config().efSearch(), live);
  }

  /**
   * Classic HNSW top-k: best-first on layer 0 keeping {@code max(ef, k)} candidates. If the graph
   * reaches fewer than k live nodes (heavy deletes, a tiny graph) the live docs are scanned.
   */
  public HnswResult search(float[] query, int k, int ef, RoaringBitmap live) {
    checkK(k);
    checkEf(ef);
    float[] prepared = begin(query, live);
    int width = Math.max(k, ef);
    IntPredicate isLive = live::contains;
    HnswResult.Counters counters = new HnswResult.Counters();
    if (start(traversal, prepared, width, isLive, estimatedWalks)) {
      counters.stopReason = traversal.searchLayer(prepared, 0, width, isLive, Traversal.NO_BUDGET);
    }
    if (traversal.results.size() < k) {
      counters.add(traversal);
      LongHeap heap = LongHeap.max(k);
      ExactFallback.topK(traversal.vectors, query, k, live, heap, counters);
      return HnswResult.of(heap.sortedAscending(new long[heap.size()]), heap.size(), counters);
    }
    return nearest(traversal, k, prepared, counters);
  }

  /**
   * The {@code min(k, |live ∩ accept|)} nearest docs of a materialised filter. Small filters are
   * scanned exactly; otherwise the graph is searched (two-hop through rejected nodes when the
   * filter keeps under half the graph) with the exact scan as fallback. See {@link
   * HnswResult#usedExactSearch()}.
   */
  public HnswResult searchFiltered(
      float[] query, int k, int ef, RoaringBitmap live, RoaringBitmap accept) {
    checkK(k);
    checkEf(ef);
    float[] prepared = begin(query, live);
    return FilteredSearch.search(traversal, query, prepared, k, ef, live,
        Objects.requireNonNull(accept, "accept"), true, estimatedWalks);
  }

  /**
   * As {@link #searchFiltered}, but always walks the graph (when the filter holds more than
   * {@code max(k, ef)} docs) instead of choosing by its own cost rule: for a caller that priced
   * the alternatives itself. The exact fallback still guarantees {@code min(k, matches)} rows.
   */
  public HnswResult searchFilteredByGraph(
      float[] query, int k, int ef, RoaringBitmap live, RoaringBitmap accept) {
    checkK(k);
    checkEf(ef);
    float[] prepared = begin(query, live);
    return FilteredSearch.search(traversal, query, prepared, k, ef, live,
        Objects.requireNonNull(accept, "accept"), false, estimatedWalks);
  }

  /**
   * Opens a streaming cursor (VBASE iterator) on exact distances. Starting any other search here
   * ends it.
   */
  public HnswCursor cursor(float[] query, RoaringBitmap live, CursorOptions options) {
    return cursor(query, live, options, false);
  }

  /** A cursor that walks on sketch estimates when {@code estimated}: for top-k, which rescores its rows. */
  private HnswCursor cursor(float[] query, RoaringBitmap live, CursorOptions options, boolean estimated) {
    Objects.requireNonNull(options, "options");
    float[] prepared = begin(query, live);
    return new HnswCursor(this, lease, traversal, query, prepared, live, options, estimated);
  }

  /** Every live doc within {@code maxDistance}, nearest first, found by the cursor. */
  public HnswResult range(float[] query, float maxDistance, RoaringBitmap live, CursorOptions options) {
    if (Float.isNaN(maxDistance)) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "maxDistance is NaN");
    }
    return RangeScan.collect(cursor(query, live, options), maxDistance);
  }

  /** Top-k over the cursor with a per-row predicate; see {@link CursorTopK}. */
  public HnswResult topK(float[] query, int k, RoaringBitmap live, IntPredicate predicate,
      CursorOptions options) {
    Objects.requireNonNull(predicate, "predicate");
    checkK(k);
    return CursorTopK.collect(cursor(query, live, options, estimatedWalks), k, predicate);
  }

  /**
   * Top-k over the cursor that may switch mid-query to an exact scan of {@code candidates} (see
   * {@link CursorTopK#collect(HnswCursor, int, IntPredicate, CursorTopK.SwitchRule,
   * java.util.function.Supplier)}).
   */
  public HnswResult topK(float[] query, int k, RoaringBitmap live, IntPredicate predicate, CursorOptions options,
      CursorTopK.SwitchRule rule, java.util.function.Supplier<RoaringBitmap> candidates) {
    Objects.requireNonNull(predicate, "predicate");
    checkK(k);
    return CursorTopK.collect(cursor(query, live, options, estimatedWalks), k, predicate, rule, candidates);
  }

  /** The index's default beam width (efSearch). */
  public int defaultEf() {
    return index.config().efSearch();
  }

  /** The graph's layer-0 out-degree bound (2M): the distance computations one expansion may cost. */
  public int layer0Links() {
    return index.graph().layer0Links();
  }

  void checkLease(int cursorLease) {
    if (cursorLease != lease) {
      throw new IllegalStateException(
          "this cursor was ended by a later search on the same HnswSearcher; use one searcher per cursor");
    }
  }

  private float[] begin(float[] query, RoaringBitmap live) {
    Objects.requireNonNull(live, "live");
    float[] prepared = traversal.vectors.prepare(Objects.requireNonNull(query, "query"));
    lease++;
    return prepared;
  }

  /**
   * Resets the traversal (to walk on estimates when {@code estimated}) and seeds it with the node
   * the upper layers lead to; false if empty.
   */
  static boolean start(Traversal traversal, float[] query, int width, IntPredicate admit, boolean estimated) {
    traversal.begin();
    if (estimated) {
      traversal.estimateWith(query);
    }
    long entry = traversal.graph.entry();
    if (entry == GraphStore.NO_ENTRY) {
      return false;
    }
    traversal.seed(traversal.descend(query, entry, 0), admit, width);
    return true;
  }

  /** The walk's k nearest results (rescored when it walked on estimates), with its counters added. */
  static HnswResult nearest(Traversal traversal, int k, float[] query, HnswResult.Counters counters) {
    long[] sorted = traversal.nearest(k, query);
    counters.add(traversal);
    return HnswResult.of(sorted, Math.min(k, sorted.length), counters);
  }

  static void checkK(int k) {
    if (k < 0) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "k must be >= 0, got " + k);
    }
  }

  private static void checkEf(int ef) {
    if (ef < 1) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "ef must be >= 1, got " + ef);
    }
  }
}
