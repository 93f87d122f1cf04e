package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.index.FlatVectorSearch;
import io.venndb.index.ScoredDocs;
import io.venndb.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/** Every live doc within a distance, stopped by the relaxed-monotonicity detector. */
@ExtendWith(TestSeed.class)
class RangeSearchTest {
  @Test
  void aHundredRowRangeIsFoundVisitingAFractionOfTheGraph() {
    SharedGraphs.Graph graph = SharedGraphs.debian();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswSearcher searcher = graph.index().newSearcher();
    double recall = 0;
    long visited = 0;
    for (float[] query : graph.queries()) {
      float radius = HnswFixtures.exact(graph.arena(), graph.metric(), query, 100, live).distance(99);
      HnswResult result = searcher.range(query, radius, live, CursorOptions.defaults());
      ScoredDocs oracle = FlatVectorSearch.withinDistance(graph.arena(), graph.metric(), query, radius, live);
      assertThat(result.stopReason()).isEqualTo(StopReason.SATISFIED);
      CursorTopKTest.assertSorted(result);
      for (int i = 0; i < result.size(); i++) {
        assertThat(result.distance(i)).isLessThanOrEqualTo(radius);
      }
      recall += HnswFixtures.recall(result, oracle);
      visited += result.nodesVisited();
    }
    int queries = graph.queries().length;
    assertThat(recall / queries).isGreaterThanOrEqualTo(0.98);
    assertThat(visited / queries).isLessThan(graph.size() / 8);
  }

  /** Nothing within the radius: the scan stops as soon as it departs, after O(E + w) visits. */
  @Test
  void anUnsatisfiableRadiusStopsRightAfterTheDeparture() {
    SharedGraphs.Graph graph = SharedGraphs.random();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswSearcher searcher = graph.index().newSearcher();
    for (CursorOptions options : new CursorOptions[] {
        CursorOptions.defaults(), CursorOptions.defaults().withMedianWindow(10, 6),
        CursorOptions.defaults().withLastVisited(20)}) {
      for (float[] query : graph.queries()) {
        float nearest = HnswFixtures.exact(graph.arena(), graph.metric(), query, 1, live).distance(0);
        HnswResult result = searcher.range(query, nearest / 2, live, options);
        assertThat(result.size()).isZero();
        assertThat(result.stopReason()).isEqualTo(StopReason.SATISFIED);
        assertThat(result.nodesVisited()).isLessThanOrEqualTo(3L * (options.e() + options.w()));
      }
    }
  }

  @Test
  void deletedRowsAreNeverReturnedAndABudgetIsCompletedExactly() {
    SharedGraphs.Graph graph = SharedGraphs.random();
    RoaringBitmap live = FilteredSearchTest.sample(TestSeed.random("range.live"), graph.size(), 0.6);
    HnswSearcher searcher = graph.index().newSearcher();
    float[] query = graph.queries()[7];
    float radius = HnswFixtures.exact(graph.arena(), graph.metric(), query, 60, live).distance(59);
    ScoredDocs oracle = FlatVectorSearch.withinDistance(graph.arena(), graph.metric(), query, radius, live);

    HnswResult scanned = searcher.range(query, radius, live, CursorOptions.defaults());
    for (int doc : scanned.docIds()) {
      assertThat(live.contains(doc)).isTrue();
    }
    HnswResult budgeted = searcher.range(query, radius, live, CursorOptions.defaults().withBudget(30, 1 << 20));
    assertThat(budgeted.stopReason()).isEqualTo(StopReason.BUDGET);
    assertThat(budgeted.usedExactSearch()).isTrue();
    assertThat(budgeted.docIds()).containsExactly(oracle.docIds());
  }
}
