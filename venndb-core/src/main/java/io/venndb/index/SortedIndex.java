package io.venndb.index;

import io.venndb.catalog.ColumnDef;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Ordered value → RoaringBitmap for numbers, timestamps and strings: equality and range scans.
 * A range is the union of the postings in a sub-map; its count is the exact sum of posting
 * cardinalities, which the planner can use without building the union.
 */
public final class SortedIndex extends PostingsIndex implements ScalarIndex {

  SortedIndex(ColumnDef column) {
    super(column, new TreeMap<>());
  }

  @Override
  public void add(int docId, Object value) {
    addKeys(docId, List.of(value));
  }

  /**
   * Docs whose value lies between the bounds; a null bound is open. An empty or inverted range
   * yields an empty set, as SQL's BETWEEN does.
   */
  public RoaringBitmap range(Comparable<?> low, boolean lowInclusive, Comparable<?> high, boolean highInclusive) {
    return read(() -> union(slice(low, lowInclusive, high, highInclusive).values()));
  }

  /** Exact number of docs (live or not) in the range, without building the union. */
  public long countRange(Comparable<?> low, boolean lowInclusive, Comparable<?> high, boolean highInclusive) {
    return read(() -> {
      long n = 0;
      for (RoaringBitmap docs : slice(low, lowInclusive, high, highInclusive).values()) {
        n += docs.getLongCardinality();
      }
      return n;
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private NavigableMap<Object, RoaringBitmap> slice(Comparable low, boolean lowInc, Comparable high, boolean highInc) {
    NavigableMap<Object, RoaringBitmap> sorted = (NavigableMap<Object, RoaringBitmap>) postings;
    if (low != null && high != null) {
      int c = low.compareTo(high);
      if (c > 0 || (c == 0 && !(lowInc && highInc))) {
        return new TreeMap<>();
      }
      return sorted.subMap(low, lowInc, high, highInc);
    }
    if (low != null) {
      return sorted.tailMap(low, lowInc);
    }
    return high != null ? sorted.headMap(high, highInc) : sorted;
  }
}
