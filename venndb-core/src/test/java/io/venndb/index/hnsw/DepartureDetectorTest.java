package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.testing.TestSeed;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The incremental detector against R, M and the departure recomputed from scratch each step. */
@ExtendWith(TestSeed.class)
class DepartureDetectorTest {
  @Test
  void matchesABruteForceRecomputation() {
    SplittableRandom random = TestSeed.random("departure.oracle");
    for (int round = 0; round < 200; round++) {
      int e = 1 + random.nextInt(12), w = 1 + random.nextInt(9);
      DepartureDetector detector = new DepartureDetector(e, w);
      float[] seen = new float[60];
      boolean departed = false;
      for (int t = 0; t < seen.length; t++) {
        // Few distinct values, so ties and evictions of duplicates are exercised.
        seen[t] = random.nextInt(8) / 4f - (t < 20 ? 0 : 1);
        detector.accept(seen[t]);
        float r = bound(seen, t + 1, e);
        float m = median(seen, t + 1, w);
        departed |= t + 1 >= w && m > r;
        assertThat(detector.bound()).isEqualTo(r);
        assertThat(detector.median()).isEqualTo(m);
        assertThat(detector.departed()).isEqualTo(departed);
      }
    }
  }

  @Test
  void anApproachNeverDepartsAndATurnDepartsSoonAfter() {
    int e = 10, w = 8;
    DepartureDetector detector = new DepartureDetector(e, w);
    for (int t = 0; t < 100; t++) {
      detector.accept(100 - t); // closing in: every step nearer than the last
      assertThat(detector.departed()).isFalse();
    }
    int steps = 0;
    for (float d = 1.5f; !detector.departed(); d += 1) {
      detector.accept(d); // moving away
      steps++;
    }
    assertThat(steps).isLessThanOrEqualTo(e + w);
  }

  @Test
  void lastVisitedIsAWindowOfOne() {
    DepartureDetector detector = new DepartureDetector(3, 1);
    for (float d : new float[] {5, 4, 3, 2}) {
      detector.accept(d);
    }
    assertThat(detector.departed()).isFalse();
    detector.accept(4); // the 3rd nearest so far is 4: level with it, not past it
    assertThat(detector.departed()).isFalse();
    detector.accept(5);
    assertThat(detector.median()).isEqualTo(5f);
    assertThat(detector.departed()).isTrue();
  }

  @Test
  void aPlateauOfEqualDistancesIsNotADeparture() {
    int e = 10, w = 8;
    DepartureDetector detector = new DepartureDetector(e, w);
    for (int t = 0; t < 5 * (e + w); t++) {
      detector.accept(0.25f); // a group of identical vectors: M = R all along
    }
    assertThat(detector.departed()).isFalse();
    int steps = 0;
    while (!detector.departed()) {
      detector.accept(0.5f); // leaving the group
      steps++;
    }
    assertThat(steps).isLessThanOrEqualTo(w);
  }

  private static float bound(float[] seen, int n, int e) {
    if (n < e) {
      return Float.POSITIVE_INFINITY;
    }
    float[] sorted = Arrays.copyOf(seen, n);
    Arrays.sort(sorted);
    return sorted[e - 1];
  }

  private static float median(float[] seen, int n, int w) {
    float[] window = Arrays.copyOfRange(seen, Math.max(0, n - w), n);
    Arrays.sort(window);
    int mid = window.length / 2;
    return window.length % 2 == 1 ? window[mid] : (window[mid - 1] + window[mid]) / 2;
  }
}
