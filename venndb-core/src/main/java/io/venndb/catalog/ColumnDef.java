package io.venndb.catalog;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.vector.Metric;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a collection. Vector columns carry a dimension, a metric and optionally an HNSW
 * index ({@code vectorIndex}, null for exact search only); other columns carry the scalar index
 * kept for them.
 */
public record ColumnDef(String name, ColumnType type, IndexKind index, int dimension, Metric metric,
    VectorIndexSpec vectorIndex) {
  /** Largest vector dimension accepted (pgvector's HNSW limit is 2,000; we allow more for flat). */
  public static final int MAX_DIMENSION = 4096;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  public ColumnDef {
    checkName(name, "column");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(index, "index");
    if (type == ColumnType.VECTOR) {
      if (dimension < 1 || dimension > MAX_DIMENSION) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
            "vector column '" + name + "' has dimension " + dimension + "; allowed 1.." + MAX_DIMENSION);
      }
      Objects.requireNonNull(metric, "metric of vector column " + name);
      if (index != IndexKind.NONE) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
            "vector column '" + name + "' cannot have a scalar index " + index);
      }
    } else if (dimension != 0 || metric != null || vectorIndex != null) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "column '" + name + "' of type " + type + " cannot have a dimension, metric or vector index");
    }
    if (type == ColumnType.TAGS && index == IndexKind.SORTED) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "tags column '" + name + "' supports only a bitmap index");
    }
  }

  public static ColumnDef scalar(String name, ColumnType type) {
    return new ColumnDef(name, type, type.defaultIndex(), 0, null, null);
  }

  public static ColumnDef scalar(String name, ColumnType type, IndexKind index) {
    return new ColumnDef(name, type, index, 0, null, null);
  }

  /** A vector column searched exactly (no vector index). */
  public static ColumnDef vector(String name, int dimension, Metric metric) {
    return new ColumnDef(name, ColumnType.VECTOR, IndexKind.NONE, dimension, metric, null);
  }

  /** A vector column with an HNSW index. */
  public static ColumnDef vector(String name, int dimension, Metric metric, VectorIndexSpec index) {
    return new ColumnDef(name, ColumnType.VECTOR, IndexKind.NONE, dimension, metric, index);
  }

  public boolean isVector() {
    return type == ColumnType.VECTOR;
  }

  /** Names are SQL identifiers so the later SQL layer needs no quoting rules for them. */
  static void checkName(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "invalid " + what + " name '" + name + "': use letters, digits and _ (max 63), not starting with a digit");
    }
  }
}
