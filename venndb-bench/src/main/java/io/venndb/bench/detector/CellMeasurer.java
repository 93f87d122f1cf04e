package io.venndb.bench.detector;

import io.venndb.index.hnsw.HnswResult;
import io.venndb.index.hnsw.HnswSearcher;
import io.venndb.index.hnsw.StopReason;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs a workload at one setting: one pass that scores every answer and counts the work (it is
 * also the warm-up), then {@code repeats} timed passes on this thread, of which the median QPS is
 * kept. Recall and the counters do not depend on timing.
 */
final class CellMeasurer {
  /** Rows returned by the timed passes, published so the JIT cannot drop the searches. */
  static volatile long sink;

  private CellMeasurer() {}

  static Cell measure(HnswSearcher searcher, Workload workload, Setting setting, int repeats) {
    Tally tally = new Tally();
    for (int q = 0; q < workload.queries(); q++) {
      HnswResult result = workload.run(searcher, q, setting.options());
      tally.add(result, workload.score(q, result.docIds()));
    }
    return tally.cell(setting, workload.queries(), medianQps(searcher, workload, setting, repeats));
  }

  private static double medianQps(HnswSearcher searcher, Workload workload, Setting setting, int repeats) {
    if (repeats < 1) {
      return Double.NaN;
    }
    double[] qps = new double[repeats];
    long rows = 0;
    for (int r = 0; r < repeats; r++) {
      long start = System.nanoTime();
      for (int q = 0; q < workload.queries(); q++) {
        rows += workload.run(searcher, q, setting.options()).size();
      }
      qps[r] = workload.queries() / ((System.nanoTime() - start) / 1e9);
    }
    sink = rows;
    Arrays.sort(qps);
    return qps[repeats / 2];
  }

  /** Sums over the scored pass. */
  private static final class Tally {
    double recall;
    int shortQueries;
    int emptyQueries;
    long rows;
    long nodes;
    long maxNodes;
    long distances;
    int exactFallbacks;
    final Map<StopReason, Integer> stops = new EnumMap<>(StopReason.class);

    void add(HnswResult result, Workload.Score score) {
      recall += score.recall();
      shortQueries += score.isShort() ? 1 : 0;
      emptyQueries += score.recall() == 0 ? 1 : 0;
      rows += result.size();
      nodes += result.nodesVisited();
      maxNodes = Math.max(maxNodes, result.nodesVisited());
      distances += result.distanceComputations();
      exactFallbacks += result.usedExactSearch() ? 1 : 0;
      stops.merge(result.stopReason(), 1, Integer::sum);
    }

    Cell cell(Setting setting, int queries, double qps) {
      return new Cell(setting, queries, recall / queries, shortQueries, emptyQueries, rows / (double) queries,
          nodes / (double) queries, maxNodes, distances / (double) queries, stops, exactFallbacks, qps);
    }
  }
}
