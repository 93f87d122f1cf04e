package io.venndb.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.testing.TestSeed;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/** Materialisation round trips and the choice between bitmap operations and streams. */
@ExtendWith(TestSeed.class)
class DocIdSetsTest {
  @Test
  void bitmapToIteratorToBitmapIsTheIdentity() {
    SplittableRandom random = TestSeed.random("roundTrip");
    for (int round = 0; round < 200; round++) {
      Window window = Window.random(random);
      RoaringBitmap bitmap = window.toBitmap(window.randomBits(random));
      DocIdIterator ids = new AssertingDocIdIterator(DocIdIterator.fromBitmap(bitmap));
      assertThat(DocIdSets.toBitmap(ids)).as("round %d over %s", round, window).isEqualTo(bitmap);
      assertThat(DocIdSets.count(DocIdIterator.fromBitmap(bitmap)))
          .isEqualTo(bitmap.getLongCardinality());
    }
  }

  @Test
  void rangesMaterialiseAcrossBatchesAndContainers() {
    RoaringBitmap bitmap = DocIdSets.toBitmap(DocIdIterator.range(1_000, 200_000));
    assertThat(bitmap.getLongCardinality()).isEqualTo(199_000);
    assertThat(bitmap.first()).isEqualTo(1_000);
    assertThat(bitmap.last()).isEqualTo(199_999);
    RoaringBitmap top =
        DocIdSets.toBitmap(
            DocIdIterator.range(DocIdIterator.MAX_DOC_ID - 2_500, DocIdIterator.NO_MORE_DOCS));
    assertThat(top.getLongCardinality()).isEqualTo(2_501);
    assertThat(top.last()).isEqualTo(DocIdIterator.MAX_DOC_ID);
  }

  @Test
  void bitmapSetsCombineWithRoaringOperations() {
    RoaringBitmap a = RoaringBitmap.bitmapOf(1, 2, 3, 70_000);
    RoaringBitmap b = RoaringBitmap.bitmapOf(2, 3, 4, 70_000);
    DocIdSet and = DocIdSets.and(DocIdSets.of(a), DocIdSets.of(b));
    assertThat(and.asBitmap()).contains(RoaringBitmap.bitmapOf(2, 3, 70_000));
    assertThat(and.cost()).isEqualTo(3);
    assertThat(DocIdSets.or(DocIdSets.of(a), DocIdSets.of(b)).asBitmap())
        .contains(RoaringBitmap.bitmapOf(1, 2, 3, 4, 70_000));
    assertThat(DocIdSets.andNot(DocIdSets.of(a), DocIdSets.of(b)).asBitmap())
        .contains(RoaringBitmap.bitmapOf(1));
  }

  @Test
  void aStreamingInputKeepsTheResultLazyButCorrect() {
    DocIdSet bitmap = DocIdSets.of(RoaringBitmap.bitmapOf(1, 5, 9, 70_000));
    DocIdSet range = DocIdSets.range(4, 10);
    DocIdSet and = DocIdSets.and(bitmap, range);
    assertThat(and.asBitmap()).isEmpty();
    assertThat(and.cost()).isEqualTo(4);
    assertThat(DocIdSets.toBitmap(and).toArray()).containsExactly(5, 9);
    assertThat(DocIdSets.toBitmap(and).toArray()).as("read twice").containsExactly(5, 9);
    assertThat(DocIdSets.toBitmap(DocIdSets.or(bitmap, range)).toArray())
        .containsExactly(1, 4, 5, 6, 7, 8, 9, 70_000);
    assertThat(DocIdSets.toBitmap(DocIdSets.andNot(range, bitmap)).toArray())
        .containsExactly(4, 6, 7, 8);
  }

  @Test
  void complementNeedsTheUniverse() {
    DocIdSet live = DocIdSets.of(RoaringBitmap.bitmapOf(0, 1, 2, 4, 8));
    DocIdSet deletedOrMatching = DocIdSets.of(RoaringBitmap.bitmapOf(1, 4, 5));
    assertThat(DocIdSets.complement(deletedOrMatching, live).asBitmap())
        .contains(RoaringBitmap.bitmapOf(0, 2, 8));
    DocIdSet streamedUniverse = DocIdSets.range(0, 6);
    assertThat(
            DocIdSets.toBitmap(DocIdSets.complement(deletedOrMatching, streamedUniverse)).toArray())
        .containsExactly(0, 2, 3);
  }

  @Test
  void materialiseBuildsOnceAndToBitmapHandsOutACopy() {
    DocIdSet streamed = DocIdSets.range(10, 20);
    DocIdSet built = DocIdSets.materialize(streamed);
    assertThat(built.asBitmap()).isPresent();
    assertThat(DocIdSets.materialize(built)).isSameAs(built);
    RoaringBitmap copy = DocIdSets.toBitmap(built);
    copy.add(99);
    assertThat(built.asBitmap().orElseThrow().contains(99)).isFalse();
  }

  @Test
  void emptyAndSingleInputs() {
    assertThat(DocIdSets.or().cost()).isZero();
    assertThat(DocIdSets.toBitmap(DocIdSets.or()).isEmpty()).isTrue();
    DocIdSet only = DocIdSets.range(3, 5);
    assertThat(DocIdSets.and(only)).isSameAs(only);
    assertThatThrownBy(DocIdSets::and).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DocIdSets.streaming(-1, DocIdIterator::empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> DocIdSets.of(RoaringBitmap.bitmapOf(Integer.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomSetsOfMixedKindsMatchTheOracle() {
    SplittableRandom random = TestSeed.random("mixedSets");
    for (int round = 0; round < 100; round++) {
      Window window = Window.random(random);
      BitSet a = window.randomBits(random);
      BitSet b = window.randomBits(random);
      DocIdSet left = DocIdSets.of(window.toBitmap(a));
      DocIdSet right =
          DocIdSets.streaming(b.cardinality(), () -> DocIdIterator.fromBitmap(window.toBitmap(b)));
      BitSet expected = (BitSet) a.clone();
      expected.and(b);
      assertThat(window.fromBitmap(DocIdSets.toBitmap(DocIdSets.and(left, right))))
          .isEqualTo(expected);
    }
  }
}
