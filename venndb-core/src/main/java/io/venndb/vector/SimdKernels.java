package io.venndb.vector;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Independent accumulators hide the FMA latency (C2 does not vectorise float
 * reductions itself because it must keep their order); a single-vector loop and a scalar loop
 * finish the tail. {@code dot} and {@code squareDistance} use one arithmetic on every input (heap
 * arrays, one stored vector, a batch of stored vectors: two accumulators, lanes added in order),
 * so a distance is the same bit for bit whichever path computed it; the batch form gets its
 * speed from scoring four vectors side by side, not from more accumulators per vector. Loading
 * this class fails with a {@link LinkageError} when {@code jdk.incubator.vector} is not in the
 * boot layer, which {@link Kernels} catches.
 */
final class SimdKernels implements VectorKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final int STRIDE = 4 * LANES;
  private static final int PAIR = 2 * LANES;
  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
  /**
   * One byte per float lane, so a load of codes widens to exactly one float vector; null below 8
   * float lanes (a 32-bit byte vector does not exist), where the code kernels run the scalar loop.
   */
  private static final VectorSpecies<Byte> CODES =
      LANES >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * LANES)) : null;
  private static final ScalarKernels SCALAR = new ScalarKernels();
  /** Without hardware FMA, FloatVector.fma falls back to a very slow exact emulation. */
  private static final boolean USE_FMA = hardwareFma();

  static int preferredBitSize() {
    return SPECIES.vectorBitSize();
  }

  @Override
  public float dot(float[] a, float[] b) {
    int n = KernelChecks.sameLength(a, b);
    FloatVector s0 = zero(), s1 = zero();
    int i = 0;
    for (int end = n & -PAIR; i < end; i += PAIR) {
      s0 = fma(load(a, i), load(b, i), s0);
      s1 = fma(load(a, i + LANES), load(b, i + LANES), s1);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      s0 = fma(load(a, i), load(b, i), s0);
    }
    float sum = reduce(s0.add(s1));
    for (; i < n; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, float[] b) {
    int n = KernelChecks.sameLength(a, b);
    FloatVector s0 = zero(), s1 = zero();
    int i = 0;
    for (int end = n & -PAIR; i < end; i += PAIR) {
      s0 = square(load(a, i).sub(load(b, i)), s0);
      s1 = square(load(a, i + LANES).sub(load(b, i + LANES)), s1);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      s0 = square(load(a, i).sub(load(b, i)), s0);
    }
    float sum = reduce(s0.add(s1));
    for (; i < n; i++) {
      float d = a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float cosine(float[] a, float[] b) {
    int n = KernelChecks.sameLength(a, b);
    // Two-way unrolled: three accumulators per lane group are already six live vectors.
    FloatVector d0 = zero(), d1 = zero(), na0 = zero(), na1 = zero(), nb0 = zero(), nb1 = zero();
    int i = 0;
    for (int end = n & -(2 * LANES); i < end; i += 2 * LANES) {
      FloatVector a0 = load(a, i), b0 = load(b, i);
      FloatVector a1 = load(a, i + LANES), b1 = load(b, i + LANES);
      d0 = fma(a0, b0, d0);
      d1 = fma(a1, b1, d1);
      na0 = fma(a0, a0, na0);
      na1 = fma(a1, a1, na1);
      nb0 = fma(b0, b0, nb0);
      nb1 = fma(b1, b1, nb1);
    }
    float dot = reduce(d0.add(d1));
    float normA = reduce(na0.add(na1));
    float normB = reduce(nb0.add(nb1));
    for (; i < n; i++) {
      dot += a[i] * b[i];
      normA += a[i] * a[i];
      normB += b[i] * b[i];
    }
    return KernelChecks.cosine(dot, normA, normB);
  }

  // Stored vectors (segments). One arithmetic serves a single vector and a batch, so a doc's
  // distance is the same bit for bit whichever path computed it: two accumulators over 2 * LANES
  // floats, one over a last LANES, the lanes added in order, then a scalar tail. The batch runs
  // four vectors' chains side by side. On a collection larger than the caches every vector is a
  // cache miss, and four independent streams keep four misses in flight instead of one: that
  // wait, not the arithmetic, is most of a graph walk. Two chains per vector (eight in a batch)
  // keep both FMA units busy without running out of the 16 vector registers of AVX2.

  @Override
  public float dot(MemorySegment segment, long byteOffset, float[] q) {
    int n = q.length;
    FloatVector s0 = zero(), s1 = zero();
    int i = 0;
    for (int end = n & -PAIR; i < end; i += PAIR) {
      s0 = fma(load(segment, byteOffset, i), load(q, i), s0);
      s1 = fma(load(segment, byteOffset, i + LANES), load(q, i + LANES), s1);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      s0 = fma(load(segment, byteOffset, i), load(q, i), s0);
    }
    return dotTail(segment, byteOffset, q, i, reduce(s0.add(s1)));
  }

  @Override
  public void dot(MemorySegment[] segments, long[] offsets, int count, float[] q, float[] out) {
    int v = 0;
    for (; v + 4 <= count; v += 4) {
      dot4(segments, offsets, v, q, out);
    }
    for (; v < count; v++) {
      out[v] = dot(segments[v], offsets[v], q);
    }
  }

  private static void dot4(MemorySegment[] segments, long[] offsets, int at, float[] q, float[] out) {
    MemorySegment m0 = segments[at], m1 = segments[at + 1], m2 = segments[at + 2], m3 = segments[at + 3];
    long o0 = offsets[at], o1 = offsets[at + 1], o2 = offsets[at + 2], o3 = offsets[at + 3];
    FloatVector a0 = zero(), a1 = zero(), b0 = zero(), b1 = zero();
    FloatVector c0 = zero(), c1 = zero(), d0 = zero(), d1 = zero();
    int n = q.length;
    int i = 0;
    for (int end = n & -PAIR; i < end; i += PAIR) {
      FloatVector x0 = load(q, i), x1 = load(q, i + LANES);
      a0 = fma(load(m0, o0, i), x0, a0);
      a1 = fma(load(m0, o0, i + LANES), x1, a1);
      b0 = fma(load(m1, o1, i), x0, b0);
      b1 = fma(load(m1, o1, i + LANES), x1, b1);
      c0 = fma(load(m2, o2, i), x0, c0);
      c1 = fma(load(m2, o2, i + LANES), x1, c1);
      d0 = fma(load(m3, o3, i), x0, d0);
      d1 = fma(load(m3, o3, i + LANES), x1, d1);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      FloatVector x = load(q, i);
      a0 = fma(load(m0, o0, i), x, a0);
      b0 = fma(load(m1, o1, i), x, b0);
      c0 = fma(load(m2, o2, i), x, c0);
      d0 = fma(load(m3, o3, i), x, d0);
    }
    out[at] = dotTail(m0, o0, q, i, reduce(a0.add(a1)));
    out[at + 1] = dotTail(m1, o1, q, i, reduce(b0.add(b1)));
    out[at + 2] = dotTail(m2, o2, q, i, reduce(c0.add(c1)));
    out[at + 3] = dotTail(m3, o3, q, i, reduce(d0.add(d1)));
  }

  private static float dotTail(MemorySegment segment, long byteOffset, float[] q, int from, float sum) {
    for (int i = from; i < q.length; i++) {
      sum += segment.get(ScalarKernels.FLOAT, byteOffset + 4L * i) * q[i];
    }
    return sum;
  }

  @Override
  public float squareDistance(MemorySegment segment, long byteOffset, float[] q) {
    int n = q.length;
    FloatVector s0 = zero(), s1 = zero();
    int i = 0;
    for (int end = n & -PAIR; i < end; i += PAIR) {
      s0 = square(load(segment, byteOffset, i).sub(load(q, i)), s0);
      s1 = square(load(segment, byteOffset, i + LANES).sub(load(q, i + LANES)), s1);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      s0 = square(load(segment, byteOffset, i).sub(load(q, i)), s0);
    }
    return squareTail(segment, byteOffset, q, i, reduce(s0.add(s1)));
  }

  @Override
  public void squareDistance(MemorySegment[] segments, long[] offsets, int count, float[] q, float[] out) {
    int v = 0;
    for (; v + 4 <= count; v += 4) {
      squareDistance4(segments, offsets, v, q, out);
    }
    for (; v < count; v++) {
      out[v] = squareDistance(segments[v], offsets[v], q);
    }
  }

  private static void squareDistance4(MemorySegment[] segments, long[] offsets, int at, float[] q, float[] out) {
    MemorySegment m0 = segments[at], m1 = segments[at + 1], m2 = segments[at + 2], m3 = segments[at + 3];
    long o0 = offsets[at], o1 = offsets[at + 1], o2 = offsets[at + 2], o3 = offsets[at + 3];
    FloatVector a0 = zero(), a1 = zero(), b0 = zero(), b1 = zero();
    FloatVector c0 = zero(), c1 = zero(), d0 = zero(), d1 = zero();
    int n = q.length;
    int i = 0;
    for (int end = n & -PAIR; i < end; i += PAIR) {
      FloatVector x0 = load(q, i), x1 = load(q, i + LANES);
      a0 = square(load(m0, o0, i).sub(x0), a0);
      a1 = square(load(m0, o0, i + LANES).sub(x1), a1);
      b0 = square(load(m1, o1, i).sub(x0), b0);
      b1 = square(load(m1, o1, i + LANES).sub(x1), b1);
      c0 = square(load(m2, o2, i).sub(x0), c0);
      c1 = square(load(m2, o2, i + LANES).sub(x1), c1);
      d0 = square(load(m3, o3, i).sub(x0), d0);
      d1 = square(load(m3, o3, i + LANES).sub(x1), d1);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      FloatVector x = load(q, i);
      a0 = square(load(m0, o0, i).sub(x), a0);
      b0 = square(load(m1, o1, i).sub(x), b0);
      c0 = square(load(m2, o2, i).sub(x), c0);
      d0 = square(load(m3, o3, i).sub(x), d0);
    }
    out[at] = squareTail(m0, o0, q, i, reduce(a0.add(a1)));
    out[at + 1] = squareTail(m1, o1, q, i, reduce(b0.add(b1)));
    out[at + 2] = squareTail(m2, o2, q, i, reduce(c0.add(c1)));
    out[at + 3] = squareTail(m3, o3, q, i, reduce(d0.add(d1)));
  }

  private static float squareTail(MemorySegment segment, long byteOffset, float[] q, int from, float sum) {
    for (int i = from; i < q.length; i++) {
      float d = segment.get(ScalarKernels.FLOAT, byteOffset + 4L * i) - q[i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float cosine(MemorySegment segment, long byteOffset, float[] q) {
    int n = q.length;
    FloatVector d0 = zero(), d1 = zero(), na0 = zero(), na1 = zero(), nb0 = zero(), nb1 = zero();
    int i = 0;
    for (int end = n & -(2 * LANES); i < end; i += 2 * LANES) {
      FloatVector a0 = load(segment, byteOffset, i), b0 = load(q, i);
      FloatVector a1 = load(segment, byteOffset, i + LANES), b1 = load(q, i + LANES);
      d0 = fma(a0, b0, d0);
      d1 = fma(a1, b1, d1);
      na0 = fma(a0, a0, na0);
      na1 = fma(a1, a1, na1);
      nb0 = fma(b0, b0, nb0);
      nb1 = fma(b1, b1, nb1);
    }
    float dot = reduce(d0.add(d1));
    float normA = reduce(na0.add(na1));
    float normB = reduce(nb0.add(nb1));
    for (; i < n; i++) {
      float a = segment.get(ScalarKernels.FLOAT, byteOffset + 4L * i);
      dot += a * q[i];
      normA += a * a;
      normB += q[i] * q[i];
    }
    return KernelChecks.cosine(dot, normA, normB);
  }

  // Int8 sketches: the same two-chain arithmetic as dot, over codes widened to floats.

  @Override
  public float dotCodes(MemorySegment segment, long byteOffset, float[] q) {
    if (CODES == null) {
      return SCALAR.dotCodes(segment, byteOffset, q);
    }
    int n = q.length;
    FloatVector s0 = zero(), s1 = zero();
    int i = 0;
    for (int end = n & -PAIR; i < end; i += PAIR) {
      s0 = fma(codes(segment, byteOffset, i), load(q, i), s0);
      s1 = fma(codes(segment, byteOffset, i + LANES), load(q, i + LANES), s1);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      s0 = fma(codes(segment, byteOffset, i), load(q, i), s0);
    }
    return codesTail(segment, byteOffset, q, i, reduce(s0.add(s1)));
  }

  /** Long lanes for {@link #codePopcounts}: one code word of several codes per register, gathered. */
  private static final VectorSpecies<Long> WORDS = LongVector.SPECIES_PREFERRED;

  /** Gathers word w of {@code WORDS.length()} codes at a time; the scalar loop finishes the tail. */
  @Override
  public void codePopcounts(long[] codes, int[] bases, int count, int words, long[] planes, long[] ones,
      long[] weighted) {
    int lanes = WORDS.length();
    int i = 0;
    for (; i + lanes <= count; i += lanes) {
      LongVector set = LongVector.zero(WORDS), sum = LongVector.zero(WORDS);
      for (int w = 0; w < words; w++) {
        LongVector c = LongVector.fromArray(WORDS, codes, w, bases, i);
        int at = CODE_PLANES * w;
        set = set.add(c.lanewise(VectorOperators.BIT_COUNT));
        sum = sum.add(c.and(planes[at]).lanewise(VectorOperators.BIT_COUNT))
            .add(c.and(planes[at + 1]).lanewise(VectorOperators.BIT_COUNT).lanewise(VectorOperators.LSHL, 1))
            .add(c.and(planes[at + 2]).lanewise(VectorOperators.BIT_COUNT).lanewise(VectorOperators.LSHL, 2))
            .add(c.and(planes[at + 3]).lanewise(VectorOperators.BIT_COUNT).lanewise(VectorOperators.LSHL, 3));
      }
      set.intoArray(ones, i);
      sum.intoArray(weighted, i);
    }
    ScalarKernels.codePopcounts(codes, bases, i, count, words, planes, ones, weighted);
  }

  @Override
  public void dotCodes(MemorySegment[] segments, long[] offsets, int count, float[] q, float[] out) {
    int v = 0;
    for (; CODES != null && v + 4 <= count; v += 4) {
      dotCodes4(segments, offsets, v, q, out);
    }
    for (; v < count; v++) {
      out[v] = dotCodes(segments[v], offsets[v], q);
    }
  }

  private static void dotCodes4(MemorySegment[] segments, long[] offsets, int at, float[] q, float[] out) {
    MemorySegment m0 = segments[at], m1 = segments[at + 1], m2 = segments[at + 2], m3 = segments[at + 3];
    long o0 = offsets[at], o1 = offsets[at + 1], o2 = offsets[at + 2], o3 = offsets[at + 3];
    FloatVector a0 = zero(), a1 = zero(), b0 = zero(), b1 = zero();
    FloatVector c0 = zero(), c1 = zero(), d0 = zero(), d1 = zero();
    int n = q.length;
    int i = 0;
    for (int end = n & -PAIR; i < end; i += PAIR) {
      FloatVector x0 = load(q, i), x1 = load(q, i + LANES);
      a0 = fma(codes(m0, o0, i), x0, a0);
      a1 = fma(codes(m0, o0, i + LANES), x1, a1);
      b0 = fma(codes(m1, o1, i), x0, b0);
      b1 = fma(codes(m1, o1, i + LANES), x1, b1);
      c0 = fma(codes(m2, o2, i), x0, c0);
      c1 = fma(codes(m2, o2, i + LANES), x1, c1);
      d0 = fma(codes(m3, o3, i), x0, d0);
      d1 = fma(codes(m3, o3, i + LANES), x1, d1);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      FloatVector x = load(q, i);
      a0 = fma(codes(m0, o0, i), x, a0);
      b0 = fma(codes(m1, o1, i), x, b0);
      c0 = fma(codes(m2, o2, i), x, c0);
      d0 = fma(codes(m3, o3, i), x, d0);
    }
    out[at] = codesTail(m0, o0, q, i, reduce(a0.add(a1)));
    out[at + 1] = codesTail(m1, o1, q, i, reduce(b0.add(b1)));
    out[at + 2] = codesTail(m2, o2, q, i, reduce(c0.add(c1)));
    out[at + 3] = codesTail(m3, o3, q, i, reduce(d0.add(d1)));
  }

  private static float codesTail(MemorySegment segment, long byteOffset, float[] q, int from, float sum) {
    for (int i = from; i < q.length; i++) {
      sum += segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, byteOffset + i) * q[i];
    }
    return sum;
  }

  @Override
  public float sum(MemorySegment segment, long byteOffset, long count) {
    FloatVector s0 = zero(), s1 = zero(), s2 = zero(), s3 = zero();
    long i = 0;
    for (long end = count & -STRIDE; i < end; i += STRIDE) {
      s0 = s0.add(load(segment, byteOffset, i));
      s1 = s1.add(load(segment, byteOffset, i + LANES));
      s2 = s2.add(load(segment, byteOffset, i + 2 * LANES));
      s3 = s3.add(load(segment, byteOffset, i + 3 * LANES));
    }
    float sum = reduce(s0, s1, s2, s3);
    for (; i < count; i++) {
      sum += segment.get(ScalarKernels.FLOAT, byteOffset + 4L * i);
    }
    return sum;
  }

  @Override
  public String name() {
    return "simd(" + SPECIES.vectorBitSize() + "-bit" + (USE_FMA ? ", fma" : "") + ")";
  }

  @Override
  public String toString() {
    return name();
  }

  /**
   * A fresh zero per accumulator: starting a loop from a static final vector (a real heap object)
   * makes C2 box the accumulators on every iteration.
   */
  private static FloatVector zero() {
    return FloatVector.zero(SPECIES);
  }

  private static FloatVector load(float[] array, int index) {
    return FloatVector.fromArray(SPECIES, array, index);
  }

  private static FloatVector load(MemorySegment segment, long byteOffset, long index) {
    return FloatVector.fromMemorySegment(SPECIES, segment, byteOffset + 4L * index, ORDER);
  }

  /** {@code LANES} signed byte codes from {@code byteOffset + index}, widened to floats. */
  private static FloatVector codes(MemorySegment segment, long byteOffset, int index) {
    return (FloatVector) ByteVector.fromMemorySegment(CODES, segment, byteOffset + index, ORDER)
        .convertShape(VectorOperators.B2F, SPECIES, 0);
  }

  private static FloatVector fma(FloatVector a, FloatVector b, FloatVector acc) {
    return USE_FMA ? a.fma(b, acc) : a.mul(b).add(acc);
  }

  private static FloatVector square(FloatVector d, FloatVector acc) {
    return fma(d, d, acc);
  }

  private static float reduce(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3) {
    return reduce(s0.add(s1).add(s2.add(s3)));
  }

  /**
   * Adds the lanes left to right. {@code reduceLanes(ADD)} may reorder the additions once C2
   * compiles it but not before, so the same distance could differ by an ulp between a cold and a
   * hot call, and exact results would depend on JIT timing. Kept under C2's 35-byte inlining limit
   * for call sites that run once per call: a vector passed to a method that is not inlined is
   * boxed on the heap.
   */
  private static float reduce(FloatVector v) {
    float sum = 0;
    for (int i = 0; i < LANES; i++) {
      sum += v.lane(i);
    }
    return sum;
  }

  private static boolean hardwareFma() {
    try {
      var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false; // not HotSpot, or no management module: mul + add is always correct
    }
  }
}
