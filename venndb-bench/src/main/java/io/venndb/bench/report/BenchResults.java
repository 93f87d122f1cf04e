package io.venndb.bench.report;

import io.venndb.bench.system.BuildReport;
import java.util.List;
import java.util.Map;

/**
 * The results file ({@code results.json}), schema {@value #SCHEMA} version {@value #VERSION}.
 * Every field is documented in docs/benchmarks.md; a field that does not apply is null, never a
 * made-up number. Bump {@link #VERSION} on any incompatible change.
 */
public record BenchResults(String schema, int schemaVersion, Run run, DatasetInfo dataset, List<SystemInfo> systems,
    List<WorkloadInfo> workloads, List<ResultRow> results, List<SummaryRow> summary, List<PlanInfo> plans) {

  public static final String SCHEMA = "venndb-bench-results";
  /** 2: {@code plans[]} and {@code run.config.explain} added. */
  public static final int VERSION = 2;

  public BenchResults {
    systems = List.copyOf(systems);
    workloads = List.copyOf(workloads);
    results = List.copyOf(results);
    summary = List.copyOf(summary);
    plans = plans == null ? List.of() : List.copyOf(plans);
  }

  /** How, where and when the run happened. */
  public record Run(String startedAt, double durationSeconds, String command, String commit, boolean dirty,
      Machine machine, Config config, double loadAverageStart, double loadAverageEnd) {}

  /** The machine and JVM. */
  public record Machine(int nproc, String cpuModel, String jdk, String jvm, String os, long maxHeapBytes,
      long physicalMemoryBytes) {}

  /** The resolved options of the run. */
  public record Config(boolean quick, String dataset, Integer limit, String seed, int repeats, int threads,
      double warmupSeconds, int heldOutQueries, double tuningShare, List<String> systems, List<String> families,
      int hnswM, int hnswEfConstruction, double luceneWideNotGap, boolean explain) {}

  /** The base set and the queries. */
  public record DatasetInfo(String name, int baseRows, int dimension, String metric, String provenance,
      int tuningQueries, int reportedQueries, int heldOutQueries, int naturalLanguageQueries, int fileQueries) {}

  /** A system and what building it cost. */
  public record SystemInfo(String name, String description, BuildReport build) {}

  /**
   * A workload and the measured properties of its data (means over reported queries).
   *
   * @param filterSelectivity fraction of base rows passing the scalar filter
   * @param predicateSelectivity fraction of base rows satisfying the whole predicate
   * @param localPassRate fraction of Q's unfiltered top-100 satisfying the whole predicate
   * @param excludedTop100 vector NOT: fraction of Q's unfiltered top-100 with sim(x, B) > β
   * @param negativeShare vector NOT: |C_B| / base rows
   */
  public record WorkloadInfo(String id, String family, String description, int k, String filter,
      Double targetSelectivity, Double filterSelectivity, Double predicateSelectivity, Double localPassRate,
      String correlation, Double excludeTarget, Double excludedTop100, Double negativeShare, Integer rangeSize,
      double truthRowsMean, int truthRowsMin, int truthRowsMax, int tuningQueries, int reportedQueries) {}

  /** Median, min and max over repeats; noise = (max − min) / median. */
  public record Rate(double median, double min, double max, double noise) {}

  /** One system × workload × setting (or one "not supported" entry per system × workload). */
  public record ResultRow(String workload, String system, String series, boolean supported, String unsupportedReason,
      Map<String, Double> params, String paramsLabel, Integer queries, Double recall, Double recallMin,
      Double tuningRecall, Double rowsReturnedMean, Integer shortQueries, Integer notViolations, Integer invalidRows,
      Integer duplicateRows, Rate qpsSingleThread, Rate qpsAllCores, Integer threads, Double latencyP50Ms,
      Double latencyP99Ms, Double latencyMeanMs, Double distanceComputations, Double nodesVisited, Integer repeats) {

    public static ResultRow unsupported(String workload, String system, String reason) {
      return new ResultRow(workload, system, system, false, reason, Map.of(), null, null, null, null, null, null,
          null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * The cheapest setting of a series whose recall on the tuning queries reaches {@code targetRecall}
   * (settings in order of effort), with its figures on the reported queries.
   */
  public record SummaryRow(String workload, String series, double targetRecall, boolean reached, String params,
      Double recall, Double tuningRecall, Double qpsSingleThread, Double qpsAllCores, Double latencyP50Ms) {}

  /**
   * How a system that explains its plans (VennDB's {@code EXPLAIN ANALYZE}) answered one workload's
   * reported queries at {@code params}, gathered after the timed passes.
   *
   * @param strategies chosen strategy → number of queries, most frequent first
   * @param runnersUp the runner-up strategy → number of queries ("none" when only one applied)
   * @param switched queries whose plan switched strategy mid-query
   * @param vectorAccess how vector conditions were evaluated → number of conditions (read from the
   *     plan text: GRAPH_RANGE, GRAPH_RANGE_COMPLEMENT, FLAT_SCAN, PER_ROW)
   * @param query the representative query: the first reported query with the most frequent strategy
   *     (hand-written ones preferred), as its id ("nl:image viewer")
   * @param queryIndex its position in the run's query set
   * @param negative what B is for a vector-NOT task, or null
   * @param text its {@code EXPLAIN ANALYZE} text
   */
  public record PlanInfo(String workload, String system, String params, int queries, Map<String, Integer> strategies,
      Map<String, Integer> runnersUp, int switched, Map<String, Integer> vectorAccess, String query, int queryIndex,
      String negative, String strategy, String runnerUp, Double estimatedCostNs, Double runnerUpCostNs,
      Double estimatedFilterRows, Long actualFilterRows, String text) {}
}
