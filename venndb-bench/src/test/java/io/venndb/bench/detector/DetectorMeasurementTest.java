package io.venndb.bench.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.index.hnsw.HnswSearcher;
import io.venndb.index.hnsw.StopReason;
import io.venndb.testing.TestSeed;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The benchmark's measurement core on a few thousand random unit vectors; no timing is checked. */
@ExtendWith(TestSeed.class)
class DetectorMeasurementTest {
  private static final int ROWS = 3_000, DIMENSION = 16, QUERIES = 20;
  private static DetectorData data;

  @BeforeAll
  static void buildData() {
    System.out.println("DetectorMeasurementTest: run seed " + TestSeed.runSeed()
        + " (replay with -Dvenndb.tests.seed=" + TestSeed.runSeed() + ")");
    SplittableRandom random = TestSeed.random("detector.data");
    float[][] vectors = new float[ROWS][DIMENSION];
    for (float[] v : vectors) {
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = (float) random.nextGaussian();
      }
    }
    data = DetectorData.build(vectors, QUERIES, random, 1);
  }

  @AfterAll
  static void closeData() {
    data.close();
  }

  /** E above the graph's size keeps R infinite: the cursor never departs, visits everything and is exact. */
  @Test
  void aSettingThatNeverDepartsScoresPerfectRecall() {
    SplittableRandom random = TestSeed.random("detector.predicates");
    Setting exhaustive = Setting.medianWindow(ROWS, 256);
    HnswSearcher searcher = data.index().newSearcher();
    for (Workload workload : List.of(Workloads.topK(data, 10, 1.0, random), Workloads.topK(data, 10, 0.1, random),
        RangeWorkload.halfwayAfter(data, 10, QUERIES), RangeWorkload.halfwayAfter(data, 100, QUERIES))) {
      Cell cell = CellMeasurer.measure(searcher, workload, exhaustive, 0);
      assertThat(cell.recall()).as(workload.name()).isEqualTo(1.0);
      assertThat(cell.shortQueries()).as(workload.name()).isZero();
      assertThat(cell.stops()).as(workload.name()).containsOnlyKeys(StopReason.EXHAUSTED);
    }
  }

  @Test
  void theScoreCountsTheRowsOwed() {
    FilteredTopK topK = Workloads.topK(data, 10, 1.0, TestSeed.random("detector.score"));
    int[] trueTop = new int[10];
    Arrays.setAll(trueTop, rank -> data.truth(0).doc(rank));
    assertThat(topK.score(0, trueTop)).isEqualTo(new Workload.Score(1, false));
    assertThat(topK.score(0, Arrays.copyOf(trueTop, 5))).isEqualTo(new Workload.Score(0.5, true));
    assertThat(topK.score(0, new int[0])).isEqualTo(new Workload.Score(0, true));

    RangeWorkload range = RangeWorkload.halfwayAfter(data, 10, QUERIES);
    assertThat(range.score(0, trueTop)).isEqualTo(new Workload.Score(1, false));
    assertThat(range.score(0, Arrays.copyOf(trueTop, 9))).isEqualTo(new Workload.Score(0.9, true));
  }

  /**
   * Departure needs E visits (for R) and a full window of w, so an empty range costs at least
   * max(E, w) visits, and a larger E and w should not make it give up sooner.
   */
  @Test
  void anUnsatisfiableRangeReturnsNothingAndGivesUpLaterForLargerEAndW() {
    Workload unsatisfiable = RangeWorkload.belowNearest(data);
    HnswSearcher searcher = data.index().newSearcher();
    double previous = 0;
    for (Setting setting : List.of(Setting.medianWindow(16, 8), Setting.medianWindow(32, 16),
        Setting.medianWindow(64, 64), Setting.medianWindow(200, 256))) {
      Cell cell = CellMeasurer.measure(searcher, unsatisfiable, setting, 0);
      assertThat(cell.meanRows()).as(setting.label()).isZero();
      assertThat(cell.stops()).as(setting.label()).containsOnlyKeys(StopReason.SATISFIED);
      assertThat(cell.meanNodes()).as(setting.label()).isGreaterThanOrEqualTo(Math.max(setting.e(), setting.w()));
      assertThat(cell.meanNodes()).as(setting.label()).isGreaterThanOrEqualTo(0.9 * previous);
      previous = cell.meanNodes();
    }
  }
}
