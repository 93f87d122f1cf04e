package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.index.ScoredDocs;
import io.venndb.testing.TestSeed;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/**
 * Walks on sketch estimates against the flat-scan oracle, on 384-d MiniLM embeddings: every
 * returned distance is the exact one, bit for bit and in order; recall holds the thresholds the
 * exact walks are held to; and the cursors handed to callers stay exact.
 */
@ExtendWith(TestSeed.class)
class EstimatedWalkTest {
  private static final int K = 10;

  @Test
  void onFromTheSketchDimensionUpOnly() {
    assertThat(SharedGraphs.debian().index().newSearcher().estimatedWalks()).isTrue();
    assertThat(SharedGraphs.random().index().newSearcher().estimatedWalks()).isFalse(); // 32-d
  }

  @Test
  void topKReturnsExactDistancesAndKeepsRecall() {
    SharedGraphs.Graph graph = SharedGraphs.debian();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswSearcher estimated = graph.index().newSearcher();
    HnswSearcher exact = graph.index().newSearcher();
    exact.setEstimatedWalks(false);
    double recall = 0, exactRecall = 0;
    for (float[] query : graph.queries()) {
      ScoredDocs oracle = HnswFixtures.exact(graph.arena(), graph.metric(), query, K, live);
      HnswResult result = estimated.search(query, K, 32, live);
      assertExactDistances(graph, query, result);
      assertThat(result.rescored()).isEqualTo(Traversal.rescoreWidth(K));
      recall += HnswFixtures.recall(result, oracle);
      HnswResult plain = exact.search(query, K, 32, live);
      assertThat(plain.rescored()).isZero();
      exactRecall += HnswFixtures.recall(plain, oracle);
    }
    int n = graph.queries().length;
    assertThat(recall / n).isGreaterThanOrEqualTo(0.95).isGreaterThanOrEqualTo(exactRecall / n - 0.02);
  }

  @Test
  void filteredWalkAndStreamReturnExactDistancesAndKeepRecall() {
    SharedGraphs.Graph graph = SharedGraphs.debian();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    RoaringBitmap accept = sample(TestSeed.random("walk.estimated.filter"), graph.size(), 0.2);
    HnswSearcher searcher = graph.index().newSearcher();
    double walkRecall = recall(graph, accept, query -> searcher.searchFilteredByGraph(query, K, 64, live, accept));
    double streamRecall = recall(graph, accept,
        query -> searcher.topK(query, K, live, accept::contains, CursorOptions.defaults()));
    assertThat(walkRecall).isGreaterThanOrEqualTo(0.95);
    assertThat(streamRecall).isGreaterThanOrEqualTo(0.95);
  }

  /** However few rows pass, and none at all, the stream returns min(k, matches), exactly scored. */
  @Test
  void rareFiltersStillGetEveryMatchingRow() {
    SharedGraphs.Graph graph = SharedGraphs.debian();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswSearcher searcher = graph.index().newSearcher();
    RoaringBitmap three = RoaringBitmap.bitmapOf(5, 700, 1500);
    for (RoaringBitmap accept : new RoaringBitmap[] {three, new RoaringBitmap()}) {
      float[] query = graph.queries()[0];
      HnswResult result = searcher.topK(query, K, live, accept::contains, CursorOptions.defaults());
      assertThat(result.size()).isEqualTo(accept.getCardinality());
      assertExactDistances(graph, query, result);
    }
  }

  @Test
  void cursorsHandedOutStayExact() {
    SharedGraphs.Graph graph = SharedGraphs.debian();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswSearcher searcher = graph.index().newSearcher();
    float[] query = graph.queries()[1];
    HnswCursor cursor = searcher.cursor(query, live, CursorOptions.defaults());
    assertThat(cursor.estimated()).isFalse();
    for (int i = 0; i < 50 && cursor.next(); i++) {
      ScoredDocs one = HnswFixtures.exact(graph.arena(), graph.metric(), query, 1, RoaringBitmap.bitmapOf(cursor.docId()));
      assertThat(cursor.distance()).isEqualTo(one.distance(0));
    }
  }

  private static double recall(SharedGraphs.Graph graph, RoaringBitmap accept, Function<float[], HnswResult> search) {
    double recall = 0;
    for (float[] query : graph.queries()) {
      HnswResult result = search.apply(query);
      assertExactDistances(graph, query, result);
      for (int doc : result.docIds()) {
        assertThat(accept.contains(doc)).isTrue();
      }
      recall += HnswFixtures.recall(result, HnswFixtures.exact(graph.arena(), graph.metric(), query, K, accept));
    }
    return recall / graph.queries().length;
  }

  /** The result's rows, rescored by the oracle, come back with the same distances in the same order. */
  private static void assertExactDistances(SharedGraphs.Graph graph, float[] query, HnswResult result) {
    RoaringBitmap rows = RoaringBitmap.bitmapOf(result.docIds());
    ScoredDocs oracle = HnswFixtures.exact(graph.arena(), graph.metric(), query, result.size(), rows);
    assertThat(result.docIds()).containsExactly(oracle.docIds());
    assertThat(result.distances()).containsExactly(oracle.distances());
  }

  private static RoaringBitmap sample(SplittableRandom random, int n, double fraction) {
    RoaringBitmap out = new RoaringBitmap();
    for (int doc = 0; doc < n; doc++) {
      if (random.nextDouble() < fraction) {
        out.add(doc);
      }
    }
    return out;
  }
}
