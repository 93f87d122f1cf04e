package io.venndb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The calibration's timer, on a simulated clock: each task advances it by its cost, so stalls can
 * be placed exactly and nothing here depends on the machine running the test.
 */
class InterleavedTimerTest {
  /** A clock that only moves when a simulated task runs; a stall multiplies what runs during it. */
  private static final class SimulatedClock {
    long now;
    int timedRuns;
    int stalledRuns;

    Runnable task(long cost) {
      return () -> now += cost * (timedRuns++ < stalledRuns ? 4 : 1);
    }

    Runnable warmUp(long cost) {
      return () -> now += cost;
    }
  }

  @Test
  void aStallOverSomeRoundsSlowsEveryTaskAlikeAndEachKeepsItsFastestRound() {
    SimulatedClock clock = new SimulatedClock();
    clock.stalledRuns = 3 * 3; // the first three rounds of three tasks
    List<InterleavedTimer.Task> tasks = List.of(
        timed(clock, 100_000, 1), timed(clock, 300_000, 1), timed(clock, 8_000_000, 16_000));
    double[] ns = new InterleavedTimer(() -> clock.now).nanosPerUnit(tasks);
    assertThat(ns).containsExactly(100_000, 300_000, 500);
    assertThat(clock.timedRuns).isEqualTo(InterleavedTimer.ROUNDS * tasks.size());
  }

  @Test
  void tasksRunInTurnWithinEachRound() {
    StringBuilder order = new StringBuilder();
    long[] now = new long[1];
    List<InterleavedTimer.Task> tasks = List.of(
        new InterleavedTimer.Task(() -> now[0] += 1_000_000, () -> { now[0] += 10; order.append('a'); }, () -> 1),
        new InterleavedTimer.Task(() -> now[0] += 1_000_000, () -> { now[0] += 10; order.append('b'); }, () -> 1));
    new InterleavedTimer(() -> now[0]).nanosPerUnit(tasks);
    assertThat(order.toString()).isEqualTo("ab".repeat(InterleavedTimer.ROUNDS));
  }

  @Test
  void warmUpRunsPastTheCompilerThresholdsEvenWhenTimingsSettleAtOnce() {
    // 10 ms a run: the 40 ms floor alone would stop after 4
    assertThat(warmUpRuns(run -> 10_000_000)).isGreaterThanOrEqualTo(InterleavedTimer.MIN_WARM_UP_RUNS);
  }

  @Test
  void warmUpGivesUpAfterItsTimeLimitWhenTimingsNeverSettle() {
    // alternating 1 and 9 ms: never two steady runs in a row, 5 ms a run on average
    long limitRuns = InterleavedTimer.MAX_WARM_UP_NANOS / 5_000_000;
    assertThat(warmUpRuns(run -> run % 2 == 0 ? 1_000_000 : 9_000_000)).isBetween(limitRuns - 1, limitRuns + 1);
  }

  /** How many warm-up runs one task gets when its n-th warm-up run takes {@code nanos(n)}. */
  private static long warmUpRuns(java.util.function.IntToLongFunction nanos) {
    int[] warmUps = new int[1];
    long[] now = new long[1];
    InterleavedTimer.Task task = new InterleavedTimer.Task(() -> now[0] += nanos.applyAsLong(++warmUps[0]),
        () -> now[0] += 5, () -> 1);
    new InterleavedTimer(() -> now[0]).nanosPerUnit(List.of(task));
    return warmUps[0];
  }

  private static InterleavedTimer.Task timed(SimulatedClock clock, long cost, long units) {
    return new InterleavedTimer.Task(clock.warmUp(cost), clock.task(cost), () -> units);
  }
}
