package io.venndb.bench.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.KeywordColumn;
import io.venndb.bench.data.Table;
import io.venndb.bench.filter.Filter;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.bench.workload.Family;
import io.venndb.bench.workload.QueryTask;
import io.venndb.vector.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ground truth and scoring on seven 2-D rows whose answers can be checked by hand. Row i sits at
 * angle {@code ANGLES[i]} on the unit circle, so sim(row, Q=(1,0)) = cos(angle) and
 * sim(row, B=(0,1)) = sin(angle). Row 6 duplicates row 1 (an exact tie).
 */
class HandCheckedTruthTest {
  static final double[] ANGLES = {0, 10, 20, 30, 60, 90, 10};
  static final String[] SECTIONS = {"a", "b", "a", "b", "a", null, "b"};
  static final float[] Q = {1, 0};
  static final float[] B = {0, 1};

  final Dataset data = dataset();
  final FilterMatcher matcher = new FilterMatcher(data.table());
  final BruteForce bruteForce = new BruteForce(data);
  final GroundTruth truth = new GroundTruth(bruteForce, matcher);
  final Scoring scoring = new Scoring(data, matcher);

  static Dataset dataset() {
    float[][] v = new float[ANGLES.length][];
    String[] keys = new String[ANGLES.length];
    for (int i = 0; i < v.length; i++) {
      double a = Math.toRadians(ANGLES[i]);
      v[i] = new float[] {(float) Math.cos(a), (float) Math.sin(a)};
      keys[i] = "r" + i;
    }
    Table table = new Table(v.length, List.of(new KeywordColumn("section", SECTIONS)));
    return new Dataset("hand", Metric.COSINE, v, keys, "key", null, null, table, "hand-made");
  }

  TaskTruth solve(QueryTask t) {
    return truth.solve(t, bruteForce.similarities(t.vector()),
        t.negative() == null ? null : bruteForce.similarities(t.negative()));
  }

  @Test
  void plainTopKBreaksTiesByRow() {
    TaskTruth t = solve(QueryTask.topK(0, Family.TOPK, 3, Q, null));
    assertThat(t.rows()).containsExactly(0, 1, 6);
    assertThat(t.expected()).isEqualTo(3);
    assertThat(t.matching()).isEqualTo(7);
    assertThat(t.boundary()).isCloseTo((float) Math.cos(Math.toRadians(10)), org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void filterKeepsOnlyMatchingRows() {
    TaskTruth t = solve(QueryTask.topK(0, Family.FILTERED, 2, Q, new Filter.Keyword("section", "a")));
    assertThat(t.rows()).containsExactly(0, 2);
    assertThat(t.filterMatching()).isEqualTo(3);
  }

  @Test
  void notOverANullColumnIsUnknownNotTrue() {
    // NOT section = 'a' holds on rows 1, 3, 6; row 5 has no section, so NOT is unknown there.
    TaskTruth t = solve(QueryTask.topK(0, Family.FILTERED, 5, Q, Filter.not(new Filter.Keyword("section", "a"))));
    assertThat(t.rows()).containsExactly(1, 6, 3);
    assertThat(t.expected()).isEqualTo(3);
  }

  @Test
  void vectorNotExcludesEveryRowAboveBeta() {
    // sin: 0, .17, .34, .5, .87, 1, .17 — beta 0.3 excludes rows 2, 3, 4, 5.
    TaskTruth t = solve(QueryTask.vectorNot(0, 5, Q, null, B, 0.3f));
    assertThat(t.rows()).containsExactly(0, 1, 6);
    assertThat(t.negativeCount()).isEqualTo(4);
    assertThat(t.matching()).isEqualTo(3);
  }

  @Test
  void vectorNotWithAFilter() {
    TaskTruth t = solve(QueryTask.vectorNot(0, 5, Q, new Filter.Keyword("section", "b"), B, 0.3f));
    assertThat(t.rows()).containsExactly(1, 6);
  }

  @Test
  void rangeReturnsEveryRowAboveTheThreshold() {
    TaskTruth t = solve(QueryTask.range(0, Q, 0.9f)); // cos 20° = .94 in, cos 30° = .87 out
    assertThat(t.rows()).containsExactly(0, 1, 6, 2);
    assertThat(t.matching()).isEqualTo(4);
    assertThat(t.boundary()).isEqualTo(0.9f);
  }

  @Test
  void recallCountsTiesAtTheBoundaryAsCorrect() {
    QueryTask task = QueryTask.topK(0, Family.TOPK, 2, Q, null);
    TaskTruth t = solve(task); // [0, 1]; row 6 ties with row 1
    assertThat(scoring.judge(task, t, new int[] {0, 1}).recall()).isEqualTo(1.0);
    assertThat(scoring.judge(task, t, new int[] {0, 6}).recall()).isEqualTo(1.0);
    assertThat(scoring.judge(task, t, new int[] {0, 2}).recall()).isEqualTo(0.5);
    assertThat(scoring.judge(task, t, new int[] {2, 3}).recall()).isEqualTo(0.0);
  }

  @Test
  void onlyTheFirstKRowsCount() {
    QueryTask task = QueryTask.topK(0, Family.TOPK, 2, Q, null);
    Scoring.Verdict v = scoring.judge(task, solve(task), new int[] {2, 3, 0, 1});
    assertThat(v.recall()).isEqualTo(0.0);
    assertThat(v.returned()).isEqualTo(4);
  }

  @Test
  void shortAndDuplicateAnswersAreCounted() {
    QueryTask task = QueryTask.topK(0, Family.TOPK, 2, Q, null);
    Scoring.Verdict dup = scoring.judge(task, solve(task), new int[] {0, 0});
    assertThat(dup.recall()).isEqualTo(0.5);
    assertThat(dup.duplicates()).isEqualTo(1);
    assertThat(dup.isShort()).isTrue();
    Scoring.Verdict one = scoring.judge(task, solve(task), new int[] {0});
    assertThat(one.isShort()).isTrue();
    assertThat(one.recall()).isEqualTo(0.5);
  }

  @Test
  void rowsFailingTheFilterAreInvalidNotCorrect() {
    QueryTask task = QueryTask.topK(0, Family.FILTERED, 2, Q, new Filter.Keyword("section", "a"));
    Scoring.Verdict v = scoring.judge(task, solve(task), new int[] {0, 1}); // row 1 is section b
    assertThat(v.recall()).isEqualTo(0.5);
    assertThat(v.invalid()).isEqualTo(1);
  }

  @Test
  void notViolationsAreCountedAndNeverCorrect() {
    QueryTask task = QueryTask.vectorNot(0, 2, Q, null, B, 0.3f);
    Scoring.Verdict v = scoring.judge(task, solve(task), new int[] {0, 2}); // row 2: sin 20° = .34 > .3
    assertThat(v.notViolations()).isEqualTo(1);
    assertThat(v.invalid()).isEqualTo(1);
    assertThat(v.recall()).isEqualTo(0.5);
  }

  @Test
  void rangeRecallIsTheShareOfQualifyingRowsFound() {
    QueryTask task = QueryTask.range(0, Q, 0.9f);
    TaskTruth t = solve(task);
    assertThat(scoring.judge(task, t, new int[] {0, 1, 6, 2}).recall()).isEqualTo(1.0);
    assertThat(scoring.judge(task, t, new int[] {0, 1}).recall()).isEqualTo(0.5);
    Scoring.Verdict extra = scoring.judge(task, t, new int[] {0, 1, 6, 2, 3});
    assertThat(extra.recall()).isEqualTo(1.0);
    assertThat(extra.invalid()).isEqualTo(1); // row 3 is below the threshold
  }

  @Test
  void nothingMatchingMeansPerfectRecallForAnEmptyAnswer() {
    QueryTask task = QueryTask.topK(0, Family.FILTERED, 2, Q, new Filter.Keyword("section", "zzz"));
    TaskTruth t = solve(task);
    assertThat(t.expected()).isZero();
    assertThat(scoring.judge(task, t, new int[0]).recall()).isEqualTo(1.0);
    assertThat(scoring.judge(task, t, new int[0]).isShort()).isFalse();
  }
}
