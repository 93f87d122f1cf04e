package io.venndb.index.hnsw;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;

/**
 * Parameters of an HNSW graph.
 *
 * @param m most neighbours a node links to on the upper layers; layer 0 allows {@code 2m}
 * @param efConstruction candidates kept while searching for a new node's neighbours
 * @param efSearch default candidates kept by a top-k search (raised to k when smaller)
 * @param seed mixed into every level key; part of the graph's identity and of its file
 */
public record HnswConfig(int m, int efConstruction, int efSearch, long seed) {
  public static final int DEFAULT_M = 16;
  public static final int DEFAULT_EF_CONSTRUCTION = 100;
  public static final int DEFAULT_EF_SEARCH = 128;
  /** Fixed, so replicas that never configured a seed still agree. */
  public static final long DEFAULT_SEED = 0x5EED_F00D_CAFE_B0A7L;

  private static final int MAX_M = 512;
  private static final int MAX_EF = 1 << 16;

  public HnswConfig {
    check("m", m, 2, MAX_M);
    check("efConstruction", efConstruction, 1, MAX_EF);
    check("efSearch", efSearch, 1, MAX_EF);
  }

  /** M = 16, efConstruction = 100, efSearch = 128, the default seed. */
  public static HnswConfig defaults() {
    return new HnswConfig(DEFAULT_M, DEFAULT_EF_CONSTRUCTION, DEFAULT_EF_SEARCH, DEFAULT_SEED);
  }

  public HnswConfig withEfSearch(int ef) {
    return new HnswConfig(m, efConstruction, ef, seed);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "HNSW " + name + " " + value + " is outside [" + min + ", " + max + "]");
    }
  }
}
