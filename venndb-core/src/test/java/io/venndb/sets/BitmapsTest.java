package io.venndb.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.testing.TestSeed;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/** Bitmap algebra against BitSet: results, counts without building, inputs left alone. */
@ExtendWith(TestSeed.class)
class BitmapsTest {
  private static final int ROUNDS = 200;

  @Test
  void andOrAndNotComplementMatchTheOracleAndLeaveInputsAlone() {
    SplittableRandom random = TestSeed.random("bitmapAlgebra");
    for (int round = 0; round < ROUNDS; round++) {
      Window window = Window.random(random);
      BitSet[] sets =
          Stream.generate(() -> window.randomBits(random))
              .limit(1 + random.nextInt(12))
              .toArray(BitSet[]::new);
      RoaringBitmap[] bitmaps = Stream.of(sets).map(window::toBitmap).toArray(RoaringBitmap[]::new);
      RoaringBitmap[] before =
          Stream.of(bitmaps).map(RoaringBitmap::clone).toArray(RoaringBitmap[]::new);
      String what = "round " + round + " over " + window;

      BitSet and = fold(sets, BitSet::and);
      assertThat(window.fromBitmap(Bitmaps.and(bitmaps))).as(what).isEqualTo(and);
      assertThat(Bitmaps.andCardinality(bitmaps)).as(what).isEqualTo(and.cardinality());

      BitSet or = fold(sets, BitSet::or);
      assertThat(window.fromBitmap(Bitmaps.or(bitmaps))).as(what).isEqualTo(or);
      assertThat(Bitmaps.orCardinality(bitmaps)).as(what).isEqualTo(or.cardinality());

      BitSet andNot = (BitSet) sets[0].clone();
      andNot.andNot(sets[sets.length - 1]);
      assertThat(window.fromBitmap(Bitmaps.andNot(bitmaps[0], bitmaps[sets.length - 1])))
          .as(what)
          .isEqualTo(andNot);
      assertThat(Bitmaps.andNotCardinality(bitmaps[0], bitmaps[sets.length - 1]))
          .as(what)
          .isEqualTo(andNot.cardinality());

      assertThat(bitmaps).as("inputs unchanged, " + what).isEqualTo(before);
    }
  }

  @Test
  void complementIsExclusionFromTheLiveDocs() {
    SplittableRandom random = TestSeed.random("complement");
    for (int round = 0; round < ROUNDS; round++) {
      Window window = Window.random(random);
      BitSet live = window.randomBits(random);
      BitSet set = window.randomBits(random);
      BitSet expected = (BitSet) live.clone();
      expected.andNot(set);
      RoaringBitmap liveDocs = window.toBitmap(live);
      RoaringBitmap bitmap = window.toBitmap(set);
      assertThat(window.fromBitmap(Bitmaps.complement(bitmap, liveDocs))).isEqualTo(expected);
      assertThat(Bitmaps.complementCardinality(bitmap, liveDocs)).isEqualTo(expected.cardinality());
    }
  }

  @Test
  void edgeCases() {
    RoaringBitmap edges = RoaringBitmap.bitmapOf(0, DocIdIterator.MAX_DOC_ID);
    RoaringBitmap empty = new RoaringBitmap();
    assertThat(Bitmaps.and(edges)).isEqualTo(edges).isNotSameAs(edges);
    assertThat(Bitmaps.and(edges, empty, edges).isEmpty()).isTrue();
    assertThat(Bitmaps.or().isEmpty()).isTrue();
    assertThat(Bitmaps.orCardinality()).isZero();
    assertThat(Bitmaps.and(edges, edges)).isEqualTo(edges);
    assertThat(Bitmaps.andNot(edges, edges).isEmpty()).isTrue();
    assertThat(Bitmaps.complement(empty, edges)).isEqualTo(edges);
    assertThatThrownBy(Bitmaps::and).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(Bitmaps::andCardinality).isInstanceOf(IllegalArgumentException.class);
  }

  /** Applies an in-place BitSet operation across copies of the sets. */
  private static BitSet fold(BitSet[] sets, BiConsumer<BitSet, BitSet> inPlace) {
    BitSet result = (BitSet) sets[0].clone();
    for (int i = 1; i < sets.length; i++) {
      inPlace.accept(result, sets[i]);
    }
    return result;
  }
}
