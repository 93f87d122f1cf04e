package io.venndb.sets;

import static io.venndb.sets.DocIdIterator.MAX_DOC_ID;
import static io.venndb.sets.DocIdIterator.NO_MORE_DOCS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.testing.TestSeed;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/** The leaf iterators: empty, range, all, bitmap. */
@ExtendWith(TestSeed.class)
class DocIdIteratorTest {
  @Test
  void emptyStartsBeforeTheFirstDocAndEndsAtOnce() {
    DocIdIterator empty = new AssertingDocIdIterator(DocIdIterator.empty());
    assertThat(empty.docId()).isEqualTo(-1);
    assertThat(empty.cost()).isZero();
    assertThat(empty.nextDoc()).isEqualTo(NO_MORE_DOCS);
    assertThat(empty.docId()).isEqualTo(NO_MORE_DOCS);
  }

  @Test
  void rangeReturnsEveryDocAndAdvancesByArithmetic() {
    DocIdIterator range = new AssertingDocIdIterator(DocIdIterator.range(5, 9));
    assertThat(range.cost()).isEqualTo(4);
    assertThat(range.advance(2)).isEqualTo(5);
    assertThat(range.nextDoc()).isEqualTo(6);
    assertThat(range.advance(8)).isEqualTo(8);
    assertThat(range.nextDoc()).isEqualTo(NO_MORE_DOCS);
  }

  @Test
  void rangesAtBothEndsOfTheIdSpace() {
    assertThat(docs(DocIdIterator.range(0, 1))).containsExactly(0);
    assertThat(docs(DocIdIterator.range(MAX_DOC_ID, NO_MORE_DOCS))).containsExactly(MAX_DOC_ID);
    assertThat(docs(DocIdIterator.range(7, 7))).isEmpty();
    assertThat(DocIdIterator.all(NO_MORE_DOCS).cost()).isEqualTo(NO_MORE_DOCS);
    assertThat(docs(DocIdIterator.all(3))).containsExactly(0, 1, 2);
  }

  @Test
  void advancingToTheSentinelExhaustsEveryLeaf() {
    RoaringBitmap bitmap = RoaringBitmap.bitmapOf(0, MAX_DOC_ID);
    for (DocIdIterator leaf :
        new DocIdIterator[] {
          DocIdIterator.empty(),
          DocIdIterator.range(0, NO_MORE_DOCS),
          DocIdIterator.fromBitmap(bitmap)
        }) {
      DocIdIterator checked = new AssertingDocIdIterator(leaf);
      assertThat(checked.advance(NO_MORE_DOCS)).isEqualTo(NO_MORE_DOCS);
    }
  }

  @Test
  void invalidRangesAreRejectedQuotingTheBounds() {
    assertThatThrownBy(() -> DocIdIterator.range(-1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[-1, 3)");
    assertThatThrownBy(() -> DocIdIterator.range(4, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[4, 3)");
    assertThatThrownBy(() -> DocIdIterator.all(-5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bitmapHasExactCostAndReachesTheLastValidId() {
    RoaringBitmap bitmap = RoaringBitmap.bitmapOf(0, 1, 65_536, 1 << 20, MAX_DOC_ID);
    DocIdIterator ids = new AssertingDocIdIterator(DocIdIterator.fromBitmap(bitmap));
    assertThat(ids.cost()).isEqualTo(5);
    assertThat(ids.nextDoc()).isZero();
    assertThat(ids.advance(2)).isEqualTo(65_536);
    assertThat(ids.advance(65_537)).isEqualTo(1 << 20);
    assertThat(ids.advance(1 << 21)).isEqualTo(MAX_DOC_ID);
    assertThat(ids.nextDoc()).isEqualTo(NO_MORE_DOCS);
  }

  @Test
  void bitmapsWithIdsOutsideTheDocSpaceAreRejected() {
    RoaringBitmap sentinel = RoaringBitmap.bitmapOf(3, Integer.MAX_VALUE);
    assertThatThrownBy(() -> DocIdIterator.fromBitmap(sentinel))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2147483647");
    RoaringBitmap unsigned = RoaringBitmap.bitmapOf(-1); // 2^32 - 1 to roaring
    assertThatThrownBy(() -> DocIdIterator.fromBitmap(unsigned))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4294967295");
  }

  @Test
  void immutableBufferBitmapsIterateLikeHeapOnes() {
    SplittableRandom random = TestSeed.random("bufferBitmaps");
    for (int i = 0; i < 50; i++) {
      Window window = Window.random(random);
      BitSet bits = window.randomBits(random);
      RoaringBitmap bitmap = window.toBitmap(bits);
      IteratorChecks.assertSameDocs(
          DocIdIterator.fromBitmap(bitmap.toMutableRoaringBitmap()),
          bits,
          window,
          random,
          "buffer");
      IteratorChecks.assertSameDocs(DocIdIterator.fromBitmap(bitmap), bits, window, random, "heap");
    }
  }

  @Test
  void twoPhaseIteratorReturnsOnlyCheckedDocsAndKeepsItsApproximationCost() {
    Window window = new Window(0, 100);
    BitSet even = new BitSet();
    for (int i = 0; i < 100; i += 2) {
      even.set(i);
    }
    OracleCheck check = OracleCheck.scan(even, window, 64);
    DocIdIterator iterator = check.asDocIdIterator();
    assertThat(iterator.cost()).isEqualTo(100);
    IteratorChecks.assertSameDocs(
        iterator, even, window, TestSeed.random("twoPhaseLeaf"), "even docs");
    assertThat(check.calls()).isPositive().isLessThanOrEqualTo(100);
  }

  static int[] docs(DocIdIterator iterator) {
    return DocIdSets.toBitmap(new AssertingDocIdIterator(iterator)).toArray();
  }
}
