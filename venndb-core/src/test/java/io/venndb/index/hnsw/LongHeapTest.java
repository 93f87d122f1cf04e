package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.testing.TestSeed;
import java.util.Collections;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class LongHeapTest {
  @Test
  void minAndMaxHeapsAgreeWithPriorityQueue() {
    SplittableRandom random = TestSeed.random("heap.ops");
    for (boolean max : new boolean[] {false, true}) {
      LongHeap heap = max ? LongHeap.max(2) : LongHeap.min(2);
      PriorityQueue<Long> oracle = max ? new PriorityQueue<>(Collections.reverseOrder()) : new PriorityQueue<>();
      for (int op = 0; op < 20_000; op++) {
        if (oracle.isEmpty() || random.nextInt(3) > 0) {
          long key = Keys.pack((float) random.nextGaussian(), random.nextInt(1000));
          heap.push(key);
          oracle.add(key);
        } else {
          assertThat(heap.pop()).isEqualTo(oracle.poll());
        }
        assertThat(heap.size()).isEqualTo(oracle.size());
        if (!oracle.isEmpty()) {
          assertThat(heap.top()).isEqualTo(oracle.peek());
        }
      }
    }
  }

  @Test
  void boundedOffersKeepTheSmallestKeysInOrder() {
    SplittableRandom random = TestSeed.random("heap.bounded");
    LongHeap heap = LongHeap.max(4);
    long[] all = new long[5000];
    for (int i = 0; i < all.length; i++) {
      all[i] = Keys.pack(random.nextFloat() * 10 - 5, i);
      heap.offerBounded(all[i], 37);
    }
    java.util.Arrays.sort(all);
    long[] kept = heap.sortedAscending(new long[0]);
    assertThat(java.util.Arrays.copyOf(kept, heap.size())).containsExactly(java.util.Arrays.copyOf(all, 37));
  }

  @Test
  void keysOrderByDistanceThenDocAndFoldNegativeZero() {
    assertThat(Keys.pack(-1f, 5)).isLessThan(Keys.pack(0f, 1));
    assertThat(Keys.pack(0.5f, 1)).isLessThan(Keys.pack(0.5f, 2));
    assertThat(Keys.pack(-0f, 3)).isEqualTo(Keys.pack(0f, 3));
    assertThat(Keys.distance(Keys.pack(-2.75f, 9))).isEqualTo(-2.75f);
    assertThat(Keys.doc(Keys.pack(1e30f, Integer.MAX_VALUE - 1))).isEqualTo(Integer.MAX_VALUE - 1);
  }
}
