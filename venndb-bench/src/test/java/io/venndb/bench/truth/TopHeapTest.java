package io.venndb.bench.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.testing.TestSeed;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class TopHeapTest {

  /** Against a full sort: higher similarity first, then lower row; ties and negatives included. */
  @RepeatedTest(20)
  void keepsTheBestInOrder() {
    SplittableRandom random = TestSeed.random("top-heap");
    int n = random.nextInt(1, 300);
    int k = random.nextInt(0, n + 5);
    float[] sims = new float[n];
    for (int i = 0; i < n; i++) {
      sims[i] = random.nextInt(4) == 0 ? 0.5f : (float) (random.nextDouble() * 2 - 1);
    }
    int[] expected = IntStream.range(0, n).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -sims[i]).thenComparingInt(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
    Ranked got = BruteForce.topK(sims, null, k);
    assertThat(got.rows()).containsExactly(expected);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.similarities()[i]).isEqualTo(sims[got.rows()[i]]);
    }
  }
}
