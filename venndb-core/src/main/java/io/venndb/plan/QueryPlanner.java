package io.venndb.plan;

import io.venndb.index.BitScan;
import io.venndb.index.RangeIndex;
import io.venndb.plan.PhysicalPlan.Alternative;
import io.venndb.query.Predicate;
import io.venndb.query.Ranking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses how to run a query by estimated cost. For {@code TOP k BY distance(v, Q) WHERE P} it
 * prices the three strategies of DESIGN.md §2 — materialise P and scan it exactly, materialise P
 * and walk the graph admitting only its members, stream the graph cursor and test P per row — and
 * a fourth, materialise P and rank its members by one-bit codes ({@link BitScan}), each with the
 * filter plan that suits it (a stream tests P on about {@code k / selectivity} rows, so its vector
 * conditions are usually tested per row; a materialised P chooses per condition), and keeps the
 * cheapest. Scalar ranking chooses between an ordered index walk and sorting rows.
 */
final class QueryPlanner {
  private final PlanningContext context;
  private final FilterPlanner filters;
  private final FilterPlanner exactFilters;

  QueryPlanner(PlanningContext context, PlanningContext exactContext) {
    this.context = context;
    FilterPlanner.Memo memo = FilterPlanner.Memo.create();
    this.filters = new FilterPlanner(context, memo);
    this.exactFilters = new FilterPlanner(exactContext, memo);
  }

  /** {@code filter} is normalised (a {@link Predicate.Constant} TRUE when the query has none). */
  PhysicalPlan plan(Predicate filter, Ranking ranking, int limit, int offset, int ef) {
    Exact fallback = new Exact(exactFilters.materialised(filter), exactFilters.tested(filter, limit + offset));
    return switch (ranking) {
      case Ranking.ByVector v -> vectorPlan(filter, fallback, v, limit, offset, ef);
      case Ranking.ByColumn c -> columnPlan(filter, fallback, c, limit, offset);
      case Ranking.WeightedDistance w -> multiPlan(filter, fallback, w, weightedSum(w), limit, offset);
      case Ranking.Recommend r -> multiPlan(filter, fallback, r, bestScore(r), limit, offset);
      case Ranking.Unordered u -> {
        FilterNode f = filters.materialised(filter);
        yield plan(Strategy.DOC_ORDER, f, fallback, ranking, -1, limit, offset, ef, f.cost(),
            List.of(new Alternative(Strategy.DOC_ORDER, f.cost())), 0, 0);
      }
    };
  }

  /** The filter without graph access: materialised (switch target, last resort) and as a per-row re-check. */
  private record Exact(FilterNode materialised, FilterNode tested) {}

  private PhysicalPlan vectorPlan(Predicate filter, Exact fallback, Ranking.ByVector v, int limit, int offset,
      int ef) {
    int position = context.schema().position(v.column());
    UnitCosts u = context.costs();
    int window = limit + offset;
    double n = Math.max(1, context.liveCount());
    List<Candidate> candidates = new ArrayList<>();
    FilterNode materialised = filters.materialised(filter);
    double matches = materialised.estimate().rows();
    candidates.add(new Candidate(Strategy.EXACT_OVER_FILTER, materialised,
        materialised.cost() + u.exactScanNs(context.dimension(position), matches, window), 0, 0));
    if (context.mayUseGraph(position)) {
      int searchEf = ef > 0 ? ef : context.graph(position).config().efSearch();
      // Codes rank approximately, so like the graph they serve only columns indexed for approximate search.
      if (BitScan.applies(context.dimension(position))) {
        candidates.add(new Candidate(Strategy.BIT_SCAN_OVER_FILTER, materialised,
            materialised.cost() + u.bitScanNs(matches, window, bitScanMinRescored(window, searchEf)), 0, 0));
      }
      double links = context.links(position);
      int width = Math.max(window, searchEf);
      double perVisit = links * u.graphDistanceNs();
      if (filter instanceof Predicate.Constant c && c.value()) {
        candidates.add(new Candidate(Strategy.GRAPH_TOPK, materialised, 2 * width * perVisit, 0, 0));
      } else {
        double selectivity = Math.max(matches / n, 1 / n);
        double walk = Math.min(width / selectivity * perVisit, matches * (perVisit + u.distanceNs()));
        candidates.add(new Candidate(Strategy.FILTERED_GRAPH, materialised, materialised.cost() + walk, 0, 0));
        if (context.mayStream(position)) {
          double yields = Math.min(n, Math.max(window / selectivity, context.streamWarmup(position, ef, window)));
          FilterNode tested = filters.tested(filter, yields);
          candidates.add(new Candidate(Strategy.STREAM_CURSOR, tested, yields * perVisit + tested.cost(), yields,
              perVisit + tested.cost() / yields));
        }
      }
    }
    return choose(candidates, fallback, v, position, limit, offset, ef, Math.min(window, matches));
  }

  /**
   * Rows a bit scan rescores at the least: twice the window, or the search width ef when that is
   * larger, so ef trades time for recall here as it does in a graph walk (with the stop rule on
   * top, recall@10 on Debian MiniLM rows was 0.997–0.999 at 20 and 0.998–1.0 at 64; BitScanTest).
   */
  static int bitScanMinRescored(int window, int ef) {
    return Math.max(2 * window, ef);
  }

  /** Depth factor of a threshold-algorithm stop: each cursor reads a few times k / selectivity rows. */
  static final double MULTI_CURSOR_DEPTH = 4;

  private PhysicalPlan multiPlan(Predicate filter, Exact fallback, Ranking ranking, VectorScoring scoring, int limit,
      int offset) {
    UnitCosts u = context.costs();
    int window = limit + offset;
    double n = Math.max(1, context.liveCount());
    int probes = scoring.probes().size();
    FilterNode materialised = filters.materialised(filter);
    double matches = materialised.estimate().rows();
    List<Candidate> candidates = new ArrayList<>();
    candidates.add(new Candidate(Strategy.EXACT_OVER_FILTER, materialised,
        materialised.cost() + matches * probes * u.distanceNs(), 0, 0));
    boolean graphs = scoring.probes().stream().limit(scoring.streamed()).allMatch(p -> context.mayStream(p.position()));
    if (graphs) {
      double selectivity = Math.max(matches / n, 1 / n);
      double perCursor = Math.min(n, MULTI_CURSOR_DEPTH * Math.max(window / selectivity,
          context.streamWarmup(scoring.probes().getFirst().position(), 0, window)));
      double pulls = perCursor * scoring.streamed();
      double walk = 0;
      for (VectorScoring.Probe p : scoring.probes().subList(0, scoring.streamed())) {
        walk += perCursor * context.links(p.position()) * u.graphDistanceNs();
      }
      FilterNode tested = filters.tested(filter, pulls);
      candidates.add(new Candidate(Strategy.MULTI_CURSOR, tested, walk + pulls * probes * u.distanceNs() + tested.cost(),
          pulls, 0));
    }
    PhysicalPlan chosen = choose(candidates, fallback, ranking, -1, limit, offset, 0, Math.min(window, matches));
    return withScoring(chosen, scoring);
  }

  private static PhysicalPlan withScoring(PhysicalPlan p, VectorScoring scoring) {
    return new PhysicalPlan(p.strategy(), p.filter(), p.fallback(), p.exactTest(), p.ranking(), p.rankPosition(),
        p.limit(), p.offset(), p.ef(), p.cost(), p.outputRows(), p.alternatives(), p.plannedYields(), p.perYieldNs(),
        p.costs(), scoring);
  }

  private VectorScoring weightedSum(Ranking.WeightedDistance w) {
    return new VectorScoring.WeightedSum(w.terms().stream().map(t -> probe(t.column(), t.vector(), t.weight())).toList());
  }

  private VectorScoring bestScore(Ranking.Recommend r) {
    List<VectorScoring.Probe> probes = new ArrayList<>();
    r.positives().forEach(v -> probes.add(probe(r.column(), v, 1)));
    r.negatives().forEach(v -> probes.add(probe(r.column(), v, 1)));
    return new VectorScoring.BestScore(probes, r.positives().size());
  }

  private VectorScoring.Probe probe(String column, float[] vector, float weight) {
    int position = context.schema().position(column);
    var metric = context.schema().columns().get(position).metric();
    return new VectorScoring.Probe(position, metric, metric.prepare(vector), weight);
  }

  private PhysicalPlan columnPlan(Predicate filter, Exact fallback, Ranking.ByColumn c, int limit, int offset) {
    int position = context.schema().isPrimaryKey(c.column()) ? -1 : context.schema().position(c.column());
    UnitCosts u = context.costs();
    FilterNode f = filters.materialised(filter);
    double matches = f.estimate().rows();
    int window = limit + offset;
    List<Candidate> candidates = new ArrayList<>();
    candidates.add(new Candidate(Strategy.SORT_ROWS, f, f.cost() + matches * u.rowFetchNs(), 0, 0));
    if (position >= 0 && context.indexes().at(position) instanceof RangeIndex) {
      double selectivity = Math.max(matches / Math.max(1, context.liveCount()), 1 / Math.max(1, context.liveCount()));
      double walked = Math.min(context.liveCount(), window / selectivity);
      candidates.add(new Candidate(Strategy.INDEX_ORDER, f, f.cost() + walked * u.testNs() * 4, 0, 0));
    }
    return choose(candidates, fallback, c, position, limit, offset, 0, Math.min(window, matches));
  }

  private record Candidate(Strategy strategy, FilterNode filter, double cost, double yields, double perYield) {
    Candidate plus(double extra) {
      return new Candidate(strategy, filter, cost + extra, yields, perYield);
    }
  }

  /**
   * A filter with an approximate range scan whose window is likely to come back short (the
   * window exceeds the upper end of the filter's estimate) will be recomputed by the exact plan
   * (see {@link QueryExecutor}); such candidates pay for that too, and the exact plan itself
   * becomes a candidate — so a pure threshold query larger than its matches is answered by one
   * exact pass rather than a range scan followed by the same pass.
   */
  private void priceShortWindows(List<Candidate> candidates, Exact fallback, int position, int window) {
    FilterNode exact = fallback.materialised();
    double rows = exact.estimate().rows();
    double exactRanking = exact.cost() + (position >= 0
        ? context.costs().exactScanNs(context.dimension(position), rows, window)
        : rows * context.costs().distanceNs());
    boolean anyShort = false;
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      if (c.filter().mayUnderInclude() && window > c.filter().estimate().high()) {
        candidates.set(i, c.plus(exactRanking));
        anyShort = true;
      }
    }
    Strategy first = candidates.getFirst().strategy();
    if (anyShort && (first == Strategy.EXACT_OVER_FILTER)) {
      candidates.add(new Candidate(Strategy.EXACT_OVER_FILTER, exact, exactRanking, 0, 0));
    }
  }

  private PhysicalPlan choose(List<Candidate> candidates, Exact fallback, Ranking ranking, int position,
      int limit, int offset, int ef, double outputRows) {
    priceShortWindows(candidates, fallback, position, limit + offset);
    candidates.sort(Comparator.comparingDouble(Candidate::cost));
    Candidate best = candidates.getFirst();
    List<Alternative> alternatives = candidates.stream().map(c -> new Alternative(c.strategy(), c.cost())).toList();
    return plan(best.strategy(), best.filter(), fallback, ranking, position, limit, offset, ef, best.cost(),
        alternatives, best.yields(), best.perYield(), outputRows);
  }

  private PhysicalPlan plan(Strategy strategy, FilterNode filter, Exact fallback, Ranking ranking, int position,
      int limit, int offset, int ef, double cost, List<Alternative> alternatives, double yields, double perYield) {
    return plan(strategy, filter, fallback, ranking, position, limit, offset, ef, cost, alternatives, yields, perYield,
        Math.min(limit + offset, filter.estimate().rows()));
  }

  private PhysicalPlan plan(Strategy strategy, FilterNode filter, Exact fallback, Ranking ranking, int position,
      int limit, int offset, int ef, double cost, List<Alternative> alternatives, double yields, double perYield,
      double outputRows) {
    return new PhysicalPlan(strategy, filter, fallback.materialised(), fallback.tested(), ranking, position, limit,
        offset, ef, cost, Math.max(0, outputRows - offset), alternatives, yields, perYield, context.costs(), null);
  }
}
