package io.venndb.index;

import io.venndb.catalog.ColumnType;

/**
 * Maps numeric column values to longs whose signed order is the values' order, so one primitive
 * index serves LONG, TIMESTAMP (micros) and DOUBLE columns.
 */
final class SortableLongs {
  private SortableLongs() {}

  static long encode(ColumnType type, Object value) {
    if (type == ColumnType.DOUBLE) {
      long bits = Double.doubleToLongBits((Double) value);
      // Negative doubles order backwards as raw bits; flipping all but the sign bit fixes that.
      return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }
    return (Long) value;
  }

  static Object decode(ColumnType type, long key) {
    if (type == ColumnType.DOUBLE) {
      return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }
    return key;
  }
}
