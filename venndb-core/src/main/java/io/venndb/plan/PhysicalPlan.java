package io.venndb.plan;

import io.venndb.query.Ranking;
import java.util.List;

/**
 * The plan the planner chose for one query: a strategy over a filter plan, what it is expected to
 * cost, and the alternatives it beat (cheapest first). Immutable; {@link QueryExecutor} runs it.
 *
 * @param filter how the filter is evaluated under the chosen strategy
 * @param fallback the filter materialised without graph access: the exact target of a mid-query
 *     switch from streaming, and the last resort when re-checks keep failing
 * @param exactTest the filter as an exact per-row test (no graph access), for re-checking rows a
 *     graph range scan may have over-included
 * @param rankPosition schema position of the ranking column, -1 when unranked
 * @param plannedYields for {@link Strategy#STREAM_CURSOR}: rows the cursor is expected to yield
 * @param perYieldNs for {@link Strategy#STREAM_CURSOR}: expected cost of one yielded row
 * @param scoring for multi-vector rankings (weighted sums, best-score soft negatives), else null
 */
record PhysicalPlan(Strategy strategy, FilterNode filter, FilterNode fallback, FilterNode exactTest, Ranking ranking, int rankPosition,
    int limit, int offset, int ef, double cost, double outputRows, List<Alternative> alternatives,
    double plannedYields, double perYieldNs, UnitCosts costs, VectorScoring scoring) {

  /** A strategy the planner priced. */
  record Alternative(Strategy strategy, double cost) {}

  int window() {
    return limit + offset;
  }

  /** The cheapest strategy not chosen, or null when there was no choice. */
  Alternative runnerUp() {
    return alternatives.stream().filter(a -> a.strategy() != strategy).findFirst().orElse(null);
  }
}
