package io.venndb.plan;

import io.venndb.query.SearchHit;
import java.util.List;

/**
 * What {@code EXPLAIN} (and {@code EXPLAIN ANALYZE}) reports: the plan as text, the chosen strategy
 * and the runner-up with their estimated costs, the filter's estimated rows and, after ANALYZE,
 * the rows the filter actually kept and the query's hits.
 *
 * @param runnerUp null when only one strategy applied
 * @param actualFilterRows -1 unless analysed (or when the chosen plan never materialised the filter)
 * @param distanceComputations vectors scored by every operator of the query (graph walks, exact
 *     scans counting each member scanned, per-row vector tests, range scans); -1 unless analysed
 * @param nodesVisited graph nodes expanded by every operator; -1 unless analysed
 * @param hits empty unless analysed
 */
public record QueryExplanation(String text, Strategy strategy, double estimatedCostNs, Strategy runnerUp,
    double runnerUpCostNs, double estimatedFilterRows, long actualFilterRows, boolean switched,
    long distanceComputations, long nodesVisited, List<SearchHit> hits) {

  @Override
  public String toString() {
    return text;
  }
}
