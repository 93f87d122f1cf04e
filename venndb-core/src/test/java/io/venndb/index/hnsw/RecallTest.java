package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roaringbitmap.RoaringBitmap;

/** Classic top-k at default settings against the flat-scan oracle. */
@ExtendWith(TestSeed.class)
class RecallTest {
  private static final int K = 10;

  @ParameterizedTest
  @EnumSource(Metric.class)
  void randomVectorsReachRecallAtDefaults(Metric metric) {
    SplittableRandom random = TestSeed.random("recall.random." + metric);
    int n = 5000, dimension = 64;
    try (VectorArena arena = HnswFixtures.randomArena(metric, random, n, dimension)) {
      HnswIndex index = HnswFixtures.build(arena, metric, HnswConfig.defaults(), 2);
      RoaringBitmap live = HnswFixtures.all(n);
      HnswSearcher searcher = index.newSearcher();
      double recall = 0;
      for (int q = 0; q < 100; q++) {
        float[] query = HnswFixtures.randomVector(random, dimension);
        HnswResult result = searcher.search(query, K, live);
        assertThat(result.size()).isEqualTo(K);
        assertThat(result.stopReason()).isEqualTo(StopReason.SATISFIED);
        assertThat(result.nodesVisited()).isLessThan(n / 10);
        recall += HnswFixtures.recall(result, HnswFixtures.exact(arena, metric, query, K, live));
      }
      assertThat(recall / 100).isGreaterThanOrEqualTo(0.95);
      assertThat(index.size()).isEqualTo(n);
      // Links cost about 1.2 times the layer-0 capacity (2M ints per node) or less.
      assertThat(index.linkBytes()).isLessThanOrEqualTo((long) (1.2 * n * 2 * 16 * 4));
    }
  }

  @Test
  void debianDescriptionEmbeddingsReachRecallAtDefaults() {
    SharedGraphs.Graph graph = SharedGraphs.debian();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswSearcher searcher = graph.index().newSearcher();
    double recall = 0;
    for (float[] query : graph.queries()) {
      HnswResult result = searcher.search(query, K, live);
      assertThat(result.size()).isEqualTo(K);
      recall += HnswFixtures.recall(result, HnswFixtures.exact(graph.arena(), graph.metric(), query, K, live));
    }
    assertThat(recall / graph.queries().length).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void resultsAreSortedAndDistancesAreTheMetrics() {
    SharedGraphs.Graph graph = SharedGraphs.random();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswResult result = graph.index().newSearcher().search(graph.queries()[0], 50, 200, live);
    assertThat(result.size()).isEqualTo(50);
    float[] vector = new float[graph.arena().dimension()];
    for (int i = 0; i < result.size(); i++) {
      assertThat(i == 0 || result.distance(i - 1) <= result.distance(i)).isTrue();
      graph.arena().get(result.docId(i), vector);
      assertThat(result.distance(i))
          .isEqualTo(graph.metric().distance(io.venndb.vector.Kernels.get(), vector, graph.queries()[0]));
    }
  }
}
