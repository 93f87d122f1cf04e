package io.venndb.plan;

import io.venndb.index.BitScan;
import io.venndb.index.FlatVectorSearch;
import io.venndb.index.RangeIndex;
import io.venndb.index.ScoredDocs;
import io.venndb.index.hnsw.CursorOptions;
import io.venndb.index.hnsw.CursorTopK;
import io.venndb.index.hnsw.HnswResult;
import io.venndb.index.hnsw.HnswSearcher;
import io.venndb.query.Ranking;
import io.venndb.sets.Bitmaps;
import io.venndb.store.RowCodec;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs a {@link PhysicalPlan}: produces the ranked window ({@code limit + offset} docs with their
 * distances, NaN when not ranked by a vector). When the filter plan may over-include (a NOT-near
 * condition materialised by subtracting an approximate range scan), every returned row is
 * re-checked exactly and rejected rows are excluded from a re-run, so no returned row ever
 * satisfies an excluded vector condition; after {@link #MAX_RECHECKS} re-runs the exact fallback
 * plan answers instead.
 *
 * <p>The other direction: a near-keeping vector condition materialised by an approximate range
 * scan may miss a row within its threshold. That costs nothing while the window fills (the rows
 * returned all pass, and the ranking's own recall governs which), but a window that comes back
 * short might be short only because of a miss, so it is recomputed by the exact fallback plan:
 * {@code LIMIT k} returns {@code min(k, matching rows)} on every path.
 */
final class QueryExecutor {
  static final int MAX_RECHECKS = 8;

  /** The window of ranked docs. */
  record Ranked(int[] docIds, float[] distances) {
    static Ranked of(ScoredDocs s) {
      return new Ranked(s.docIds(), s.distances());
    }

    static Ranked of(HnswResult r) {
      return new Ranked(r.docIds(), r.distances());
    }

    static Ranked unscored(int[] docs) {
      float[] d = new float[docs.length];
      Arrays.fill(d, Float.NaN);
      return new Ranked(docs, d);
    }
  }

  private QueryExecutor() {}

  static Ranked run(PhysicalPlan plan, ExecutionContext context) {
    long start = System.nanoTime();
    FilterExecutor filters = new FilterExecutor(context);
    Ranked ranked = plan.filter().mayOverInclude() ? verified(plan, context, filters) : top(plan, plan.strategy(),
        plan.filter(), context, filters, new RoaringBitmap());
    if (ranked.docIds().length < plan.window() && plan.filter().mayUnderInclude()) {
      note(context, plan, "window short by " + (plan.window() - ranked.docIds().length)
          + " rows after an approximate range scan: completed by the exact plan");
      ranked = exactFallback(plan, context, filters);
    }
    OperatorStats stats = context.stats(plan);
    if (stats != null) {
      stats.rows = ranked.docIds().length;
      stats.addTime(start);
    }
    return ranked;
  }

  private static Ranked verified(PhysicalPlan plan, ExecutionContext context, FilterExecutor filters) {
    IntPredicate exact = filters.tester(plan.exactTest());
    RoaringBitmap rejected = new RoaringBitmap();
    for (int attempt = 0; attempt < MAX_RECHECKS; attempt++) {
      Ranked ranked = top(plan, plan.strategy(), plan.filter(), context, filters, rejected);
      long before = rejected.getLongCardinality();
      for (int doc : ranked.docIds()) {
        if (!exact.test(doc)) {
          rejected.add(doc);
        }
      }
      note(context, plan, "re-checked " + ranked.docIds().length + " rows, rejected " + rejected.getLongCardinality());
      if (rejected.getLongCardinality() == before) {
        return ranked;
      }
    }
    return exactFallback(plan, context, filters);
  }

  private static Ranked exactFallback(PhysicalPlan plan, ExecutionContext context, FilterExecutor filters) {
    boolean byVectors = plan.ranking() instanceof Ranking.ByVector || plan.scoring() != null;
    Strategy exactStrategy = byVectors ? Strategy.EXACT_OVER_FILTER : plan.strategy();
    return top(plan, exactStrategy, plan.fallback(), context, filters, new RoaringBitmap());
  }

  private static Ranked top(PhysicalPlan plan, Strategy strategy, FilterNode filter, ExecutionContext context,
      FilterExecutor filters, RoaringBitmap rejected) {
    if (plan.scoring() != null) {
      return multi(plan, strategy, filter, context, filters, rejected);
    }
    return switch (strategy) {
      case EXACT_OVER_FILTER -> exact(plan, context, without(filters.materialise(filter), rejected));
      case BIT_SCAN_OVER_FILTER -> bitScan(plan, context, without(filters.materialise(filter), rejected));
      case GRAPH_TOPK -> graph(plan, context, searcher(plan, context)
          .search(query(plan), plan.window(), ef(plan, context), without(context.live(), rejected)));
      case FILTERED_GRAPH -> graph(plan, context, searcher(plan, context).searchFilteredByGraph(query(plan),
          plan.window(), ef(plan, context), without(context.live(), rejected),
          without(filters.materialise(filter), rejected)));
      case STREAM_CURSOR -> stream(plan, filter, context, filters, rejected);
      case INDEX_ORDER -> Ranked.unscored(indexOrder(plan, without(filters.materialise(filter), rejected), context));
      case SORT_ROWS -> Ranked.unscored(sortRows(plan, without(filters.materialise(filter), rejected), context));
      case DOC_ORDER -> Ranked.unscored(first(without(filters.materialise(filter), rejected), plan.window()));
      case MULTI_CURSOR -> throw new IllegalStateException("a multi-cursor plan without a scoring");
    };
  }

  /** Exact top-k over the members; EXPLAIN ANALYZE counts each member scanned as one distance. */
  private static Ranked exact(PhysicalPlan plan, ExecutionContext context, RoaringBitmap members) {
    OperatorStats stats = context.stats(plan);
    if (stats != null) {
      stats.distanceComputations += members.getLongCardinality();
    }
    return Ranked.of(FlatVectorSearch.topK(context.arena(plan.rankPosition()), vectorMetric(plan, context),
        query(plan), plan.window(), members));
  }

  /** Bit scan over the members; EXPLAIN ANALYZE counts the rows rescored as distances and notes the rest. */
  private static Ranked bitScan(PhysicalPlan plan, ExecutionContext context, RoaringBitmap members) {
    int minRescored = QueryPlanner.bitScanMinRescored(plan.window(), ef(plan, context));
    BitScan.Result r = BitScan.topK(context.arena(plan.rankPosition()), vectorMetric(plan, context), query(plan),
        plan.window(), minRescored, members);
    OperatorStats stats = context.stats(plan);
    if (stats != null) {
      stats.distanceComputations += r.rescored() + (r.exactFallback() ? r.ranked() : 0);
    }
    note(context, plan, "ranked " + r.ranked() + " rows by one-bit codes" + (r.passes() > 1 ? " in " + r.passes()
        + " passes" : "") + ", rescored " + r.rescored()
        + (r.exactFallback() ? "; the codes did not separate them: exact scan of all" : ""));
    return Ranked.of(r.hits());
  }

  /** Multi-vector rankings: scored exactly over the materialised filter, or by one cursor per query vector. */
  private static Ranked multi(PhysicalPlan plan, Strategy strategy, FilterNode filter, ExecutionContext context,
      FilterExecutor filters, RoaringBitmap rejected) {
    VectorScoring scoring = plan.scoring();
    List<io.venndb.store.VectorArena> arenas = scoring.probes().stream().map(p -> context.arena(p.position())).toList();
    MultiCursorTopK.Result result;
    if (strategy == Strategy.MULTI_CURSOR) {
      IntPredicate test = filters.tester(filter);
      IntPredicate admitted = rejected.isEmpty() ? test : doc -> !rejected.contains(doc) && test.test(doc);
      long budget = (long) Math.max(4096, 4 * plan.plannedYields());
      result = MultiCursorTopK.stream(scoring, arenas, cursorSearchers(scoring, context), context.live(), admitted,
          plan.window(), schedule(plan), budget, () -> without(filters.materialise(plan.fallback()), rejected));
    } else {
      result = MultiCursorTopK.exact(scoring, arenas, without(filters.materialise(filter), rejected), plan.window());
    }
    OperatorStats stats = context.stats(plan);
    if (stats != null) {
      stats.distanceComputations += result.distanceComputations();
      stats.note = result.pulls() + " cursor pulls, stop: " + result.stop();
    }
    float[] values = new float[result.docs().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) result.scores()[i].value();
    }
    return new Ranked(result.docs(), values);
  }

  /** One searcher per cursor: the column's shared one first, a fresh one for each further cursor on it. */
  private static List<HnswSearcher> cursorSearchers(VectorScoring scoring, ExecutionContext context) {
    List<HnswSearcher> out = new java.util.ArrayList<>();
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (VectorScoring.Probe p : scoring.probes().subList(0, scoring.streamed())) {
      out.add(used.add(p.position()) ? context.searcher(p.position()) : context.newSearcher(p.position()));
    }
    return out;
  }

  private static Ranking.Schedule schedule(PhysicalPlan plan) {
    return plan.ranking() instanceof Ranking.WeightedDistance w ? w.schedule() : Ranking.Schedule.ADAPTIVE;
  }

  /**
   * The VBASE plan: the filter tested on each streamed row. If far fewer rows pass than planned,
   * the stream switches to an exact scan of the materialised filter (without graph access, so it
   * cannot disturb the cursor) minus what the cursor already covered.
   */
  private static Ranked stream(PhysicalPlan plan, FilterNode filter, ExecutionContext context,
      FilterExecutor filters, RoaringBitmap rejected) {
    IntPredicate test = filters.tester(filter);
    IntPredicate admitted = rejected.isEmpty() ? test : doc -> !rejected.contains(doc) && test.test(doc);
    CursorTopK.SwitchRule rule = switchRule(plan, context.live().getLongCardinality());
    CursorOptions options = CursorSettings.forStream(plan, context);
    HnswResult result = searcher(plan, context).topK(query(plan), plan.window(), context.live(), admitted,
        options, rule, () -> without(filters.materialise(plan.fallback()), rejected));
    Ranked ranked = graph(plan, context, result);
    OperatorStats stats = context.stats(plan);
    if (stats != null) {
      stats.note += ", E " + options.e() + ", w " + options.w(); // what ef became for the stop rule
    }
    return ranked;
  }

  /**
   * Switch once the stream has yielded twice the rows it was planned for and, at the pass rate
   * expected from here on, finishing it would cost more than scanning the materialised filter
   * exactly. Until the stream has cost as much as that scan, the rate blends what it has seen with
   * the planner's estimate, which counts as many pseudo-yields as the plan expected to need: the
   * first rows a stream sees are its query's neighbourhood, where a filter correlated with the
   * vectors is at its least typical. Trusting them alone, 9 of 94 queries of a 10% date window on
   * 828k PyPI rows switched after 256 yields with none passing (predicted: 18 ms more) and took
   * 14–38 ms, where streaming on would have finished in 2–6 ms (one in 15). From then on the
   * stream is judged on its own pass rate, as before, so one whose filter is truly rare near the
   * query still switches, having spent about the scan's cost first (ski rental: about twice the
   * cheaper choice at worst, where the plan's estimate alone could keep a stream whose filter
   * passes 100 times less often than planned going to the end).
   */
  static CursorTopK.SwitchRule switchRule(PhysicalPlan plan, long liveRows) {
    double exactCost = plan.alternatives().stream().filter(a -> a.strategy() == Strategy.EXACT_OVER_FILTER)
        .mapToDouble(PhysicalPlan.Alternative::cost).findFirst().orElse(Double.POSITIVE_INFINITY);
    int window = plan.window();
    double perYield = plan.perYieldNs();
    double priorYields = plan.plannedYields();
    double priorPasses = priorYields * plan.fallback().estimate().selectivity(liveRows);
    return (yielded, passed, held) -> {
      if (yielded < 2 * priorYields) {
        return false;
      }
      boolean paidForTheScan = yielded * perYield >= exactCost;
      double rate = paidForTheScan ? Math.max(passed, 0.5) / yielded
          : Math.max(passed + priorPasses, 0.5) / (yielded + priorYields);
      return (window - held) / rate * perYield > exactCost;
    };
  }

  private static Ranked graph(PhysicalPlan plan, ExecutionContext context, HnswResult result) {
    OperatorStats stats = context.stats(plan);
    if (stats != null) {
      stats.distanceComputations += result.distanceComputations();
      stats.nodesVisited += result.nodesVisited();
      stats.note = "stop: " + result.stopReason() + (result.usedExactSearch() ? ", exact scan used" : "")
          + (result.rescored() > 0 ? ", walked on sketches, " + result.rescored() + " rescored" : "");
      stats.switched |= result.stopReason() == io.venndb.index.hnsw.StopReason.SWITCHED;
    }
    return Ranked.of(result);
  }

  private static int[] indexOrder(PhysicalPlan plan, RoaringBitmap members, ExecutionContext context) {
    Ranking.ByColumn order = (Ranking.ByColumn) plan.ranking();
    RangeIndex index = (RangeIndex) context.indexes().at(plan.rankPosition());
    int[] valued = index.firstInOrder(members, plan.window(), order.descending());
    if (valued.length == plan.window()) {
      return valued;
    }
    RoaringBitmap nulls = Bitmaps.andNot(members, index.present());
    int[] tail = first(nulls, plan.window() - valued.length);
    int[] all = Arrays.copyOf(valued, valued.length + tail.length);
    System.arraycopy(tail, 0, all, valued.length, tail.length);
    return all;
  }

  /** Reads the members' rows and sorts them by the column, NULLs last, ties by doc id. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int[] sortRows(PhysicalPlan plan, RoaringBitmap members, ExecutionContext context) {
    Ranking.ByColumn order = (Ranking.ByColumn) plan.ranking();
    int[] docs = members.toArray();
    List<RowCodec.Decoded> rows = context.store().rows(context.view(), docs, plan.rankPosition() < 0);
    Comparable[] values = new Comparable[docs.length];
    for (int i = 0; i < docs.length; i++) {
      RowCodec.Decoded row = rows.get(i);
      values[i] = (Comparable) (plan.rankPosition() < 0 ? row.primaryKey() : row.values()[plan.rankPosition()]);
    }
    Comparator<Integer> byValue = (a, b) -> {
      if (values[a] == null || values[b] == null) {
        return values[a] == null ? (values[b] == null ? 0 : 1) : -1;
      }
      int c = values[a].compareTo(values[b]);
      return order.descending() ? -c : c;
    };
    Integer[] idx = new Integer[docs.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, byValue.thenComparingInt(i -> docs[i]));
    int n = Math.min(plan.window(), docs.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = docs[idx[i]];
    }
    return out;
  }

  private static int[] first(RoaringBitmap set, int n) {
    int[] out = new int[(int) Math.min(n, set.getLongCardinality())];
    var it = set.getIntIterator();
    for (int i = 0; i < out.length; i++) {
      out[i] = it.next();
    }
    return out;
  }

  private static RoaringBitmap without(RoaringBitmap set, RoaringBitmap rejected) {
    return rejected.isEmpty() ? set : Bitmaps.andNot(set, rejected);
  }

  private static HnswSearcher searcher(PhysicalPlan plan, ExecutionContext context) {
    return context.searcher(plan.rankPosition());
  }

  private static float[] query(PhysicalPlan plan) {
    return ((Ranking.ByVector) plan.ranking()).vector();
  }

  private static io.venndb.vector.Metric vectorMetric(PhysicalPlan plan, ExecutionContext context) {
    return context.store().schema().columns().get(plan.rankPosition()).metric();
  }

  private static int ef(PhysicalPlan plan, ExecutionContext context) {
    return plan.ef() > 0 ? plan.ef() : context.searcherConfigEf(plan.rankPosition());
  }

  private static void note(ExecutionContext context, PhysicalPlan plan, String text) {
    OperatorStats stats = context.stats(plan);
    if (stats != null) {
      stats.note = text;
    }
  }
}
