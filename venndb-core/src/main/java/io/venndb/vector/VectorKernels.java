package io.venndb.vector;

import java.lang.foreign.MemorySegment;

/**
 * Distance kernels over float vectors, on heap arrays and on off-heap memory. One SIMD and one
 * scalar implementation exist; {@link Kernels#get()} picks one per JVM.
 *
 * <p>Segment variants read {@code query.length} little-endian floats starting at {@code
 * byteOffset} (any alignment). Array variants require both arrays to have the same length and
 * throw {@link io.venndb.error.InvalidInputException} otherwise.
 */
public interface VectorKernels {
  /** Sum of {@code a[i] * b[i]}. */
  float dot(float[] a, float[] b);

  /** Squared Euclidean distance, sum of {@code (a[i] - b[i])^2}. */
  float squareDistance(float[] a, float[] b);

  /** Cosine of the angle between the vectors; NaN when either has zero norm. */
  float cosine(float[] a, float[] b);

  float dot(MemorySegment segment, long byteOffset, float[] query);

  float squareDistance(MemorySegment segment, long byteOffset, float[] query);

  float cosine(MemorySegment segment, long byteOffset, float[] query);

  /**
   * {@code out[i] = dot(segments[i], offsets[i], query)} for {@code i < count}, equal bit for bit
   * to the one-vector method, but faster on vectors that are not in the cache: the batch keeps
   * several vectors' memory reads in flight at once.
   */
  void dot(MemorySegment[] segments, long[] offsets, int count, float[] query, float[] out);

  /** As {@link #dot(MemorySegment[], long[], int, float[], float[])}, for squared distances. */
  void squareDistance(MemorySegment[] segments, long[] offsets, int count, float[] query, float[] out);

  /**
   * Sum of {@code query[i] * codes[i]} over {@code query.length} signed bytes starting at {@code
   * byteOffset}: the dot product of a query with an int8 sketch of a stored vector, before the
   * sketch's scale is applied. The products and sums are float, as in {@link #dot}; callers that
   * prune with it bound its rounding the same way.
   */
  float dotCodes(MemorySegment segment, long byteOffset, float[] query);

  /** As {@link #dotCodes(MemorySegment, long, float[])} for a batch, as the float batch methods. */
  void dotCodes(MemorySegment[] segments, long[] offsets, int count, float[] query, float[] out);

  /** Bit planes per code word that {@link #codePopcounts} weighs: a query quantized to 4-bit levels. */
  int CODE_PLANES = 4;

  /**
   * Popcounts of one-bit codes against a query's bit planes (the estimate of {@code
   * store.VectorBits}): for each {@code i < count}, over the {@code words} longs {@code c_w} from
   * {@code codes[bases[i]]}, {@code ones[i] = Σ_w popcount(c_w)} and {@code weighted[i] = Σ_w Σ_p
   * 2^p popcount(c_w & planes[CODE_PLANES w + p])}. Integer results, so every implementation
   * returns the same numbers.
   */
  void codePopcounts(long[] codes, int[] bases, int count, int words, long[] planes, long[] ones, long[] weighted);

  /**
   * Sum of {@code count} floats starting at {@code byteOffset}. It is the pure streaming read that
   * flat scans are measured against, since it touches the same bytes with no per-vector work.
   */
  float sum(MemorySegment segment, long byteOffset, long count);

  /** "simd(256-bit, fma)" or "scalar", for logs and EXPLAIN. */
  String name();
}
