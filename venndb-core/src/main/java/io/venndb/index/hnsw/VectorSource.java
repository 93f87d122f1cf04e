package io.venndb.index.hnsw;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.store.VectorArena;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import io.venndb.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * Distances between arena vectors and a prepared query. The arena must hold vectors {@link
 * Metric#prepare prepared} for the same metric (unit length for COSINE), as for the flat search.
 */
final class VectorSource {
  final VectorArena arena;
  final Metric metric;
  private final VectorKernels kernels = Kernels.get();

  VectorSource(VectorArena arena, Metric metric) {
    this.arena = arena;
    this.metric = metric;
  }

  int dimension() {
    return arena.dimension();
  }

  float distance(int doc, float[] preparedQuery) {
    MemorySegment segment = arena.segmentOf(doc);
    if (segment == null) {
      throw new IllegalStateException("doc " + doc + " is in the HNSW graph but has no vector");
    }
    return metric.storedDistance(kernels, segment, arena.byteOffsetOf(doc), preparedQuery);
  }

  /**
   * Distances of {@code docs[0..count)} to the query into {@code out}, equal to {@link #distance}
   * one by one. On a graph larger than the caches every vector is a cache miss, and waiting for
   * them one after another is most of a walk's time. So the first float of every vector is read
   * before any is scored: those reads are independent, the CPU issues them together, and its
   * prefetcher streams the rest of each vector while the first ones are multiplied (one miss
   * time for the batch instead of one per vector: about 490 to 290 ns per random vector of 384
   * floats on the benchmark machine). The arithmetic is that of {@link #distance}, so a doc's
   * distance does not depend on the path that computed it. Returns the sum of the floats read,
   * which the caller must keep (a JIT may drop reads whose value nobody uses).
   * {@code segments} and {@code offsets} are the caller's scratch, at least {@code count} long.
   */
  float distances(int[] docs, int count, float[] preparedQuery, MemorySegment[] segments, long[] offsets,
      float[] out) {
    arena.locate(docs, count, segments, offsets);
    float touched = 0;
    for (int i = 0; i < count; i++) {
      if (segments[i] == null) {
        throw new IllegalStateException("doc " + docs[i] + " is in the HNSW graph but has no vector");
      }
      touched += segments[i].get(VectorArena.FLOAT, offsets[i]);
    }
    for (int i = 0; i < count; i++) {
      out[i] = metric.storedDistance(kernels, segments[i], offsets[i], preparedQuery);
    }
    return touched;
  }

  /** Copies the stored (already prepared) vector of a graph node into {@code out}. */
  void load(int doc, float[] out) {
    if (!arena.get(doc, out)) {
      throw new IllegalStateException("doc " + doc + " is in the HNSW graph but has no vector");
    }
  }

  /** A validated, prepared copy of a caller's query. */
  float[] prepare(float[] query) {
    if (query.length != dimension()) {
      throw new InvalidInputException(ErrorCode.DIMENSION_MISMATCH,
          "query has " + query.length + " dimensions; the index has " + dimension());
    }
    return metric.prepare(query);
  }
}
