package io.venndb.index;

import io.venndb.catalog.ColumnDef;
import java.util.Collection;
import org.roaringbitmap.RoaringBitmap;

/**
 * A scalar index of one column: value → doc ids, maintained on every write. Rows never change
 * under a doc id (an update is a new doc id), so indexes only grow; deleted docs are removed by
 * intersecting with a snapshot's live docs, which is what lets readers see a consistent state
 * while writers append. Every answer is a new bitmap the caller owns, and every count is exact.
 */
public sealed interface ScalarIndex permits BitmapIndex, RangeIndex {

  ColumnDef column();

  /** Records that {@code docId} holds {@code value} (already normalised; a list for tags). */
  void add(int docId, Object value);

  /** Docs whose value equals {@code value} (for tags: that contain it). */
  RoaringBitmap equal(Object value);

  /** Docs whose value is any of {@code values} (for tags: that contain any of them). */
  RoaringBitmap anyOf(Collection<?> values);

  /** Docs with a key that passes {@code keyTest} (for tags: any of their tags). */
  RoaringBitmap matching(java.util.function.Predicate<Object> keyTest);

  /** Docs with a non-null value. */
  RoaringBitmap present();

  /** Number of docs (live or not) with a non-null value, without copying the set. */
  long presentCount();

  /** Exact number of docs, live or not, whose value equals {@code value}. */
  long countEqual(Object value);

  /** Number of distinct values. */
  int distinctValues();

  static ScalarIndex create(ColumnDef column) {
    return switch (column.index()) {
      case BITMAP -> new BitmapIndex(column);
      case SORTED -> column.type().isNumeric() ? new NumericIndex(column) : new SortedIndex(column);
      case NONE -> throw new IllegalArgumentException("column " + column.name() + " has no scalar index");
    };
  }
}
