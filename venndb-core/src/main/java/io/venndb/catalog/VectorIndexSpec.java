package io.venndb.catalog;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;

/**
 * An HNSW index declared on a vector column, e.g. {@code hnsw(m=16, ef_construction=100)}. A
 * column without one is searched exactly (flat scan).
 *
 * @param m links per node on upper layers (2m on layer 0)
 * @param efConstruction beam width while inserting
 * @param efSearch default beam width of a top-k search; a request may override it
 */
public record VectorIndexSpec(int m, int efConstruction, int efSearch) {
  public static final int DEFAULT_M = 16;
  public static final int DEFAULT_EF_CONSTRUCTION = 100;
  public static final int DEFAULT_EF_SEARCH = 128;

  public VectorIndexSpec {
    check("m", m, 2, 128);
    check("ef_construction", efConstruction, 8, 4096);
    check("ef_search", efSearch, 1, 10_000);
  }

  public static VectorIndexSpec hnsw() {
    return new VectorIndexSpec(DEFAULT_M, DEFAULT_EF_CONSTRUCTION, DEFAULT_EF_SEARCH);
  }

  public static VectorIndexSpec hnsw(int m, int efConstruction) {
    return new VectorIndexSpec(m, efConstruction, DEFAULT_EF_SEARCH);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "hnsw " + name + " = " + value + " is outside [" + min + ", " + max + "]");
    }
  }

  @Override
  public String toString() {
    return "hnsw(m=" + m + ", ef_construction=" + efConstruction + ", ef_search=" + efSearch + ")";
  }
}
