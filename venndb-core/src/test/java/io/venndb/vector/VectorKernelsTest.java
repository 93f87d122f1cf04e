package io.venndb.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.testing.TestSeed;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both kernel twins against exact and double-precision oracles at lengths that hit every tail. */
@ExtendWith(TestSeed.class)
class VectorKernelsTest {
  static final int[] LENGTHS = {1, 2, 3, 7, 13, 16, 17, 207, 384, 768, 1021, 4098};
  static final long[] ODD_OFFSETS = {0, 1, 3, 4, 7, 12};

  static Stream<VectorKernels> twins() {
    return Stream.concat(Stream.of(Kernels.scalar()), Kernels.simd().stream());
  }

  /** Small integers make every product and partial sum exact in float, so results must be too. */
  @ParameterizedTest
  @MethodSource("twins")
  void integerVectorsGiveExactResults(VectorKernels kernels) {
    SplittableRandom random = TestSeed.random("kernels.integers." + kernels.name());
    for (int n : LENGTHS) {
      float[] a = integers(random, n), b = integers(random, n);
      Oracle exact = Oracle.of(a, b);
      assertThat(kernels.dot(a, b)).as("dot n=%d", n).isEqualTo((float) exact.dot);
      assertThat(kernels.squareDistance(a, b)).as("l2² n=%d", n).isEqualTo((float) exact.square);
      assertThat(kernels.cosine(a, b)).as("cos n=%d", n).isEqualTo((float) exact.cosine());
      try (Arena arena = Arena.ofConfined()) {
        for (long offset : ODD_OFFSETS) {
          MemorySegment segment = copyAt(arena, a, offset);
          assertThat(kernels.dot(segment, offset, b)).isEqualTo((float) exact.dot);
          assertThat(kernels.squareDistance(segment, offset, b)).isEqualTo((float) exact.square);
          assertThat(kernels.cosine(segment, offset, b)).isEqualTo((float) exact.cosine());
          assertThat(kernels.sum(segment, offset, n)).isEqualTo((float) exact.sumA);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("twins")
  void realVectorsMatchDoublePrecision(VectorKernels kernels) {
    SplittableRandom random = TestSeed.random("kernels.reals." + kernels.name());
    for (int n : LENGTHS) {
      float[] a = reals(random, n), b = reals(random, n);
      Oracle exact = Oracle.of(a, b);
      assertThat(kernels.dot(a, b)).isCloseTo((float) exact.dot, within(exact.dotSlack()));
      assertThat(kernels.squareDistance(a, b))
          .isCloseTo((float) exact.square, within(exact.squareSlack()));
      assertThat(kernels.cosine(a, b)).isCloseTo((float) exact.cosine(), within(1e-5f));
      try (Arena arena = Arena.ofConfined()) {
        long offset = ODD_OFFSETS[random.nextInt(ODD_OFFSETS.length)];
        MemorySegment segment = copyAt(arena, a, offset);
        assertThat(kernels.dot(segment, offset, b))
            .isCloseTo((float) exact.dot, within(exact.dotSlack()));
        assertThat(kernels.squareDistance(segment, offset, b))
            .isCloseTo((float) exact.square, within(exact.squareSlack()));
        assertThat(kernels.cosine(segment, offset, b)).isCloseTo((float) exact.cosine(), within(1e-5f));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("twins")
  void handCheckedValues(VectorKernels kernels) {
    float[] a = {1, 2, 3}, b = {4, -5, 6};
    assertThat(kernels.dot(a, b)).isEqualTo(12f);
    assertThat(kernels.squareDistance(a, b)).isEqualTo(9f + 49f + 9f);
    assertThat(kernels.cosine(new float[] {3, 0}, new float[] {1, 1}))
        .isCloseTo((float) Math.sqrt(0.5), within(1e-7f));
    assertThat(kernels.cosine(new float[] {1, 0}, new float[] {-2, 0})).isEqualTo(-1f);
  }

  @ParameterizedTest
  @MethodSource("twins")
  void cosineOfZeroVectorIsNaN(VectorKernels kernels) {
    assertThat(kernels.cosine(new float[3], new float[] {1, 2, 3})).isNaN();
  }

  @ParameterizedTest
  @MethodSource("twins")
  void differentLengthsAreRejected(VectorKernels kernels) {
    assertThatThrownBy(() -> kernels.dot(new float[3], new float[4]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("3 and 4")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.DIMENSION_MISMATCH);
  }

  static float[] integers(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextInt(-3, 4);
    }
    v[random.nextInt(n)] = 1; // never all zero, so cosine is defined
    return v;
  }

  /**
   * A doc's distance must not depend on whether it was scored alone or in a batch (a graph walk
   * scores batches, exact scans score one at a time, and ties between equal vectors are broken by
   * doc id): batches of every size 0..9, so both the four-wide kernel and its remainder run, over
   * vectors scattered across segments at unaligned offsets.
   */
  @ParameterizedTest
  @MethodSource("twins")
  void batchesEqualOneByOneBitForBit(VectorKernels kernels) {
    SplittableRandom random = TestSeed.random("kernels.batch");
    try (Arena arena = Arena.ofConfined()) {
      for (int n : LENGTHS) {
        float[] q = reals(random, n);
        for (int count = 0; count <= 9; count++) {
          MemorySegment[] segments = new MemorySegment[count];
          long[] offsets = new long[count];
          for (int i = 0; i < count; i++) {
            offsets[i] = 4L * random.nextInt(5) + random.nextInt(4);
            segments[i] = copyAt(arena, reals(random, n), offsets[i]);
          }
          float[] dots = new float[count], squares = new float[count];
          kernels.dot(segments, offsets, count, q, dots);
          kernels.squareDistance(segments, offsets, count, q, squares);
          for (int i = 0; i < count; i++) {
            assertThat(dots[i]).as("dot n=%d batch=%d #%d", n, count, i)
                .isEqualTo(kernels.dot(segments[i], offsets[i], q));
            assertThat(squares[i]).as("l2² n=%d batch=%d #%d", n, count, i)
                .isEqualTo(kernels.squareDistance(segments[i], offsets[i], q));
          }
        }
      }
    }
  }

  /**
   * Int8 codes: with small integer queries every product and partial sum is exact in float, so
   * both twins must return the exact dot, alone and in batches of every size around the four-wide
   * kernel, at unaligned offsets; with real queries they must match double precision.
   */
  @ParameterizedTest
  @MethodSource("twins")
  void codeDotsAreExactOnIntegersAndCloseOnReals(VectorKernels kernels) {
    SplittableRandom random = TestSeed.random("kernels.codes." + kernels.name());
    try (Arena arena = Arena.ofConfined()) {
      for (int n : LENGTHS) {
        for (boolean integerQuery : new boolean[] {true, false}) {
          float[] q = integerQuery ? integers(random, n) : reals(random, n);
          for (int count = 0; count <= 9; count++) {
            MemorySegment[] segments = new MemorySegment[count];
            long[] offsets = new long[count];
            double[] exact = new double[count], absolute = new double[count];
            for (int v = 0; v < count; v++) {
              offsets[v] = random.nextInt(13);
              segments[v] = arena.allocate(offsets[v] + n);
              for (int i = 0; i < n; i++) {
                byte code = (byte) random.nextInt(-128, 128);
                segments[v].set(java.lang.foreign.ValueLayout.JAVA_BYTE, offsets[v] + i, code);
                exact[v] += (double) code * q[i];
                absolute[v] += Math.abs((double) code * q[i]);
              }
            }
            float[] batch = new float[count];
            kernels.dotCodes(segments, offsets, count, q, batch);
            for (int v = 0; v < count; v++) {
              float single = kernels.dotCodes(segments[v], offsets[v], q);
              assertThat(batch[v]).as("batch equals single, n=%d #%d", n, v).isEqualTo(single);
              if (integerQuery) {
                assertThat(single).as("exact n=%d", n).isEqualTo((float) exact[v]);
              } else {
                assertThat(single).as("n=%d", n).isCloseTo((float) exact[v], within((float) (1e-5 * absolute[v] + 1e-6)));
              }
            }
          }
        }
      }
    }
  }

  /**
   * One-bit code popcounts against bit planes, over codes of 1 to 20 words at scattered bases and
   * batches of every size around the gather width (0..19), against a bit-by-bit oracle.
   */
  @ParameterizedTest
  @MethodSource("twins")
  void codePopcountsCountEveryBit(VectorKernels kernels) {
    SplittableRandom random = TestSeed.random("kernels.popcounts." + kernels.name());
    int p = VectorKernels.CODE_PLANES;
    for (int words : new int[] {1, 2, 6, 7, 20}) {
      long[] planes = random.longs(p * words).toArray();
      for (int count = 0; count < 20; count++) {
        long[] codes = random.longs(40L * words + 8).toArray();
        int[] bases = new int[count];
        for (int i = 0; i < count; i++) {
          bases[i] = random.nextInt(codes.length - words + 1);
        }
        long[] ones = new long[count], weighted = new long[count];
        kernels.codePopcounts(codes, bases, count, words, planes, ones, weighted);
        for (int i = 0; i < count; i++) {
          long expectOnes = 0, expectWeighted = 0;
          for (int w = 0; w < words; w++) {
            for (int bit = 0; bit < 64; bit++) {
              if ((codes[bases[i] + w] >>> bit & 1) == 1) {
                expectOnes++;
                for (int plane = 0; plane < p; plane++) {
                  expectWeighted += (planes[p * w + plane] >>> bit & 1) << plane;
                }
              }
            }
          }
          assertThat(ones[i]).as("ones, %d words, batch %d, #%d", words, count, i).isEqualTo(expectOnes);
          assertThat(weighted[i]).as("weighted, %d words, batch %d, #%d", words, count, i).isEqualTo(expectWeighted);
        }
      }
    }
  }

  static float[] reals(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble(-1, 1);
    }
    return v;
  }

  static MemorySegment copyAt(Arena arena, float[] v, long byteOffset) {
    MemorySegment segment = arena.allocate(byteOffset + 4L * v.length);
    for (int i = 0; i < v.length; i++) {
      segment.set(ScalarKernels.FLOAT, byteOffset + 4L * i, v[i]);
    }
    return segment;
  }

  /** Double-precision results plus the sums of absolute terms that bound float rounding error. */
  record Oracle(double dot, double square, double normA, double normB, double sumA, double absDot) {
    static Oracle of(float[] a, float[] b) {
      double dot = 0, square = 0, normA = 0, normB = 0, sumA = 0, absDot = 0;
      for (int i = 0; i < a.length; i++) {
        dot += (double) a[i] * b[i];
        absDot += Math.abs((double) a[i] * b[i]);
        square += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
        normA += (double) a[i] * a[i];
        normB += (double) b[i] * b[i];
        sumA += a[i];
      }
      return new Oracle(dot, square, normA, normB, sumA, absDot);
    }

    double cosine() {
      return dot / Math.sqrt(normA * normB);
    }

    /** Well below one term's weight at n=4098, so a dropped element still fails. */
    float dotSlack() {
      return (float) (1e-5 * absDot + 1e-6);
    }

    float squareSlack() {
      return (float) (1e-5 * square + 1e-6);
    }
  }
}
