package io.venndb.catalog;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.vector.Metric;
import java.util.List;

/**
 * Vector inputs: copied into a fresh float[] (callers may reuse their arrays), checked for
 * dimension and finiteness, and, for cosine, for a non-zero norm. Used for stored vectors and, by
 * the query side, for query vectors, so both fail the same way.
 */
public final class VectorValues {
  private VectorValues() {}

  public static float[] checked(ColumnDef column, Object value) {
    float[] v = toFloats(column.name(), value);
    if (v.length != column.dimension()) {
      throw new InvalidInputException(ErrorCode.DIMENSION_MISMATCH, "vector for column '" + column.name()
          + "' has dimension " + v.length + ", expected " + column.dimension());
    }
    double sumSquares = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new InvalidInputException(ErrorCode.INVALID_VECTOR,
            "vector for column '" + column.name() + "' has " + v[i] + " at position " + i);
      }
      sumSquares += (double) v[i] * v[i];
    }
    if (column.metric() == Metric.COSINE && sumSquares == 0) {
      throw new InvalidInputException(ErrorCode.INVALID_VECTOR,
          "vector for column '" + column.name() + "' is all zeros; cosine similarity is undefined for it");
    }
    return v;
  }

  private static float[] toFloats(String column, Object value) {
    if (value instanceof float[] f) {
      return f.clone();
    }
    if (value instanceof double[] d) {
      float[] out = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        out[i] = (float) d[i];
      }
      return out;
    }
    if (value instanceof List<?> list) {
      float[] out = new float[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Number n)) {
          throw ValueNormalizer.mismatch(column, "VECTOR (numbers)", list.get(i) == null ? "null" : list.get(i));
        }
        out[i] = n.floatValue();
      }
      return out;
    }
    throw ValueNormalizer.mismatch(column, "VECTOR (float[])", value);
  }
}
