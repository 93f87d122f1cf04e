package io.venndb.bench.truth;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Vectors;
import java.util.BitSet;

/**
 * Exact answers by looking at every row: similarity of the query to all rows (plain scalar
 * loops from {@link Vectors}), then a bounded heap or a threshold pass over the rows a predicate
 * admits. Shares no code with the systems under test; this is the reference.
 */
public final class BruteForce {
  private final Dataset base;

  public BruteForce(Dataset base) {
    this.base = base;
  }

  public Dataset base() {
    return base;
  }

  /** sim(x, q) for every row x. */
  public float[] similarities(float[] q) {
    float[][] vectors = base.vectors();
    float[] out = new float[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      out[i] = Vectors.similarity(base.metric(), vectors[i], q);
    }
    return out;
  }

  /** The {@code k} best rows among those {@code allowed} admits (null: all rows). */
  public static Ranked topK(float[] sims, BitSet allowed, int k) {
    TopHeap heap = new TopHeap(k);
    if (allowed == null) {
      for (int i = 0; i < sims.length; i++) {
        heap.offer(sims[i], i);
      }
    } else {
      for (int i = allowed.nextSetBit(0); i >= 0 && i < sims.length; i = allowed.nextSetBit(i + 1)) {
        heap.offer(sims[i], i);
      }
    }
    return Ranked.of(heap.drainBestFirst());
  }

  /** Every admitted row with similarity ≥ {@code threshold}, best first, at most {@code cap}. */
  public static Ranked atLeast(float[] sims, BitSet allowed, float threshold, int cap) {
    BitSet hits = new BitSet(sims.length);
    for (int i = 0; i < sims.length; i++) {
      if (sims[i] >= threshold && (allowed == null || allowed.get(i))) {
        hits.set(i);
      }
    }
    return topK(sims, hits, Math.min(cap, hits.cardinality()));
  }

  /** Rows with sim(x, B) > beta: the set C_B that vector NOT excludes. */
  public static BitSet above(float[] sims, float beta) {
    BitSet out = new BitSet(sims.length);
    for (int i = 0; i < sims.length; i++) {
      if (sims[i] > beta) {
        out.set(i);
      }
    }
    return out;
  }
}
