package io.venndb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.testing.TestSeed;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The selecting pool and its quickselect against a sorted-set oracle. */
@ExtendWith(TestSeed.class)
class SelectingPoolTest {
  @Test
  void keepsTheSmallestKeysOfAnyStream() {
    SplittableRandom random = TestSeed.random("pool.stream");
    for (int round = 0; round < 200; round++) {
      int capacity = 1 + random.nextInt(300);
      int offers = random.nextInt(5000);
      boolean descending = round % 5 == 0; // every key beats the cut: the worst case for the buffer
      SelectingPool pool = new SelectingPool(capacity);
      TreeSet<Long> oracle = new TreeSet<>();
      for (int i = 0; i < offers; i++) {
        float distance = descending ? offers - i : (float) random.nextDouble(-2, 2);
        long key = ScoredDocs.pack(distance, i);
        pool.offer(key);
        oracle.add(key);
        if (oracle.size() > capacity) {
          oracle.pollLast();
        }
      }
      long[] expected = oracle.stream().mapToLong(Long::longValue).toArray();
      assertThat(pool.sortedKeys()).as("capacity %d, %d offers", capacity, offers).containsExactly(expected);
    }
  }

  @Test
  void selectPutsTheNthKeyWhereASortWould() {
    SplittableRandom random = TestSeed.random("pool.select");
    for (int round = 0; round < 300; round++) {
      long[] keys = random.longs(1 + random.nextInt(600), -50, 50).toArray(); // many repeats
      int nth = random.nextInt(keys.length);
      long[] sorted = keys.clone();
      Arrays.sort(sorted);
      SelectingPool.select(keys, 0, keys.length - 1, nth);
      assertThat(keys[nth]).isEqualTo(sorted[nth]);
      for (int i = 0; i < keys.length; i++) {
        if (i < nth) {
          assertThat(keys[i]).isLessThanOrEqualTo(keys[nth]);
        } else if (i > nth) {
          assertThat(keys[i]).isGreaterThanOrEqualTo(keys[nth]);
        }
      }
    }
  }
}
