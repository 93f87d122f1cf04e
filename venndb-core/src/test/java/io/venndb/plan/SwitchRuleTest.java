package io.venndb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.index.hnsw.CursorTopK;
import io.venndb.query.Predicate;
import io.venndb.query.Ranking;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a stream gives way to an exact scan of its filter. The plan's figures are those of a 10%
 * date window on the 828k PyPI rows at the planner's calibrated costs, where the rule that trusted
 * only the pass rate seen so far switched queries that would have finished streaming in 2–6 ms.
 */
class SwitchRuleTest {
  private static final long LIVE = 828_166;
  private static final double SELECTIVITY = 0.1;
  private static final double PLANNED_YIELDS = 128;
  private static final double PER_YIELD_NS = 3_557;
  private static final double EXACT_NS = 12_371_402;
  private static final int CHECK = CursorTopK.CHECK_EVERY;

  private final CursorTopK.SwitchRule rule = QueryExecutor.switchRule(plan(), LIVE);

  @Test
  void neverBeforeTwiceThePlannedYields() {
    for (long yielded = CHECK; yielded < 2 * PLANNED_YIELDS; yielded += CHECK) {
      assertThat(rule.shouldSwitch(yielded, 0, 0)).as("yielded %d", yielded).isFalse();
    }
  }

  @Test
  void aNeighbourhoodWithoutMatchesIsNotEnoughToGiveUp() {
    // The measured case: 256 yields, none passing; alone that predicts 18 ms more streaming.
    assertThat(rule.shouldSwitch(256, 0, 0)).isFalse();
    assertThat(rule.shouldSwitch(1024, 0, 0)).isFalse();
  }

  @Test
  void aStreamThatKeepsFindingNothingSwitchesBeforeItHasCostTwiceTheExactScan() {
    long yielded = CHECK;
    while (!rule.shouldSwitch(yielded, 0, 0)) {
      yielded += CHECK;
      assertThat(yielded * PER_YIELD_NS).as("streamed without a match").isLessThan(2 * EXACT_NS);
    }
    assertThat(yielded * PER_YIELD_NS).isGreaterThan(EXACT_NS / 2);
  }

  @Test
  void aStreamPassingAtThePlannedRateNeverSwitches() {
    for (long yielded = CHECK; yielded <= 100_000; yielded += CHECK) {
      long passed = (long) (yielded * SELECTIVITY);
      assertThat(rule.shouldSwitch(yielded, passed, (int) Math.min(passed, 9))).as("yielded %d", yielded).isFalse();
    }
  }

  @Test
  void aStreamFarBelowThePlannedRateSwitchesOnceItHasCostAsMuchAsTheExactScan() {
    // One pass in a thousand, 100 times below the plan: the estimate alone would keep it going to
    // the end (~10,000 yields, three times the scan); its own evidence ends it at the scan's cost.
    long yielded = CHECK;
    while (!rule.shouldSwitch(yielded, yielded / 1000, (int) (yielded / 1000))) {
      yielded += CHECK;
    }
    assertThat(yielded * PER_YIELD_NS).isBetween(EXACT_NS, EXACT_NS + CHECK * PER_YIELD_NS);
  }

  private static PhysicalPlan plan() {
    Predicate window = Predicate.between("month", 201004, 201807);
    FilterNode filter = new FilterNode.ScalarLeaf(window, true,
        Estimate.exact(SELECTIVITY * LIVE, "index count"), FilterNode.Mode.TESTED, 0);
    FilterNode materialised = new FilterNode.ScalarLeaf(window, true,
        Estimate.exact(SELECTIVITY * LIVE, "index count"), FilterNode.Mode.MATERIALISED, 0);
    List<PhysicalPlan.Alternative> alternatives = List.of(
        new PhysicalPlan.Alternative(Strategy.STREAM_CURSOR, PLANNED_YIELDS * PER_YIELD_NS),
        new PhysicalPlan.Alternative(Strategy.EXACT_OVER_FILTER, EXACT_NS));
    return new PhysicalPlan(Strategy.STREAM_CURSOR, filter, materialised, filter,
        Ranking.nearestTo("emb", new float[] {1, 0}), 0, 10, 0, 64, PLANNED_YIELDS * PER_YIELD_NS, 10,
        alternatives, PLANNED_YIELDS, PER_YIELD_NS, UnitCosts.NOMINAL, null);
  }
}
