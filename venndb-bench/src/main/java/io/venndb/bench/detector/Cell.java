package io.venndb.bench.detector;

import io.venndb.index.hnsw.StopReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one workload measured at one setting, as means over its queries.
 *
 * @param shortQueries queries whose answer held fewer rows than it owed
 * @param emptyQueries queries that owed rows and got none of them (recall 0)
 * @param maxNodes the most nodes one query visited
 * @param stops queries per stop reason
 * @param exactFallbacks queries completed by an exact scan (a budget or an exhausted graph)
 * @param qps single-thread queries per second: median of the timed passes
 */
record Cell(Setting setting, int queries, double recall, int shortQueries, int emptyQueries, double meanRows,
    double meanNodes, long maxNodes, double meanDistances, Map<StopReason, Integer> stops,
    int exactFallbacks, double qps) {

  Cell {
    stops = new EnumMap<>(stops);
  }

  /** "SATISFIED 198, EXHAUSTED 2": the reasons that occurred, most frequent first. */
  String stopSummary() {
    return stops.entrySet().stream()
        .sorted(Map.Entry.<StopReason, Integer>comparingByValue().reversed())
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
