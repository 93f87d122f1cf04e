package io.venndb.index;

import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.ColumnType;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * value → RoaringBitmap for low-cardinality columns: keywords, booleans and multi-valued tags.
 * Equality and IN are bitmap lookups and unions; counts are exact cardinalities.
 */
public final class BitmapIndex extends PostingsIndex implements ScalarIndex {

  BitmapIndex(ColumnDef column) {
    super(column, new HashMap<>());
  }

  @Override
  public void add(int docId, Object value) {
    addKeys(docId, column().type() == ColumnType.TAGS ? (List<?>) value : List.of(value));
  }

  /** Docs whose tags contain every one of {@code values}; FastAggregation starts from the smallest. */
  public RoaringBitmap allOf(Collection<?> values) {
    return read(() -> {
      List<RoaringBitmap> parts = postingsOf(values, true);
      if (parts == null) {
        return new RoaringBitmap();
      }
      return parts.isEmpty() ? present.clone() : FastAggregation.and(parts.iterator());
    });
  }
}
