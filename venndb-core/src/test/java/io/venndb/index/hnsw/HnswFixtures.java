package io.venndb.index.hnsw;

import io.venndb.index.FlatVectorSearch;
import io.venndb.index.ScoredDocs;
import io.venndb.store.VectorArena;
import io.venndb.vector.Metric;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/** Seeded data, graphs and the flat-scan oracle shared by the HNSW tests. */
final class HnswFixtures {
  private HnswFixtures() {}

  /** Components uniform in [-1, 1); never the zero vector in practice. */
  static float[] randomVector(SplittableRandom random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  /** An arena of {@code count} random vectors, prepared for {@code metric}, doc ids 0..count-1. */
  static VectorArena randomArena(Metric metric, SplittableRandom random, int count, int dimension) {
    VectorArena arena = new VectorArena(dimension);
    for (int doc = 0; doc < count; doc++) {
      arena.set(doc, metric.prepare(randomVector(random, dimension)));
    }
    return arena;
  }

  /** The level key a test gives a doc: a stand-in for its primary key's hash. */
  static long levelKey(int doc) {
    return doc * 0x9E3779B97F4A7C15L + 12345;
  }

  static RoaringBitmap all(int count) {
    RoaringBitmap docs = new RoaringBitmap();
    docs.add(0L, count);
    return docs;
  }

  static HnswIndex build(VectorArena arena, Metric metric, HnswConfig config, int threads) {
    return HnswIndex.build(arena, metric, config, all(arena.maxDocExclusive()), HnswFixtures::levelKey, threads);
  }

  static ScoredDocs exact(VectorArena arena, Metric metric, float[] query, int k, RoaringBitmap candidates) {
    return FlatVectorSearch.topK(arena, metric, query, k, candidates);
  }

  /** Fraction of the oracle's docs the result found (1 when the oracle is empty). */
  static double recall(HnswResult result, ScoredDocs oracle) {
    if (oracle.size() == 0) {
      return 1;
    }
    RoaringBitmap expected = RoaringBitmap.bitmapOf(oracle.docIds());
    int hits = 0;
    for (int i = 0; i < result.size(); i++) {
      hits += expected.contains(result.docId(i)) ? 1 : 0;
    }
    return (double) hits / oracle.size();
  }
}
