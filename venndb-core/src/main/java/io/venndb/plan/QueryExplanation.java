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
 * @param hits empty unless analysed
 */
public record QueryExplanation(String text, Strategy strategy, double estimatedCostNs, Strategy runnerUp,
    double runnerUpCostNs, double estimatedFilterRows, long actualFilterRows, boolean switched,
    List<SearchHit> hits) {

  @Override
  public String toString() {
    return text;
  }
}
