package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/** One writer inserting while readers search, as the engine will run it. */
@ExtendWith(TestSeed.class)
class ConcurrencyTest {
  private static final int N = 6000, DIMENSION = 16;

  @Test
  void readersSearchWhileTheWriterInserts() throws InterruptedException {
    SplittableRandom random = TestSeed.random("concurrency.data");
    try (VectorArena arena = HnswFixtures.randomArena(Metric.L2, random, N, DIMENSION)) {
      HnswIndex index = HnswIndex.create(arena, Metric.L2, HnswConfig.defaults());
      for (int doc = 0; doc < 500; doc++) {
        index.insert(doc, HnswFixtures.levelKey(doc));
      }
      float[][] queries = new float[50][];
      for (int i = 0; i < queries.length; i++) {
        queries[i] = HnswFixtures.randomVector(random, DIMENSION);
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread reader = new Thread(() -> read(index, arena, queries, writing, failure));
      reader.start();
      for (int doc = 500; doc < N; doc++) {
        index.insert(doc, HnswFixtures.levelKey(doc));
      }
      writing.set(false);
      reader.join();
      assertThat(failure.get()).isNull();
      assertThat(index.size()).isEqualTo(N);
    }
  }

  /**
   * More builder threads than cores, so lists are contended. HNSW does not promise that every node
   * stays reachable (a node whose in-links were all dropped is cut off; Lucene repairs components
   * after a build, this graph does not), but almost all must be.
   */
  @Test
  void aParallelBuildIsCompleteAndConnected() {
    SplittableRandom random = TestSeed.random("concurrency.build");
    try (VectorArena arena = HnswFixtures.randomArena(Metric.COSINE, random, N, DIMENSION)) {
      HnswIndex index = HnswFixtures.build(arena, Metric.COSINE, HnswConfig.defaults(), 4);
      assertThat(index.size()).isEqualTo(N);
      RoaringBitmap live = HnswFixtures.all(N);
      HnswCursor cursor = index.newSearcher().cursor(HnswFixtures.randomVector(random, DIMENSION), live,
          CursorOptions.defaults());
      RoaringBitmap reached = new RoaringBitmap();
      while (cursor.next()) {
        reached.add(cursor.docId());
      }
      assertThat(reached.getCardinality()).isGreaterThanOrEqualTo(N - N / 1000);
    }
  }

  /** Searches in every mode and checks each answer is well formed; records the first failure. */
  private static void read(HnswIndex index, VectorArena arena, float[][] queries, AtomicBoolean writing,
      AtomicReference<Throwable> failure) {
    HnswSearcher searcher = index.newSearcher();
    RoaringBitmap live = HnswFixtures.all(N);
    float[] vector = new float[DIMENSION];
    try {
      for (int round = 0; writing.get() || round < 2; round++) {
        for (float[] query : queries) {
          check(searcher.search(query, 10, live), arena, query, vector);
          check(searcher.topK(query, 10, live, doc -> doc % 2 == 0, CursorOptions.defaults()), arena, query, vector);
          check(searcher.range(query, 1.2f, live, CursorOptions.defaults()), arena, query, vector);
        }
      }
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  private static void check(HnswResult result, VectorArena arena, float[] query, float[] vector) {
    RoaringBitmap seen = new RoaringBitmap();
    for (int i = 0; i < result.size(); i++) {
      assertThat(seen.checkedAdd(result.docId(i))).isTrue();
      assertThat(i == 0 || result.distance(i - 1) <= result.distance(i)).isTrue();
      assertThat(arena.get(result.docId(i), vector)).isTrue();
      assertThat(result.distance(i)).isEqualTo(Metric.L2.distance(io.venndb.vector.Kernels.get(), vector, query));
    }
  }
}
