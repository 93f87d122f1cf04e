package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.index.ScoredDocs;
import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/** Deleted docs are traversed but never returned; a rebuild drops them from the graph. */
@ExtendWith(TestSeed.class)
class DeletesTest {
  private static final int N = 4000, DIMENSION = 24, K = 10;

  @Test
  void deletedRowsAreNeverReturnedByAnyMode() {
    SplittableRandom random = TestSeed.random("deletes.modes");
    try (VectorArena arena = HnswFixtures.randomArena(Metric.L2, random, N, DIMENSION)) {
      HnswIndex index = HnswFixtures.build(arena, Metric.L2, HnswConfig.defaults(), 2);
      RoaringBitmap live = FilteredSearchTest.sample(random, N, 0.7);
      RoaringBitmap accept = FilteredSearchTest.sample(random, N, 0.3);
      HnswSearcher searcher = index.newSearcher();
      double recall = 0;
      for (int q = 0; q < 50; q++) {
        float[] query = HnswFixtures.randomVector(random, DIMENSION);
        HnswResult plain = searcher.search(query, K, live);
        recall += HnswFixtures.recall(plain, HnswFixtures.exact(arena, Metric.L2, query, K, live));
        assertLive(plain, live);
        assertLive(searcher.searchFiltered(query, K, 64, live, accept), live);
        assertLive(searcher.topK(query, K, live, accept::contains, CursorOptions.defaults()), live);
        assertLive(searcher.range(query, plain.distance(K - 1), live, CursorOptions.defaults()), live);
      }
      assertThat(recall / 50).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void whenFewerThanKLiveRowsRemainAllAreReturned() {
    SplittableRandom random = TestSeed.random("deletes.few");
    try (VectorArena arena = HnswFixtures.randomArena(Metric.COSINE, random, N, DIMENSION)) {
      HnswIndex index = HnswFixtures.build(arena, Metric.COSINE, HnswConfig.defaults(), 2);
      RoaringBitmap live = RoaringBitmap.bitmapOf(5, 900, 1777, 3001, 3999);
      float[] query = HnswFixtures.randomVector(random, DIMENSION);
      HnswResult result = index.newSearcher().search(query, K, live);
      ScoredDocs exact = HnswFixtures.exact(arena, Metric.COSINE, query, K, live);
      assertThat(result.docIds()).containsExactly(exact.docIds());
    }
  }

  @Test
  void rebuildKeepsOnlyLiveDocsAndItsRecall() {
    SplittableRandom random = TestSeed.random("deletes.rebuild");
    try (VectorArena arena = HnswFixtures.randomArena(Metric.L2, random, N, DIMENSION)) {
      HnswIndex index = HnswFixtures.build(arena, Metric.L2, HnswConfig.defaults(), 2);
      RoaringBitmap live = FilteredSearchTest.sample(random, N, 0.4);
      HnswIndex rebuilt = index.rebuild(live, HnswFixtures::levelKey, 2);
      assertThat(index.size()).isEqualTo(N);
      assertThat(rebuilt.size()).isEqualTo(live.getCardinality());
      for (int doc = 0; doc < N; doc++) {
        assertThat(rebuilt.contains(doc)).isEqualTo(live.contains(doc));
      }
      HnswSearcher searcher = rebuilt.newSearcher();
      double recall = 0;
      for (int q = 0; q < 50; q++) {
        float[] query = HnswFixtures.randomVector(random, DIMENSION);
        HnswResult result = searcher.search(query, K, live);
        assertThat(result.usedExactSearch()).isFalse();
        recall += HnswFixtures.recall(result, HnswFixtures.exact(arena, Metric.L2, query, K, live));
      }
      assertThat(recall / 50).isGreaterThanOrEqualTo(0.95);
    }
  }

  private static void assertLive(HnswResult result, RoaringBitmap live) {
    assertThat(result.size()).isPositive();
    for (int doc : result.docIds()) {
      assertThat(live.contains(doc)).as("doc %d is deleted", doc).isTrue();
    }
  }
}
