package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/** Edge cases and caller mistakes of the public API. */
@ExtendWith(TestSeed.class)
class HnswIndexTest {
  @Test
  void anEmptyIndexAnswersEveryModeWithNothing() {
    try (VectorArena arena = new VectorArena(4)) {
      HnswIndex index = HnswIndex.create(arena, Metric.L2, HnswConfig.defaults());
      HnswSearcher searcher = index.newSearcher();
      RoaringBitmap none = new RoaringBitmap();
      float[] query = {1, 2, 3, 4};
      assertThat(searcher.search(query, 10, none).size()).isZero();
      assertThat(searcher.searchFiltered(query, 10, 10, none, none).stopReason()).isEqualTo(StopReason.EXHAUSTED);
      HnswCursor cursor = searcher.cursor(query, none, CursorOptions.defaults());
      assertThat(cursor.next()).isFalse();
      assertThat(cursor.stopReason()).isEqualTo(StopReason.EXHAUSTED);
      assertThat(searcher.range(query, 5, none, CursorOptions.defaults()).size()).isZero();
      assertThat(index.maxLevel()).isEqualTo(-1);
    }
  }

  @Test
  void aGraphSmallerThanKReturnsEveryLiveNode() {
    SplittableRandom random = TestSeed.random("index.small");
    try (VectorArena arena = HnswFixtures.randomArena(Metric.COSINE, random, 5, 8)) {
      HnswIndex index = HnswFixtures.build(arena, Metric.COSINE, HnswConfig.defaults(), 1);
      HnswResult result = index.newSearcher().search(HnswFixtures.randomVector(random, 8), 10, HnswFixtures.all(5));
      assertThat(result.docIds()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
      assertThat(index.contains(4)).isTrue();
      assertThat(index.contains(5)).isFalse();
    }
  }

  @Test
  void callerMistakesAreRejectedWithTheirValue() {
    try (VectorArena arena = new VectorArena(3)) {
      arena.set(0, new float[] {1, 0, 0});
      HnswIndex index = HnswIndex.create(arena, Metric.COSINE, HnswConfig.defaults());
      index.insert(0, 7);
      HnswSearcher searcher = index.newSearcher();
      RoaringBitmap live = RoaringBitmap.bitmapOf(0);
      assertCode(() -> index.insert(1, 7), ErrorCode.INVALID_ARGUMENT, "doc 1");
      assertCode(() -> index.insert(-3, 7), ErrorCode.INVALID_ARGUMENT, "doc -3");
      assertCode(() -> index.insert(0, 8), ErrorCode.ALREADY_EXISTS, "doc 0");
      assertCode(() -> searcher.search(new float[2], 1, live), ErrorCode.DIMENSION_MISMATCH, "2 dimensions");
      assertCode(() -> searcher.search(new float[] {Float.NaN, 0, 0}, 1, live), ErrorCode.INVALID_VECTOR, "NaN");
      assertCode(() -> searcher.search(new float[] {1, 0, 0}, -1, live), ErrorCode.INVALID_ARGUMENT, "-1");
      assertCode(() -> searcher.search(new float[] {1, 0, 0}, 1, 0, live), ErrorCode.INVALID_ARGUMENT, "ef");
      assertCode(() -> searcher.range(new float[] {1, 0, 0}, Float.NaN, live, CursorOptions.defaults()),
          ErrorCode.INVALID_ARGUMENT, "NaN");
      assertCode(() -> new HnswConfig(1, 10, 10, 0), ErrorCode.INVALID_ARGUMENT, "m 1");
      assertCode(() -> CursorOptions.defaults().withMedianWindow(0, 4), ErrorCode.INVALID_ARGUMENT, "e");
      assertCode(() -> HnswIndex.build(arena, Metric.L2, HnswConfig.defaults(), live, d -> d, 0),
          ErrorCode.INVALID_ARGUMENT, "threads");
    }
  }

  @Test
  void buildSkipsDocsWithoutVectors() {
    SplittableRandom random = TestSeed.random("index.gaps");
    try (VectorArena arena = new VectorArena(6)) {
      for (int doc = 0; doc < 300; doc += 3) {
        arena.set(doc, HnswFixtures.randomVector(random, 6));
      }
      HnswIndex index = HnswIndex.build(arena, Metric.L2, HnswConfig.defaults(), HnswFixtures.all(300),
          HnswFixtures::levelKey, 2);
      assertThat(index.size()).isEqualTo(100);
      assertThat(index.contains(3)).isTrue();
      assertThat(index.contains(4)).isFalse();
    }
  }

  private static void assertCode(Runnable call, ErrorCode code, String quoted) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.code()).isEqualTo(code)).hasMessageContaining(quoted);
  }
}
