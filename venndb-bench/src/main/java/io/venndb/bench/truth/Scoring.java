package io.venndb.bench.truth;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Vectors;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.bench.workload.QueryTask;
import java.util.HashSet;
import java.util.Set;

/**
 * Judges one answer against the truth. A returned row is <em>valid</em> when it satisfies the
 * whole predicate (filter TRUE, sim(x, B) ≤ β for vector NOT, sim(x, Q) ≥ t for range); it is
 * <em>correct</em> when it is valid and at least as similar as the truth's boundary row. Recall =
 * distinct correct rows among the first {@code expected} returned / {@code expected}, so ties at
 * the boundary are not penalised (as in ann-benchmarks). Similarities are recomputed here with the
 * harness's own arithmetic; {@link #EPSILON} absorbs float rounding between implementations.
 */
public final class Scoring {
  /** Tolerance on similarities when comparing a system's rows with the truth. */
  public static final float EPSILON = 1e-5f;

  /**
   * The verdict on one answer.
   *
   * @param returned rows the system returned
   * @param expected rows a correct answer has
   * @param correct distinct correct rows counted towards recall
   * @param notViolations returned rows with sim(x, B) > β (vector NOT only; must be 0)
   * @param invalid returned rows that fail any part of the predicate (includes NOT violations)
   * @param duplicates rows returned more than once
   */
  public record Verdict(int returned, int expected, int correct, int notViolations, int invalid, int duplicates) {
    public double recall() {
      return expected == 0 ? 1.0 : Math.min(1.0, (double) correct / expected);
    }

    /** Fewer rows than a correct answer has. */
    public boolean isShort() {
      return returned - duplicates < expected;
    }
  }

  private final Dataset base;
  private final FilterMatcher matcher;

  public Scoring(Dataset base, FilterMatcher matcher) {
    this.base = base;
    this.matcher = matcher;
  }

  public Verdict judge(QueryTask task, TaskTruth truth, int[] rows) {
    Set<Integer> seen = new HashSet<>();
    int correct = 0;
    int violations = 0;
    int invalid = 0;
    int duplicates = 0;
    int considered = Math.min(rows.length, task.k());
    for (int i = 0; i < rows.length; i++) {
      int row = rows[i];
      if (!seen.add(row)) {
        duplicates++;
        continue;
      }
      float sim = Vectors.similarity(base.metric(), base.vectors()[row], task.vector());
      boolean violatesNot = task.negative() != null
          && Vectors.similarity(base.metric(), base.vectors()[row], task.negative()) > task.beta() + EPSILON;
      boolean valid = matcher.matches(task.filter(), row) && !violatesNot
          && (!task.isRange() || sim >= task.threshold() - EPSILON);
      violations += violatesNot ? 1 : 0;
      invalid += valid ? 0 : 1;
      if (valid && i < considered && truth.expected() > 0 && sim >= truth.boundary() - EPSILON) {
        correct++;
      }
    }
    return new Verdict(rows.length, truth.expected(), correct, violations, invalid, duplicates);
  }
}
