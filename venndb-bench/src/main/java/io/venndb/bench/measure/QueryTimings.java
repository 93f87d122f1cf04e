package io.venndb.bench.measure;

import io.venndb.bench.query.Split;
import io.venndb.bench.system.SearchParams;
import io.venndb.bench.system.VennDbSystem;
import io.venndb.bench.truth.Scoring;
import io.venndb.bench.truth.WorkloadTruth;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import io.venndb.plan.QueryExplanation;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Where a workload's time goes, query by query ({@code ./venndb bench --diagnose ID --timings}):
 * each reported query timed at each setting of the system's sweep, fastest of {@link #PASSES}
 * passes after two seconds of untimed ones (the passes run the whole workload in turn, so a stall
 * slows one pass, not one query), then listed slowest first with its recall and what EXPLAIN
 * ANALYZE saw (strategy, distance computations, nodes expanded, why the stream stopped). A
 * single-thread QPS is the inverse of the mean latency, so a few slow queries can decide it; the
 * header says what share of the time the slowest tenth took.
 */
public final class QueryTimings {
  static final int PASSES = 5;
  /**
   * Untimed passes before each setting's timed ones, at least one: with a single pass the first
   * setting of a run still ran 3× slower than later ones (0.13 against 0.04 ms on a 0.1% filter).
   */
  private static final long WARM_UP_NANOS = 2_000_000_000L;
  private static final Pattern STOP = Pattern.compile("\\(stop: [^)]*\\)");

  private final Scoring scoring;
  private final PrintStream out;

  public QueryTimings(Scoring scoring, PrintStream out) {
    this.scoring = scoring;
    this.out = out;
  }

  public void run(Workload w, WorkloadTruth truth, VennDbSystem system, SearchParams setting) {
    List<QueryTask> tasks = w.reported();
    int[][] answers = new int[tasks.size()][];
    long[] fastest = fastest(tasks, system, setting, answers);
    double[] recall = IntStream.range(0, tasks.size())
        .mapToDouble(i -> scoring.judge(tasks.get(i), truth.of(Split.REPORTED).get(i), answers[i]).recall()).toArray();
    Integer[] slowestFirst = IntStream.range(0, tasks.size()).boxed()
        .sorted(Comparator.comparingLong((Integer i) -> fastest[i]).reversed()).toArray(Integer[]::new);
    long total = Arrays.stream(fastest).sum();
    long slowestTenth = Arrays.stream(slowestFirst).limit(Math.max(1, tasks.size() / 10)).mapToLong(i -> fastest[i])
        .sum();
    out.printf(Locale.ROOT, "%n%s on %s at %s: mean %.3f ms (fastest of %d passes), recall %.3f; the slowest tenth "
            + "took %.0f%% of the time%n", system.name(), w.id(), setting.label(), total / 1e6 / tasks.size(), PASSES,
        Arrays.stream(recall).average().orElse(Double.NaN), 100.0 * slowestTenth / Math.max(1, total));
    for (int i : slowestFirst) {
      QueryExplanation e = system.explainAnalyze(tasks.get(i), setting);
      Matcher stop = STOP.matcher(e.text());
      out.printf(Locale.ROOT, "  #%-3d %7.2f ms  recall %.2f  %-17s %,7d distances %,6d nodes  %s%n", i,
          fastest[i] / 1e6, recall[i], e.strategy(), e.distanceComputations(), e.nodesVisited(),
          stop.find() ? stop.group() : "");
    }
  }

  /** Each query's fastest time; {@code answers} receives the ids each query returned. */
  private static long[] fastest(List<QueryTask> tasks, VennDbSystem system, SearchParams setting, int[][] answers) {
    long[] best = new long[tasks.size()];
    Arrays.fill(best, Long.MAX_VALUE);
    long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
    do { // untimed passes until the setting's code paths are compiled
      tasks.forEach(t -> system.search(t, setting));
    } while (System.nanoTime() < warmUpEnd);
    for (int pass = 0; pass < PASSES; pass++) {
      for (int i = 0; i < tasks.size(); i++) {
        long start = System.nanoTime();
        answers[i] = system.search(tasks.get(i), setting).ids();
        best[i] = Math.min(best[i], System.nanoTime() - start);
      }
    }
    return best;
  }
}
