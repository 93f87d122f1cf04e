package io.venndb.query;

import java.util.Arrays;
import java.util.Objects;

/** How a query orders its rows before LIMIT and OFFSET. */
public sealed interface Ranking {

  /** Nearest first by distance to {@code vector} in {@code column} (top-k, exact or approximate). */
  record ByVector(String column, float[] vector) implements Ranking {
    public ByVector {
      Objects.requireNonNull(column, "column");
      vector = Objects.requireNonNull(vector, "vector").clone();
    }

    @Override
    public float[] vector() {
      return vector.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ByVector v && column.equals(v.column) && Arrays.equals(vector, v.vector);
    }

    @Override
    public int hashCode() {
      return 31 * column.hashCode() + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
      return "distance(" + column + ", [" + vector.length + "-d])";
    }
  }

  /**
   * By a scalar column, ascending or descending; NULLs last either way, ties in insertion (doc id)
   * order.
   */
  record ByColumn(String column, boolean descending) implements Ranking {
    public ByColumn {
      Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
      return column + (descending ? " DESC" : " ASC");
    }
  }

  /** No order: rows in doc-id (insertion) order. */
  record Unordered() implements Ranking {
    @Override
    public String toString() {
      return "insertion order";
    }
  }

  static Ranking nearestTo(String column, float[] vector) {
    return new ByVector(column, vector);
  }

  static Ranking ascending(String column) {
    return new ByColumn(column, false);
  }

  static Ranking descending(String column) {
    return new ByColumn(column, true);
  }

  static Ranking unordered() {
    return new Unordered();
  }
}
