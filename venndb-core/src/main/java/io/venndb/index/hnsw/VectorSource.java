package io.venndb.index.hnsw;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.index.SketchBounds;
import io.venndb.store.VectorArena;
import io.venndb.store.VectorSketch;
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
   * Distances of {@code docs[0..count)} to the query into {@code out}, equal bit for bit to {@link
   * #distance} one by one but faster on vectors that are not in the cache, as a walk's are: their
   * first components are read before any is scored ({@link VectorArena#touch}) and the kernels
   * score four side by side. {@code segments} and {@code offsets} are the caller's scratch, at
   * least {@code count} long.
   */
  void distances(int[] docs, int count, float[] preparedQuery, MemorySegment[] segments, long[] offsets,
      float[] out) {
    arena.locate(docs, count, segments, offsets);
    for (int i = 0; i < count; i++) {
      if (segments[i] == null) {
        throw new IllegalStateException("doc " + docs[i] + " is in the HNSW graph but has no vector");
      }
    }
    VectorArena.touch(segments, offsets, count);
    metric.storedDistances(kernels, segments, offsets, count, preparedQuery, out);
  }

  /**
   * Estimated distances of {@code docs[0..count)} to the query, from their int8 {@link
   * VectorSketch sketches} ({@link SketchBounds#estimate}): a quarter of the bytes of the vectors,
   * every line of them read before any is scored ({@link VectorArena#touchSketches}). {@code
   * segments}, {@code offsets} and {@code codes} are the caller's scratch.
   */
  void estimatedDistances(int[] docs, int count, float[] preparedQuery, SketchBounds estimator,
      MemorySegment[] segments, long[] offsets, long[] codes, float[] out) {
    arena.locateSketches(docs, count, segments, offsets);
    for (int i = 0; i < count; i++) {
      if (segments[i] == null) {
        throw new IllegalStateException("doc " + docs[i] + " is in the HNSW graph but has no vector");
      }
      codes[i] = offsets[i] + VectorSketch.CODES_OFFSET;
    }
    arena.touchSketches(segments, offsets, count);
    kernels.dotCodes(segments, codes, count, preparedQuery, out);
    for (int i = 0; i < count; i++) {
      out[i] = estimator.estimate(out[i], VectorSketch.scale(segments[i], offsets[i]),
          VectorSketch.norm(segments[i], offsets[i]));
    }
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
