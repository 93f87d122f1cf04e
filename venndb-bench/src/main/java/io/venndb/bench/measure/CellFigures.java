package io.venndb.bench.measure;

import io.venndb.bench.query.Split;
import io.venndb.bench.report.BenchResults.Rate;
import io.venndb.bench.report.BenchResults.ResultRow;
import io.venndb.bench.system.SearchParams;
import io.venndb.bench.system.SearchResult;
import io.venndb.bench.truth.Scoring;
import io.venndb.bench.truth.TaskTruth;
import io.venndb.bench.truth.WorkloadTruth;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/** Accumulates the rounds of one system setting on one workload and turns them into a result row. */
final class CellFigures {
  private final List<TaskRunner.Serial> serial = new ArrayList<>();
  private final List<Double> parallelSeconds = new ArrayList<>();
  /** Work counters from an untimed pass, for systems that count only there; null otherwise. */
  private SearchResult[] counted;

  void addRound(TaskRunner.Serial round, double parallelWallSeconds) {
    serial.add(round);
    parallelSeconds.add(parallelWallSeconds);
  }

  void setCounted(SearchResult[] results) {
    counted = results;
  }

  static double meanRecall(Scoring scoring, List<QueryTask> tasks, List<TaskTruth> truth, SearchResult[] results) {
    double sum = 0;
    for (int i = 0; i < tasks.size(); i++) {
      sum += scoring.judge(tasks.get(i), truth.get(i), results[i].ids()).recall();
    }
    return tasks.isEmpty() ? Double.NaN : sum / tasks.size();
  }

  ResultRow toRow(Workload w, String system, SearchParams params, double tuningRecall, Scoring scoring,
      WorkloadTruth truth, int threads) {
    List<QueryTask> tasks = w.reported();
    int n = tasks.size();
    SearchResult[] first = serial.getFirst().results();
    double[] recall = new double[n];
    double rows = 0;
    int shortQueries = 0;
    int violations = 0;
    int invalid = 0;
    int duplicates = 0;
    for (int i = 0; i < n; i++) {
      Scoring.Verdict v = scoring.judge(tasks.get(i), truth.of(Split.REPORTED).get(i), first[i].ids());
      recall[i] = v.recall();
      rows += v.returned();
      shortQueries += v.isShort() ? 1 : 0;
      violations += v.notViolations();
      invalid += v.invalid();
      duplicates += v.duplicates();
    }
    double[] qps1 = serial.stream().mapToDouble(s -> n / s.wallSeconds()).toArray();
    double[] qpsN = parallelSeconds.stream().mapToDouble(s -> n / s).toArray();
    double[] p50 = serial.stream().mapToDouble(s -> Stats.percentile(s.latencyNanos(), 50) / 1e6).toArray();
    double[] p99 = serial.stream().mapToDouble(s -> Stats.percentile(s.latencyNanos(), 99) / 1e6).toArray();
    double[] mean = serial.stream().mapToDouble(s -> Stats.mean(s.latencyNanos()) / 1e6).toArray();
    return new ResultRow(w.id(), system, params.series(), true, null, params.knobs(), params.label(), n,
        Stats.mean(recall), Stats.min(recall), nullIfNaN(tuningRecall), rows / n, shortQueries, violations, invalid,
        duplicates, rate(qps1), rate(qpsN), threads, Stats.median(p50), Stats.median(p99), Stats.median(mean),
        counter(counted != null ? counted : first, true), counter(counted != null ? counted : first, false),
        serial.size());
  }

  static Rate rate(double[] values) {
    double median = Stats.median(values);
    return new Rate(median, Stats.min(values), Stats.max(values), (Stats.max(values) - Stats.min(values)) / median);
  }

  /** Mean of a reported counter; null when the system does not report it. */
  private static Double counter(SearchResult[] results, boolean distances) {
    double sum = 0;
    for (SearchResult r : results) {
      long v = distances ? r.distanceComputations() : r.nodesVisited();
      if (v < 0) {
        return null;
      }
      sum += v;
    }
    return results.length == 0 ? null : sum / results.length;
  }

  private static Double nullIfNaN(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
