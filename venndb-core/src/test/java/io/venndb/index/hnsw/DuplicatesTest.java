package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/**
 * Many identical vectors (real catalogs repeat summaries by the hundred) must not wall themselves
 * off: a node's links may hold one copy of a duplicate, never a list full of copies, or a search
 * that enters the group can only ever see the group (found on PyPI: ten copies returned at
 * similarity 0.55 instead of rows at 0.8, the search exhausted after 41 nodes).
 */
@ExtendWith(TestSeed.class)
class DuplicatesTest {
  private static final int N = 3000, COPIES = 600, DIMENSION = 16, K = 10;

  @Test
  void aLargeGroupOfCopiesDoesNotTrapTheSearch() {
    SplittableRandom random = TestSeed.random("duplicates");
    for (Metric metric : new Metric[] {Metric.COSINE, Metric.L2}) {
      try (VectorArena arena = HnswFixtures.randomArena(metric, random, N, DIMENSION)) {
        float[] copy = HnswFixtures.randomVector(random, DIMENSION);
        for (int doc = 0; doc < COPIES; doc++) {
          arena.set(doc * (N / COPIES), copy);
        }
        HnswIndex index = HnswFixtures.build(arena, metric, HnswConfig.defaults(), 2);
        RoaringBitmap live = new RoaringBitmap();
        live.add(0L, N);
        HnswSearcher searcher = index.newSearcher();
        double recall = 0;
        int queries = 60;
        for (int q = 0; q < queries; q++) {
          // Half the queries start near the copies, where a trapped search would stay.
          float[] query = q % 2 == 0 ? HnswFixtures.randomVector(random, DIMENSION) : nudge(copy, random, 0.3f);
          HnswResult result = searcher.search(query, K, 32, live);
          assertThat(result.usedExactSearch()).as("%s query %d fell back to an exact scan", metric, q).isFalse();
          recall += tieAwareRecall(result, HnswFixtures.exact(arena, metric, query, K, live));
        }
        assertThat(recall / queries).as("%s recall@%d with %d copies", metric, K, COPIES).isGreaterThanOrEqualTo(0.95);
      }
    }
  }

  /**
   * Results within the k-th true distance, over k: with hundreds of copies at one distance, which
   * copies are returned is arbitrary, so doc ids cannot be compared.
   */
  private static double tieAwareRecall(HnswResult result, io.venndb.index.ScoredDocs exact) {
    float kth = exact.distance(exact.size() - 1);
    long good = 0;
    for (int i = 0; i < result.size(); i++) {
      good += result.distance(i) <= kth + 1e-6f ? 1 : 0;
    }
    return (double) good / exact.size();
  }

  private static float[] nudge(float[] v, SplittableRandom random, float scale) {
    float[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += (float) random.nextGaussian() * scale;
    }
    return out;
  }
}
