package io.venndb.sets;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.testing.TestSeed;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Random AND / OR / ANDNOT trees up to depth 4, each result compared with a BitSet oracle. */
@ExtendWith(TestSeed.class)
class RandomTreeTest {
  private static final int TREES = 300;
  private static final int MAX_DEPTH = 4;

  @Test
  void streamedTreesReturnTheOracleDocs() {
    SplittableRandom random = TestSeed.random("streamedTrees");
    for (int i = 0; i < TREES; i++) {
      Window window = Window.random(random);
      SetTree tree = randomTree(random, window);
      IteratorChecks.assertSameDocs(
          tree.iterator(random), tree.oracle(), window, random, describe(i, tree, window));
    }
  }

  @Test
  void materialisedTreesEqualTheOracle() {
    SplittableRandom random = TestSeed.random("materialisedTrees");
    for (int i = 0; i < TREES; i++) {
      Window window = Window.random(random);
      SetTree tree = randomTree(random, window);
      BitSet expected = tree.oracle();
      DocIdIterator iterator = new AssertingDocIdIterator(tree.iterator(random));
      assertThat(window.fromBitmap(DocIdSets.toBitmap(iterator)))
          .as(describe(i, tree, window))
          .isEqualTo(expected);
      assertThat(DocIdSets.count(new AssertingDocIdIterator(tree.iterator(random))))
          .as(describe(i, tree, window))
          .isEqualTo(expected.cardinality());
    }
  }

  @Test
  void setTreesEqualTheOracleEveryTimeTheyAreRead() {
    SplittableRandom random = TestSeed.random("setTrees");
    for (int i = 0; i < TREES; i++) {
      Window window = Window.random(random);
      SetTree tree = randomTree(random, window);
      BitSet expected = tree.oracle();
      DocIdSet set = tree.set(random);
      String what = describe(i, tree, window);
      assertThat(set.cost()).as(what).isGreaterThanOrEqualTo(expected.cardinality());
      assertThat(window.fromBitmap(DocIdSets.toBitmap(set))).as(what).isEqualTo(expected);
      IteratorChecks.assertSameDocs(set.iterator(), expected, window, random, what);
    }
  }

  private static SetTree randomTree(SplittableRandom random, Window window) {
    return SetTree.random(random, window, random.nextInt(MAX_DEPTH + 1), new ArrayList<>());
  }

  private static String describe(int index, SetTree tree, Window window) {
    return "tree #" + index + " " + tree + " over " + window;
  }
}
