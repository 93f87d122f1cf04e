package io.venndb.index;

import io.venndb.catalog.ColumnDef;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Ordered value → RoaringBitmap for strings (a KEYWORD column declared SORTED): equality and
 * range scans. Numbers and timestamps use the primitive {@link NumericIndex} instead.
 * A range is the union of the postings in a sub-map; its count is the exact sum of posting
 * cardinalities, which the planner can use without building the union.
 */
public final class SortedIndex extends PostingsIndex implements RangeIndex {

  SortedIndex(ColumnDef column) {
    super(column, new TreeMap<>());
  }

  @Override
  public void add(int docId, Object value) {
    addKeys(docId, List.of(value));
  }

  @Override
  public RoaringBitmap range(Comparable<?> low, boolean lowInclusive, Comparable<?> high, boolean highInclusive) {
    return read(() -> union(slice(low, lowInclusive, high, highInclusive).values()));
  }

  @Override
  public long countRange(Comparable<?> low, boolean lowInclusive, Comparable<?> high, boolean highInclusive) {
    return read(() -> {
      long n = 0;
      for (RoaringBitmap docs : slice(low, lowInclusive, high, highInclusive).values()) {
        n += docs.getLongCardinality();
      }
      return n;
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public int[] firstInOrder(RoaringBitmap accept, int n, boolean descending) {
    return read(() -> {
      NavigableMap<Object, RoaringBitmap> sorted = (NavigableMap<Object, RoaringBitmap>) postings;
      int[] out = new int[n];
      int size = 0;
      for (RoaringBitmap docs : (descending ? sorted.descendingMap() : sorted).values()) {
        var it = RoaringBitmap.and(docs, accept).getIntIterator();
        while (it.hasNext() && size < n) {
          out[size++] = it.next();
        }
        if (size == n) {
          break;
        }
      }
      return java.util.Arrays.copyOf(out, size);
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
