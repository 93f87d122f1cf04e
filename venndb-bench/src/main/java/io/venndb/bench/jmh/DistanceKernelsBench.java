package io.venndb.bench.jmh;

import io.venndb.vector.Kernels;
import io.venndb.vector.VectorKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One distance between two vectors, SIMD twin against scalar twin. {@code dotSegment} reads one
 * side from 64-byte aligned off-heap memory, as a scan of the vector arena does; {@code dotCodes}
 * reads int8 codes from it, as the first pass of a sketched scan does; {@code codePopcountsBatch}
 * counts 256 one-bit codes scattered through a 16k-code array against 4-bit query planes, as a
 * bit scan does (per batch: divide by 256 for a code).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DistanceKernelsBench {
  @Param({"384", "768"})
  int dimension;

  @Param({"simd", "scalar"})
  String kernels;

  private VectorKernels k;
  private float[] a;
  private float[] b;
  private Arena arena;
  private MemorySegment segment;
  private MemorySegment codes;
  private final MemorySegment[] batchVectors = new MemorySegment[BATCH];
  private final MemorySegment[] batchCodes = new MemorySegment[BATCH];
  private final long[] batchOffsets = new long[BATCH];
  private final float[] batchOut = new float[BATCH];
  private static final int BATCH = 8;
  private static final int CODE_BATCH = 256;
  private long[] bitCodes;
  private final int[] codeBases = new int[CODE_BATCH];
  private long[] planes;
  private final long[] ones = new long[CODE_BATCH];
  private final long[] weighted = new long[CODE_BATCH];

  @Setup
  public void setUp() {
    k = "simd".equals(kernels)
        ? Kernels.simd().orElseThrow(() -> new IllegalStateException(
            "SIMD kernels unavailable; run with --add-modules=jdk.incubator.vector"))
        : Kernels.scalar();
    SplittableRandom random = new SplittableRandom(42); // fixed: every run measures the same data
    a = random(random);
    b = random(random);
    arena = Arena.ofConfined();
    segment = arena.allocate(4L * dimension, 64);
    MemorySegment.copy(a, 0, segment,
        ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0, dimension);
    codes = arena.allocate(dimension, 64);
    for (int i = 0; i < dimension; i++) {
      codes.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(-127, 128));
    }
    int words = (dimension + 63) / 64;
    bitCodes = random.longs(16_384L * (words + 1)).toArray();
    planes = random.longs((long) VectorKernels.CODE_PLANES * words).toArray();
    int[] picked = random.ints(CODE_BATCH, 0, 16_384).sorted().toArray(); // a scan visits doc ids in order
    for (int i = 0; i < CODE_BATCH; i++) {
      codeBases[i] = picked[i] * (words + 1);
    }
    java.util.Arrays.fill(batchVectors, segment);
    java.util.Arrays.fill(batchCodes, codes);
  }

  @TearDown
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  public float dot() {
    return k.dot(a, b);
  }

  @Benchmark
  public float cosine() {
    return k.cosine(a, b);
  }

  @Benchmark
  public float l2() {
    return k.squareDistance(a, b);
  }

  @Benchmark
  public float dotSegment() {
    return k.dot(segment, 0, b);
  }

  /** The int8 sketch's kernel: the same dot product over a quarter of the bytes. */
  @Benchmark
  public float dotCodes() {
    return k.dotCodes(codes, 0, b);
  }

  /** Eight vectors scored as one batch (the four-wide kernel twice), per batch. */
  @Benchmark
  public float[] dotBatch() {
    k.dot(batchVectors, batchOffsets, BATCH, b, batchOut);
    return batchOut;
  }

  @Benchmark
  public float[] dotCodesBatch() {
    k.dotCodes(batchCodes, batchOffsets, BATCH, b, batchOut);
    return batchOut;
  }

  /** The bit scan's kernel over one batch of codes. */
  @Benchmark
  public long[] codePopcountsBatch() {
    k.codePopcounts(bitCodes, codeBases, CODE_BATCH, (dimension + 63) / 64, planes, ones, weighted);
    return weighted;
  }

  private float[] random(SplittableRandom random) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextDouble(-1, 1);
    }
    return v;
  }
}
