package io.venndb.ingest;

import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.Limits;
import io.venndb.catalog.ValueNormalizer;
import io.venndb.catalog.VectorValues;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.store.RowCodec;
import java.util.List;
import java.util.Map;

/**
 * A row validated, normalised and encoded, ready to stage; building one has no side effects, so
 * rows of a batch are prepared in parallel. {@code arenaVectors} holds, per column position, the
 * vector as the arena stores it (unit length for cosine), or null.
 */
record PreparedRow(Object key, Object[] values, byte[] encoded, float[][] arenaVectors) {

  /** The vectors of a row as the arena stores them (unit length for cosine), by column position. */
  static float[][] arenaVectors(List<ColumnDef> columns, Object[] values) {
    float[][] vectors = new float[values.length][];
    for (int i = 0; i < values.length; i++) {
      if (columns.get(i).isVector() && values[i] != null) {
        vectors[i] = columns.get(i).metric().prepare((float[]) values[i]);
      }
    }
    return vectors;
  }

  static PreparedRow of(CollectionSchema schema, Map<String, ?> row) {
    if (row == null) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "row is null");
    }
    Object key = null;
    Object[] values = new Object[schema.columns().size()];
    List<ColumnDef> columns = schema.columns();
    for (Map.Entry<String, ?> e : row.entrySet()) {
      if (schema.isPrimaryKey(e.getKey())) {
        key = ValueNormalizer.primaryKey(schema.keyType(), schema.primaryKey(), e.getValue());
        continue;
      }
      int p = schema.position(e.getKey());
      if (p < 0) {
        schema.column(e.getKey()); // throws UNKNOWN_NAME listing the columns
      }
      values[p] = ValueNormalizer.value(columns.get(p), e.getValue());
    }
    key = ValueNormalizer.primaryKey(schema.keyType(), schema.primaryKey(), key);
    byte[] encoded = RowCodec.encode(schema, key, values);
    if (encoded.length > Limits.MAX_ROW_BYTES) {
      throw new InvalidInputException(ErrorCode.TOO_LARGE, "row '" + key + "' encodes to " + encoded.length
          + " bytes; the limit is " + Limits.MAX_ROW_BYTES);
    }
    return new PreparedRow(key, values, encoded, arenaVectors(columns, values));
  }
}
