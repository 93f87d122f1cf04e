package io.venndb.bench.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.bench.data.KeywordColumn;
import io.venndb.bench.data.LongColumn;
import io.venndb.bench.data.Table;
import io.venndb.bench.data.TagsColumn;
import io.venndb.testing.TestSeed;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The selectivity generator hits its targets. Stated tolerances: range recipes on a column of
 * (almost) distinct values land within one row of the target count, also when combined with a
 * companion filter; value-set recipes (OR of keywords or tags) and their negation land within 25%
 * of the target, relative, on data whose value frequencies span the targets.
 */
@ExtendWith(TestSeed.class)
class SelectivityTest {
  static final int ROWS = 20_000;
  static final double[] TARGETS = {0.9, 0.5, 0.1, 0.01, 0.001};
  static final double VALUE_SET_TOLERANCE = 0.25;

  final Table table = table(TestSeed.random("selectivity-table"));
  final FilterMatcher matcher = new FilterMatcher(table);

  /** A wide-range number (10% NULL), a skewed keyword (40 values, shares 20% … 0.03%) and skewed tags. */
  static Table table(SplittableRandom random) {
    long[] size = new long[ROWS];
    BitSet nulls = new BitSet();
    String[] section = new String[ROWS];
    String[][] tags = new String[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      size[i] = random.nextLong(0, 1_000_000_000L);
      if (random.nextInt(10) == 0) {
        nulls.set(i);
      }
      int v = 0;
      while (v < 39 && random.nextDouble() < 0.8) {
        v++;
      }
      section[i] = "s" + v;
      List<String> t = new ArrayList<>();
      for (int k = 0; k < 20; k++) {
        if (random.nextDouble() < 0.5 * Math.pow(0.7, k)) {
          t.add("t" + k);
        }
      }
      tags[i] = t.toArray(String[]::new);
    }
    return new Table(ROWS, List.of(new LongColumn("size", size, nulls), new KeywordColumn("section", section),
        new TagsColumn("tags", tags)));
  }

  double actual(Filter f) {
    return matcher.selectivity(f);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.8, 0.5, 0.1, 0.01, 0.001})
  void rangeRecipesLandWithinOneRow(double target) {
    for (RangeRecipe.Mode mode : RangeRecipe.Mode.values()) {
      Filter f = RangeRecipe.of("size", "size", mode).make(table, target);
      assertThat(Math.abs(actual(f) - target) * ROWS).as("%s at %s: %s", mode, target, f).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void rangeWithACompanionIsTunedForTheCombination() {
    Filter companion = new Filter.Keyword("section", "s0");
    for (double target : new double[] {0.1, 0.01, 0.001}) {
      Filter and = new RangeRecipe("and", "size", RangeRecipe.Mode.LOW, companion, RangeRecipe.Combine.AND)
          .make(table, target);
      assertThat(Math.abs(actual(and) - target) * ROWS).as("AND %s", and).isLessThanOrEqualTo(1.0);
    }
    double companionShare = actual(companion);
    for (double target : new double[] {0.5, 0.9}) {
      Filter or = new RangeRecipe("or", "size", RangeRecipe.Mode.HIGH, companion, RangeRecipe.Combine.OR)
          .make(table, target);
      assertThat(target).isGreaterThan(companionShare);
      assertThat(Math.abs(actual(or) - target) * ROWS).as("OR %s", or).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void keywordValueSetsLandWithinTolerance() {
    for (double target : TARGETS) {
      Filter f = new ValueSetRecipe("section", "section", 8).make(table, target);
      assertThat(relativeError(actual(f), target)).as("%s at %s", f, target).isLessThanOrEqualTo(VALUE_SET_TOLERANCE);
    }
  }

  /**
   * The seed-2ea6df9adae363b3 case, by hand: no single keyword is near 20 rows (13 is the nearest),
   * the closer-each-step union overshoots to 29 at once, and two values that fit make 20 exactly.
   */
  @Test
  void aSmallTargetIsFilledFromValuesThatFit() {
    int[] counts = {1_000, 29, 13, 10, 7, 1};
    String[] section = new String[java.util.Arrays.stream(counts).sum()];
    int row = 0;
    for (int v = 0; v < counts.length; v++) {
      for (int i = 0; i < counts[v]; i++) {
        section[row++] = "v" + v;
      }
    }
    Table small = new Table(section.length, List.of(new KeywordColumn("section", section)));
    Filter f = new ValueSetRecipe("section", "section", 8).make(small, 20.0 / section.length);
    assertThat(Math.round(new FilterMatcher(small).selectivity(f) * section.length)).as("%s", f).isEqualTo(20);
  }

  /**
   * Within the tolerance, or as close as the data allows: 20 tag values cannot hit every target
   * (at 0.1% of 20,000 rows only the rarest three tags, ~11–23 rows each, are near 20, and a seed
   * can leave all three over 25% away), so the bound is the larger of the tolerance and the best
   * single tag's own error. A recipe that miscounted its unions still misses it.
   */
  @Test
  void tagValueSetsCountRealUnions() {
    for (double target : new double[] {0.5, 0.1, 0.01, 0.001}) {
      Filter f = new ValueSetRecipe("tags", "tags", 4).make(table, target);
      double bound = Math.max(VALUE_SET_TOLERANCE, bestSingleTagError(target));
      assertThat(relativeError(actual(f), target)).as("%s at %s", f, target).isLessThanOrEqualTo(bound);
    }
  }

  private double bestSingleTagError(double target) {
    double best = Double.MAX_VALUE;
    for (int k = 0; k < 20; k++) {
      best = Math.min(best, relativeError(actual(new Filter.HasTag("tags", "t" + k)), target));
    }
    return best;
  }

  @Test
  void negationTunesItsComplement() {
    for (double target : new double[] {0.9, 0.5}) {
      Filter f = new NegatedRecipe("not", new ValueSetRecipe("section", "section", 8)).make(table, target);
      assertThat(f).isInstanceOf(Filter.Not.class);
      assertThat(relativeError(actual(f), target)).as("%s at %s", f, target).isLessThanOrEqualTo(VALUE_SET_TOLERANCE);
    }
  }

  @Test
  void correlatedCandidatesStayInTheirBand() {
    CorrelatedCandidates c = CorrelatedCandidates.keywordBand(table, "section", 0.005, 0.05);
    assertThat(c.size()).isGreaterThan(2);
    CorrelatedCandidates w = CorrelatedCandidates.windows(table, "size", 0.05);
    int[] neighbours = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    Filter most = w.choose(neighbours, true);
    Filter fewest = w.choose(neighbours, false);
    assertThat(count(most, neighbours)).isGreaterThanOrEqualTo(count(fewest, neighbours));
    assertThat(actual(most)).isBetween(0.025, 0.075);
  }

  private int count(Filter f, int[] rows) {
    int c = 0;
    for (int r : rows) {
      c += matcher.matches(f, r) ? 1 : 0;
    }
    return c;
  }

  private static double relativeError(double actual, double target) {
    return Math.abs(actual - target) / target;
  }
}
