package io.venndb.index.hnsw;

/**
 * The layer a node tops out at, derived from a caller's 64-bit key (the primary key's hash) and
 * the index seed instead of a random generator, so replicas applying the same inserts build the
 * same graph. Levels follow HNSW's geometric law: P(level >= l) = M^-l.
 */
final class LevelAssigner {
  private final long seed;
  private final double multiplier;

  LevelAssigner(int m, long seed) {
    this.seed = seed;
    this.multiplier = 1 / Math.log(m);
  }

  int level(long key) {
    long bits = mix(key ^ seed);
    double uniform = ((bits >>> 11) + 1) * 0x1.0p-53; // (0, 1], so the log below is finite
    // StrictMath: Math.log may differ by an ulp across CPUs, and replicas must agree exactly.
    int level = (int) (-StrictMath.log(uniform) * multiplier);
    return Math.min(level, GraphStore.MAX_LEVEL);
  }

  /** The SplitMix64 finalizer: consecutive keys come out uncorrelated. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
