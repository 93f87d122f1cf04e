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
