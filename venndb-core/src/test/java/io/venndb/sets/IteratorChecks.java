package io.venndb.sets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;

/** Drives iterators the way a query engine does and compares every step with an oracle. */
final class IteratorChecks {
  private IteratorChecks() {}

  /**
   * Reads {@code iterator} to its end through a random mix of {@code nextDoc} and {@code advance}
   * with short, medium and long jumps, all under the contract checker, and compares each doc it
   * returns with the one {@code expected} gives.
   */
  static void assertSameDocs(
      DocIdIterator iterator,
      BitSet expected,
      Window window,
      SplittableRandom random,
      String what) {
    DocIdIterator checked = new AssertingDocIdIterator(iterator);
    assertThat(checked.cost())
        .as("cost bound of %s", what)
        .isGreaterThanOrEqualTo(expected.cardinality());
    int doc = -1;
    while (doc != DocIdIterator.NO_MORE_DOCS) {
      int target = random.nextBoolean() ? doc + 1 : jumpTarget(doc, window, random);
      int actual =
          target == doc + 1 && random.nextBoolean() ? checked.nextDoc() : checked.advance(target);
      assertThat(actual)
          .as("%s, first doc >= %d", what, target)
          .isEqualTo(window.firstAtOrAfter(expected, target));
      doc = actual;
    }
  }

  private static int jumpTarget(int doc, Window window, SplittableRandom random) {
    long jump =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> random.nextInt(8);
          case 2 -> random.nextInt(Math.max(1, window.size() / 16));
          default -> random.nextInt(window.size() + 1);
        };
    return (int) Math.min(DocIdIterator.NO_MORE_DOCS, (long) doc + 1 + jump);
  }
}
