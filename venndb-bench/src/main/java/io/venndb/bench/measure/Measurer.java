package io.venndb.bench.measure;

import io.venndb.bench.query.Split;
import io.venndb.bench.report.BenchResults.ResultRow;
import io.venndb.bench.system.SearchParams;
import io.venndb.bench.system.SearchResult;
import io.venndb.bench.system.SearchSystem;
import io.venndb.bench.truth.Scoring;
import io.venndb.bench.truth.WorkloadTruth;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures every system setting on one workload, the same way for each: a tuning pass (warm-up
 * for this workload, and the recall used to pick settings), then {@code repeats} rounds in which
 * systems take turns — the first system of a round rotates, and each turn starts with an untimed
 * pass of the tuning queries — each setting running all reported queries single-threaded
 * (latencies) and then on all workers (throughput). Accuracy comes from
 * the first round's answers; rates are medians over rounds with their spread.
 */
public final class Measurer {
  private final TaskRunner runner;
  private final Scoring scoring;
  private final int repeats;
  private final boolean quick;
  private final PrintStream log;

  public Measurer(TaskRunner runner, Scoring scoring, int repeats, boolean quick, PrintStream log) {
    this.runner = runner;
    this.scoring = scoring;
    this.repeats = Math.max(1, repeats);
    this.quick = quick;
    this.log = log;
  }

  /** The same wall-clock budget of warm-up queries for every system, cycling through the workloads. */
  public void warmUp(List<SearchSystem> systems, List<Workload> workloads, double seconds) {
    for (SearchSystem s : systems) {
      List<Workload> supported = workloads.stream().filter(w -> s.unsupported(w).isEmpty()).toList();
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      int done = 0;
      for (int i = 0; !supported.isEmpty() && System.nanoTime() < deadline; i++) {
        Workload w = supported.get(i % supported.size());
        List<SearchParams> sweep = s.sweep(w, quick);
        SearchParams middle = sweep.get(sweep.size() / 2);
        for (QueryTask t : w.tuning()) {
          TaskRunner.run(s, middle, t);
          done++;
        }
      }
      log.printf("  warm-up %-14s %,d queries in %.0f s%n", s.name(), done, seconds);
    }
  }

  public List<ResultRow> measure(Workload w, WorkloadTruth truth, List<SearchSystem> systems) {
    List<ResultRow> rows = new ArrayList<>();
    Map<SearchSystem, List<Cell>> cells = new LinkedHashMap<>();
    for (SearchSystem s : systems) {
      Optional<String> why = s.unsupported(w);
      if (why.isPresent()) {
        rows.add(ResultRow.unsupported(w.id(), s.name(), why.get()));
      } else {
        cells.put(s, s.sweep(w, quick).stream().map(p -> new Cell(s, p)).toList());
      }
    }
    for (List<Cell> list : cells.values()) {
      for (Cell c : list) {
        TaskRunner.Serial tuning = runner.serial(c.system, c.params, w.tuning());
        c.tuningRecall = CellFigures.meanRecall(scoring, w.tuning(), truth.of(Split.TUNING), tuning.results());
      }
    }
    List<SearchSystem> order = new ArrayList<>(cells.keySet());
    for (int rep = 0; rep < repeats; rep++) {
      for (int i = 0; i < order.size(); i++) {
        List<Cell> turn = cells.get(order.get((i + rep) % order.size()));
        rewarm(turn.getFirst(), w);
        for (Cell c : turn) {
          c.figures.addRound(runner.serial(c.system, c.params, w.reported()),
              runner.parallel(c.system, c.params, w.reported()));
        }
      }
    }
    for (List<Cell> list : cells.values()) {
      for (Cell c : list) {
        count(c, w);
        ResultRow row = c.figures.toRow(w, c.system.name(), c.params, c.tuningRecall, scoring, truth,
            runner.threads());
        rows.add(row);
        log.printf("  %-34s %-26s recall %.3f  rows %5.1f  short %3d  viol %3d  QPS %8.1f / %8.1f  p50 %7.2f ms%n",
            c.params.series(), c.params.label(), row.recall(), row.rowsReturnedMean(), row.shortQueries(),
            row.notViolations(), row.qpsSingleThread().median(), row.qpsAllCores().median(), row.latencyP50Ms());
      }
    }
    return rows;
  }

  /**
   * For a system that counts its work only outside timed passes, one more untimed pass of the
   * reported queries that records the counters (after every timed round, so it cannot warm them).
   */
  private void count(Cell c, Workload w) {
    List<QueryTask> tasks = w.reported();
    SearchResult[] results = new SearchResult[tasks.size()];
    for (int i = 0; i < results.length; i++) {
      Optional<SearchResult> r = TaskRunner.counted(c.system, c.params, tasks.get(i));
      if (r.isEmpty()) {
        return;
      }
      results[i] = r.get();
    }
    c.figures.setCounted(results);
  }

  /**
   * Runs a system's tuning queries once, untimed, when its turn in a round begins. Coming after
   * another system, VennDB's first setting otherwise paid for a few very slow queries (same p50,
   * up to 2–4× lower QPS) that its later settings did not; suspected causes are code both systems
   * share (the Vector API) being re-profiled and recompiled, and the other system's garbage.
   */
  private void rewarm(Cell first, Workload w) {
    runner.serial(first.system, first.params, w.tuning());
  }

  private static final class Cell {
    final SearchSystem system;
    final SearchParams params;
    final CellFigures figures = new CellFigures();
    double tuningRecall;

    Cell(SearchSystem system, SearchParams params) {
      this.system = system;
      this.params = params;
    }
  }
}
