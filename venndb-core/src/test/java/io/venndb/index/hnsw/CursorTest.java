package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/** The streaming cursor: completeness, order, detector state, budgets, concurrent inserts. */
@ExtendWith(TestSeed.class)
class CursorTest {
  @Test
  void anUnboundedCursorYieldsEveryLiveDocOnceThenIsExhausted() {
    SplittableRandom random = TestSeed.random("cursor.full");
    try (VectorArena arena = HnswFixtures.randomArena(Metric.L2, random, 2000, 16)) {
      HnswIndex index = HnswFixtures.build(arena, Metric.L2, HnswConfig.defaults(), 1);
      RoaringBitmap live = FilteredSearchTest.sample(random, 2000, 0.8);
      HnswCursor cursor = index.newSearcher().cursor(HnswFixtures.randomVector(random, 16), live, CursorOptions.defaults());
      RoaringBitmap seen = new RoaringBitmap();
      while (cursor.next()) {
        assertThat(live.contains(cursor.docId())).isTrue();
        assertThat(seen.checkedAdd(cursor.docId())).isTrue();
      }
      assertThat(seen).isEqualTo(live);
      assertThat(cursor.stopReason()).isEqualTo(StopReason.EXHAUSTED);
      assertThat(cursor.departed()).isTrue();
      assertThat(cursor.next()).isFalse();
    }
  }

  @Test
  void docsComeOutInRoughlyIncreasingDistance() {
    SharedGraphs.Graph graph = SharedGraphs.debian();
    HnswCursor cursor = graph.index().newSearcher()
        .cursor(graph.queries()[3], HnswFixtures.all(graph.size()), CursorOptions.defaults());
    float[] firstHundred = new float[100], later = new float[100];
    for (int i = 0; i < 600 && cursor.next(); i++) {
      if (i < 100) {
        firstHundred[i] = cursor.distance();
      } else if (i >= 500) {
        later[i - 500] = cursor.distance();
      }
    }
    assertThat(mean(firstHundred)).isLessThan(mean(later));
    int inOrder = 0;
    for (int i = 1; i < 100; i++) {
      inOrder += firstHundred[i] >= firstHundred[i - 1] ? 1 : 0;
    }
    assertThat(inOrder).isGreaterThan(50);
  }

  /** With every doc live, the detector is fed exactly the yielded distances. */
  @Test
  void theDetectorStateFollowsTheVisitedDistances() {
    SharedGraphs.Graph graph = SharedGraphs.random();
    for (CursorOptions options : new CursorOptions[] {
        CursorOptions.defaults().withMedianWindow(20, 9), CursorOptions.defaults().withLastVisited(15)}) {
      HnswCursor cursor = graph.index().newSearcher()
          .cursor(graph.queries()[5], HnswFixtures.all(graph.size()), options);
      DepartureDetector oracle = new DepartureDetector(options.e(), options.w());
      for (int i = 0; i < 300 && cursor.next(); i++) {
        oracle.accept(cursor.distance());
        assertThat(cursor.departed()).isEqualTo(oracle.departed());
        assertThat(cursor.departureBound()).isEqualTo(oracle.bound());
        assertThat(cursor.recentMedian()).isEqualTo(oracle.median());
      }
      assertThat(cursor.departed()).isTrue();
    }
  }

  @Test
  void budgetsStopTheScan() {
    SharedGraphs.Graph graph = SharedGraphs.random();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswSearcher searcher = graph.index().newSearcher();
    HnswCursor visits = searcher.cursor(graph.queries()[0], live, CursorOptions.defaults().withBudget(40, 1 << 20));
    int yielded = drain(visits);
    assertThat(visits.stopReason()).isEqualTo(StopReason.BUDGET);
    assertThat(visits.nodesVisited()).isEqualTo(40);
    assertThat(yielded).isLessThan(40);

    HnswCursor memory = searcher.cursor(graph.queries()[0], live, CursorOptions.defaults().withBudget(1 << 20, 100));
    drain(memory);
    assertThat(memory.stopReason()).isEqualTo(StopReason.BUDGET);
    assertThat(memory.frontierSize()).isBetween(101, 100 + 2 * 16);
  }

  @Test
  void anotherSearchOnTheSameSearcherEndsTheCursor() {
    SharedGraphs.Graph graph = SharedGraphs.random();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswSearcher searcher = graph.index().newSearcher();
    HnswCursor cursor = searcher.cursor(graph.queries()[0], live, CursorOptions.defaults());
    assertThat(cursor.next()).isTrue();
    assertThatThrownBy(cursor::stopReason).isInstanceOf(IllegalStateException.class);
    searcher.search(graph.queries()[1], 5, live);
    assertThatThrownBy(cursor::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("later search");
  }

  /** The writer inserts half the docs while a cursor is open; the cursor stays consistent. */
  @Test
  void insertsWhileACursorIsOpenDoNotBreakIt() {
    SplittableRandom random = TestSeed.random("cursor.inserts");
    int n = 3000;
    try (VectorArena arena = HnswFixtures.randomArena(Metric.COSINE, random, n, 24)) {
      HnswIndex index = HnswIndex.create(arena, Metric.COSINE, HnswConfig.defaults());
      for (int doc = 0; doc < n / 2; doc++) {
        index.insert(doc, HnswFixtures.levelKey(doc));
      }
      RoaringBitmap live = HnswFixtures.all(n);
      HnswCursor cursor = index.newSearcher().cursor(HnswFixtures.randomVector(random, 24), live, CursorOptions.defaults());
      RoaringBitmap seen = new RoaringBitmap();
      for (int i = 0; i < 200 && cursor.next(); i++) {
        assertThat(seen.checkedAdd(cursor.docId())).isTrue();
      }
      for (int doc = n / 2; doc < n; doc++) {
        index.insert(doc, HnswFixtures.levelKey(doc));
        if (doc % 50 == 0 && cursor.next()) {
          assertThat(seen.checkedAdd(cursor.docId())).isTrue();
        }
      }
      while (cursor.next()) {
        assertThat(seen.checkedAdd(cursor.docId())).isTrue();
      }
      assertThat(cursor.stopReason()).isEqualTo(StopReason.EXHAUSTED);
      assertThat(seen.getCardinality()).isGreaterThanOrEqualTo(n / 2);
      assertThat(seen.last()).isLessThan(n);
    }
  }

  private static int drain(HnswCursor cursor) {
    int count = 0;
    while (cursor.next()) {
      count++;
    }
    return count;
  }

  private static double mean(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
