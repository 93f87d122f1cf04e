package io.venndb.index.hnsw;

import io.venndb.store.VectorArena;
import io.venndb.testing.DebianVectors;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Graphs several test classes read, built once per test JVM to keep the suite fast. Tests must
 * not insert into them; the arenas stay open until the JVM exits.
 */
final class SharedGraphs {
  /** An arena, the index over all its docs, and query vectors that are not in the index. */
  record Graph(VectorArena arena, Metric metric, HnswIndex index, float[][] queries) {
    int size() {
      return arena.maxDocExclusive();
    }
  }

  private static Graph random;
  private static Graph debian;

  private SharedGraphs() {}

  /** 10,000 uniformly random 32-d vectors under L2, built by two threads. */
  static synchronized Graph random() {
    if (random == null) {
      SplittableRandom data = TestSeed.random("shared.random");
      VectorArena arena = HnswFixtures.randomArena(Metric.L2, data, 10_000, 32);
      float[][] queries = new float[100][];
      Arrays.setAll(queries, i -> HnswFixtures.randomVector(data, 32));
      random = new Graph(arena, Metric.L2,
          HnswFixtures.build(arena, Metric.L2, HnswConfig.defaults(), 2), queries);
    }
    return random;
  }

  /**
   * MiniLM embeddings of 2,000 Debian package descriptions under cosine, built by the
   * deterministic one-thread path; the next 100 descriptions are the queries.
   */
  static synchronized Graph debian() {
    if (debian == null) {
      float[][] vectors = DebianVectors.get();
      int count = DebianVectors.COUNT - 100;
      VectorArena arena = new VectorArena(vectors[0].length);
      for (int doc = 0; doc < count; doc++) {
        arena.set(doc, Metric.COSINE.prepare(vectors[doc]));
      }
      debian = new Graph(arena, Metric.COSINE,
          HnswFixtures.build(arena, Metric.COSINE, HnswConfig.defaults(), 1),
          Arrays.copyOfRange(vectors, count, DebianVectors.COUNT));
    }
    return debian;
  }
}
