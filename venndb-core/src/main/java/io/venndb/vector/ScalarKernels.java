package io.venndb.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Plain loops: the reference the SIMD twin is tested against, and the fallback when the Vector API
 * is missing. Deliberately unclever so that it is obviously right.
 */
final class ScalarKernels implements VectorKernels {
  /** Stored vectors are little-endian at any alignment (files are read straight into memory). */
  static final ValueLayout.OfFloat FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Override
  public float dot(float[] a, float[] b) {
    int n = KernelChecks.sameLength(a, b);
    float sum = 0;
    for (int i = 0; i < n; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, float[] b) {
    int n = KernelChecks.sameLength(a, b);
    float sum = 0;
    for (int i = 0; i < n; i++) {
      float d = a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float cosine(float[] a, float[] b) {
    int n = KernelChecks.sameLength(a, b);
    float dot = 0, normA = 0, normB = 0;
    for (int i = 0; i < n; i++) {
      dot += a[i] * b[i];
      normA += a[i] * a[i];
      normB += b[i] * b[i];
    }
    return KernelChecks.cosine(dot, normA, normB);
  }

  @Override
  public float dot(MemorySegment segment, long byteOffset, float[] query) {
    float sum = 0;
    for (int i = 0; i < query.length; i++) {
      sum += segment.get(FLOAT, byteOffset + 4L * i) * query[i];
    }
    return sum;
  }

  @Override
  public void dot(MemorySegment[] segments, long[] offsets, int count, float[] query, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = dot(segments[i], offsets[i], query);
    }
  }

  @Override
  public void squareDistance(MemorySegment[] segments, long[] offsets, int count, float[] query, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = squareDistance(segments[i], offsets[i], query);
    }
  }

  @Override
  public float squareDistance(MemorySegment segment, long byteOffset, float[] query) {
    float sum = 0;
    for (int i = 0; i < query.length; i++) {
      float d = segment.get(FLOAT, byteOffset + 4L * i) - query[i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float cosine(MemorySegment segment, long byteOffset, float[] query) {
    float dot = 0, normA = 0, normB = 0;
    for (int i = 0; i < query.length; i++) {
      float a = segment.get(FLOAT, byteOffset + 4L * i);
      dot += a * query[i];
      normA += a * a;
      normB += query[i] * query[i];
    }
    return KernelChecks.cosine(dot, normA, normB);
  }

  @Override
  public float dotCodes(MemorySegment segment, long byteOffset, float[] query) {
    float sum = 0;
    for (int i = 0; i < query.length; i++) {
      sum += segment.get(ValueLayout.JAVA_BYTE, byteOffset + i) * query[i];
    }
    return sum;
  }

  @Override
  public void codePopcounts(long[] codes, int[] bases, int count, int words, long[] planes, long[] ones,
      long[] weighted) {
    codePopcounts(codes, bases, 0, count, words, planes, ones, weighted);
  }

  /** {@link #codePopcounts} for codes {@code from} to {@code to}: the SIMD kernel's tail. */
  static void codePopcounts(long[] codes, int[] bases, int from, int to, int words, long[] planes, long[] ones,
      long[] weighted) {
    for (int i = from; i < to; i++) {
      long set = 0, sum = 0;
      for (int w = 0, base = bases[i]; w < words; w++) {
        long c = codes[base + w];
        int at = CODE_PLANES * w;
        set += Long.bitCount(c);
        sum += Long.bitCount(c & planes[at]) + 2L * Long.bitCount(c & planes[at + 1])
            + 4L * Long.bitCount(c & planes[at + 2]) + 8L * Long.bitCount(c & planes[at + 3]);
      }
      ones[i] = set;
      weighted[i] = sum;
    }
  }

  @Override
  public void dotCodes(MemorySegment[] segments, long[] offsets, int count, float[] query, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = dotCodes(segments[i], offsets[i], query);
    }
  }

  @Override
  public float sum(MemorySegment segment, long byteOffset, long count) {
    float sum = 0;
    for (long i = 0; i < count; i++) {
      sum += segment.get(FLOAT, byteOffset + 4L * i);
    }
    return sum;
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public String toString() {
    return name();
  }
}
