package io.venndb.index;

import java.util.function.IntPredicate;
import org.roaringbitmap.RoaringBitmap;

/** A scalar index that answers ranges of its ordered values, with exact counts. */
public sealed interface RangeIndex extends ScalarIndex permits SortedIndex, NumericIndex {

  /**
   * Docs whose value lies between the bounds; a null bound is open. An empty or inverted range
   * yields an empty set, as SQL's BETWEEN does.
   */
  RoaringBitmap range(Comparable<?> low, boolean lowInclusive, Comparable<?> high, boolean highInclusive);

  /** Exact number of docs (live or not) in the range, without building the set. */
  long countRange(Comparable<?> low, boolean lowInclusive, Comparable<?> high, boolean highInclusive);

  /**
   * Up to {@code n} members of {@code accept} that have a value, in value order (descending when
   * asked), ties by doc id ascending: an ORDER BY that reads only as far as the limit needs.
   */
  int[] firstInOrder(RoaringBitmap accept, int n, boolean descending);

  /**
   * Whether {@link #rangeTest} reads each doc's own value (a few nanoseconds, nothing built)
   * rather than testing membership in the materialised range.
   */
  default boolean testsValuesPerDoc() {
    return false;
  }

  /**
   * A per-doc test of the range, for docs of a view taken before this call: TRUE when the doc has
   * a value inside the bounds. By default the range is materialised once and probed.
   */
  default IntPredicate rangeTest(Comparable<?> low, boolean lowInclusive, Comparable<?> high, boolean highInclusive) {
    RoaringBitmap docs = range(low, lowInclusive, high, highInclusive);
    return docs::contains;
  }
}
