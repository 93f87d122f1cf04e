package io.venndb.vector;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Four independent accumulators hide the add latency (C2 does not vectorise
 * float reductions itself because it must keep their order); a single-vector loop and a scalar loop
 * finish the tail. Loading this class fails with a {@link LinkageError} when {@code
 * jdk.incubator.vector} is not in the boot layer, which {@link Kernels} catches.
 */
final class SimdKernels implements VectorKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final int STRIDE = 4 * LANES;
  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
  /** Without hardware FMA, FloatVector.fma falls back to a very slow exact emulation. */
  private static final boolean USE_FMA = hardwareFma();

  static int preferredBitSize() {
    return SPECIES.vectorBitSize();
  }

  @Override
  public float dot(float[] a, float[] b) {
    int n = KernelChecks.sameLength(a, b);
    FloatVector s0 = zero(), s1 = zero(), s2 = zero(), s3 = zero();
    int i = 0;
    for (int end = n & -STRIDE; i < end; i += STRIDE) {
      s0 = fma(load(a, i), load(b, i), s0);
      s1 = fma(load(a, i + LANES), load(b, i + LANES), s1);
      s2 = fma(load(a, i + 2 * LANES), load(b, i + 2 * LANES), s2);
      s3 = fma(load(a, i + 3 * LANES), load(b, i + 3 * LANES), s3);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      s0 = fma(load(a, i), load(b, i), s0);
    }
    float sum = reduce(s0, s1, s2, s3);
    for (; i < n; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, float[] b) {
    int n = KernelChecks.sameLength(a, b);
    FloatVector s0 = zero(), s1 = zero(), s2 = zero(), s3 = zero();
    int i = 0;
    for (int end = n & -STRIDE; i < end; i += STRIDE) {
      s0 = square(load(a, i).sub(load(b, i)), s0);
      s1 = square(load(a, i + LANES).sub(load(b, i + LANES)), s1);
      s2 = square(load(a, i + 2 * LANES).sub(load(b, i + 2 * LANES)), s2);
      s3 = square(load(a, i + 3 * LANES).sub(load(b, i + 3 * LANES)), s3);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      s0 = square(load(a, i).sub(load(b, i)), s0);
    }
    float sum = reduce(s0, s1, s2, s3);
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

  @Override
  public float dot(MemorySegment segment, long byteOffset, float[] q) {
    int n = q.length;
    FloatVector s0 = zero(), s1 = zero(), s2 = zero(), s3 = zero();
    int i = 0;
    for (int end = n & -STRIDE; i < end; i += STRIDE) {
      s0 = fma(load(segment, byteOffset, i), load(q, i), s0);
      s1 = fma(load(segment, byteOffset, i + LANES), load(q, i + LANES), s1);
      s2 = fma(load(segment, byteOffset, i + 2 * LANES), load(q, i + 2 * LANES), s2);
      s3 = fma(load(segment, byteOffset, i + 3 * LANES), load(q, i + 3 * LANES), s3);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      s0 = fma(load(segment, byteOffset, i), load(q, i), s0);
    }
    float sum = reduce(s0, s1, s2, s3);
    for (; i < n; i++) {
      sum += segment.get(ScalarKernels.FLOAT, byteOffset + 4L * i) * q[i];
    }
    return sum;
  }

  @Override
  public float squareDistance(MemorySegment segment, long byteOffset, float[] q) {
    int n = q.length;
    FloatVector s0 = zero(), s1 = zero(), s2 = zero(), s3 = zero();
    int i = 0;
    for (int end = n & -STRIDE; i < end; i += STRIDE) {
      s0 = square(load(segment, byteOffset, i).sub(load(q, i)), s0);
      s1 = square(load(segment, byteOffset, i + LANES).sub(load(q, i + LANES)), s1);
      s2 = square(load(segment, byteOffset, i + 2 * LANES).sub(load(q, i + 2 * LANES)), s2);
      s3 = square(load(segment, byteOffset, i + 3 * LANES).sub(load(q, i + 3 * LANES)), s3);
    }
    for (int end = n & -LANES; i < end; i += LANES) {
      s0 = square(load(segment, byteOffset, i).sub(load(q, i)), s0);
    }
    float sum = reduce(s0, s1, s2, s3);
    for (; i < n; i++) {
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
