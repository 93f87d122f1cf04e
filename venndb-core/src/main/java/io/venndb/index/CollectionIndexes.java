package io.venndb.index;

import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.IndexKind;
import java.util.List;

/** The scalar indexes of one collection, by column position; null where a column has none. */
public final class CollectionIndexes {
  private final ScalarIndex[] byPosition;

  public CollectionIndexes(CollectionSchema schema) {
    List<ColumnDef> columns = schema.columns();
    byPosition = new ScalarIndex[columns.size()];
    for (int i = 0; i < byPosition.length; i++) {
      if (columns.get(i).index() != IndexKind.NONE) {
        byPosition[i] = ScalarIndex.create(columns.get(i));
      }
    }
  }

  /** Indexes every non-null value of a row; values are in schema order and normalised. */
  public void add(int docId, Object[] values) {
    for (int i = 0; i < byPosition.length; i++) {
      if (byPosition[i] != null && values[i] != null) {
        byPosition[i].add(docId, values[i]);
      }
    }
  }

  /** The index of the column at {@code position}, or null. */
  public ScalarIndex at(int position) {
    return byPosition[position];
  }
}
