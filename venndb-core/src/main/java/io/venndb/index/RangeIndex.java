package io.venndb.index;

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
}
