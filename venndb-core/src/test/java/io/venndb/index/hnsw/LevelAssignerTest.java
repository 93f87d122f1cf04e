package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.venndb.testing.TestSeed;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class LevelAssignerTest {
  @Test
  void levelsDependOnlyOnKeyAndSeedAndFollowTheGeometricLaw() {
    SplittableRandom random = TestSeed.random("levels");
    LevelAssigner a = new LevelAssigner(16, 42), b = new LevelAssigner(16, 42);
    LevelAssigner otherSeed = new LevelAssigner(16, 43);
    int n = 200_000, aboveZero = 0, aboveOne = 0, differ = 0;
    for (int i = 0; i < n; i++) {
      long key = random.nextLong();
      int level = a.level(key);
      assertThat(b.level(key)).isEqualTo(level);
      assertThat(level).isBetween(0, GraphStore.MAX_LEVEL);
      aboveZero += level >= 1 ? 1 : 0;
      aboveOne += level >= 2 ? 1 : 0;
      differ += otherSeed.level(key) != level ? 1 : 0;
    }
    assertThat((double) aboveZero / n).isCloseTo(1 / 16.0, within(0.004));
    assertThat((double) aboveOne / n).isCloseTo(1 / 256.0, within(0.001));
    assertThat(differ).isPositive();
  }

  @Test
  void sequentialKeysAreSpreadOut() {
    LevelAssigner levels = new LevelAssigner(16, HnswConfig.DEFAULT_SEED);
    int aboveZero = 0;
    for (long key = 0; key < 100_000; key++) {
      aboveZero += levels.level(key) >= 1 ? 1 : 0;
    }
    assertThat(aboveZero / 100_000.0).isCloseTo(1 / 16.0, within(0.005));
  }
}
