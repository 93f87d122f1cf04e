package io.venndb.plan;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Times several tasks against each other, for {@link CostCalibration}: each is warmed up until
 * compiled, then all are timed in {@link #ROUNDS} rounds, every round running each task once in
 * turn, and each keeps its fastest round. A stall on a shared machine (the JIT compiling other
 * code, a collector, a neighbour) then slows every task of the rounds it covers alike instead of
 * whichever one happened to be measured during it, so the ratios the planner compares survive.
 * Timed one after another (five repeats each), one 100k PyPI calibration priced a graph distance
 * at 4.2 times an exact one (683 against 161 ns; other runs 1.0–1.4 times) and a membership test
 * at 2–3 times its usual figure, and most filtered plans of that collection became exact scans.
 * Interleaving also means a graph search no longer finds its previous repeat's nodes in the cache
 * (a scattered scan ran in between), as a real query would not: its figure came out 1.2–1.7
 * times the exact distance in the first runs (docs/benchmarks.md).
 */
final class InterleavedTimer {
  /** Rounds of timed runs after the warm-up. */
  static final int ROUNDS = 7;
  /** Warm-up per task: long enough for C2 to compile a loop, short enough for a first query. */
  static final long WARM_UP_NANOS = 40_000_000L;
  /**
   * Warm-up runs before timings may count as settled: 32 scans of 1,024 docs make ~8,000 calls of
   * the four-wide kernel, past C2's 5,000-call threshold.
   */
  static final int MIN_WARM_UP_RUNS = 32;
  /** The longest a warm-up waits for its timings to settle. */
  static final long MAX_WARM_UP_NANOS = 1_500_000_000L;

  /**
   * One figure to measure.
   *
   * @param warmUp a smaller task running the same code (a cold Vector API kernel is interpreted,
   *     dozens of times slower, until C2 compiles it)
   * @param run the timed task
   * @param units what one run's time is divided by (docs scanned, distances computed), read after
   *     each run
   */
  record Task(Runnable warmUp, Runnable run, LongSupplier units) {
    static Task of(Runnable run, long units) {
      return new Task(run, run, () -> units);
    }
  }

  private final LongSupplier clock;

  InterleavedTimer(LongSupplier clock) {
    this.clock = clock;
  }

  static InterleavedTimer systemClock() {
    return new InterleavedTimer(System::nanoTime);
  }

  /** Nanoseconds per unit of each task, in the order given: its fastest round. */
  double[] nanosPerUnit(List<Task> tasks) {
    tasks.forEach(t -> warmUp(t.warmUp()));
    double[] best = new double[tasks.size()];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < tasks.size(); i++) {
        Task task = tasks.get(i);
        long begin = clock.getAsLong();
        task.run().run();
        long took = clock.getAsLong() - begin;
        best[i] = Math.min(best[i], (double) took / Math.max(1, task.units().getAsLong()));
      }
    }
    return best;
  }

  /**
   * Runs {@code task} at least {@link #MIN_WARM_UP_RUNS} times (enough calls for C2's thresholds;
   * interpreted runs are slow but steady, so settling alone does not show compilation) and then
   * until two runs in a row are within 15% of the fastest before them, up to {@link
   * #MAX_WARM_UP_NANOS}.
   */
  private void warmUp(Runnable task) {
    long start = clock.getAsLong();
    long fastest = Long.MAX_VALUE;
    int settled = 0;
    for (int runs = 1; ; runs++) {
      long t = clock.getAsLong();
      task.run();
      long took = clock.getAsLong() - t;
      boolean steady = took <= fastest * 1.15 && took * 1.15 >= fastest; // neither a stall nor still speeding up
      settled = steady ? settled + 1 : 0;
      fastest = Math.min(fastest, took);
      long elapsed = clock.getAsLong() - start;
      if (elapsed >= MAX_WARM_UP_NANOS || (elapsed >= WARM_UP_NANOS && runs >= MIN_WARM_UP_RUNS && settled >= 2)) {
        return;
      }
    }
  }
}
