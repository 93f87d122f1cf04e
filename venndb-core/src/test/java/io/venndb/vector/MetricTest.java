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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(TestSeed.class)
class MetricTest {
  @ParameterizedTest
  @CsvSource({"cosine,COSINE", "COSINE,COSINE", "l2,L2", "L2,L2", "ip,INNER_PRODUCT",
      "Inner_Product,INNER_PRODUCT", "' ip ',INNER_PRODUCT"})
  void parsesNamesIgnoringCase(String name, Metric expected) {
    assertThat(Metric.parse(name)).isEqualTo(expected);
  }

  @Test
  void rejectsUnknownNamesQuotingThem() {
    assertThatThrownBy(() -> Metric.parse("manhattan"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'manhattan'")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThatThrownBy(() -> Metric.parse(null)).isInstanceOf(InvalidInputException.class);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void sqlNameParsesBack(Metric metric) {
    assertThat(Metric.parse(metric.sqlName())).isEqualTo(metric);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void storedDistancesOfABatchEqualEachStoredDistance(Metric metric) {
    SplittableRandom random = TestSeed.random("metric.batch." + metric);
    VectorKernels kernels = Kernels.get();
    int count = 11, dimension = 37;
    float[] query = metric.prepare(vector(random, dimension));
    MemorySegment[] segments = new MemorySegment[count];
    long[] offsets = new long[count];
    try (Arena arena = Arena.ofConfined()) {
      for (int i = 0; i < count; i++) {
        float[] stored = i == 3 ? query : metric.prepare(vector(random, dimension)); // one exact match
        segments[i] = arena.allocate(4L * dimension);
        MemorySegment.copy(stored, 0, segments[i], ScalarKernels.FLOAT, 0, dimension);
      }
      float[] out = new float[count];
      metric.storedDistances(kernels, segments, offsets, count, query, out);
      for (int i = 0; i < count; i++) {
        assertThat(out[i]).as("#%d", i).isEqualTo(metric.storedDistance(kernels, segments[i], 0, query));
      }
    }
  }

  private static float[] vector(SplittableRandom random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextDouble(-1, 1);
    }
    return v;
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void similarityAndDistanceRoundTrip(Metric metric) {
    SplittableRandom random = TestSeed.random("metric.roundtrip." + metric);
    for (int i = 0; i < 1000; i++) {
      float distance = switch (metric) {
        case COSINE -> (float) random.nextDouble(0, 2);
        case L2 -> (float) random.nextDouble(0, 100);
        case INNER_PRODUCT -> (float) random.nextDouble(-100, 100);
      };
      float similarity = metric.similarity(distance);
      assertThat(metric.isValidSimilarity(similarity)).isTrue();
      assertThat(metric.distance(similarity))
          .isCloseTo(distance, within(1e-5f * Math.max(1, distance * distance)));
    }
  }

  @Test
  void conventionsMatchTheDocumentedFormulas() {
    assertThat(Metric.COSINE.similarity(0.25f)).isEqualTo(0.75f);
    assertThat(Metric.L2.similarity(3f)).isEqualTo(0.25f);
    assertThat(Metric.L2.distance(0.25f)).isEqualTo(3f);
    assertThat(Metric.INNER_PRODUCT.similarity(-7f)).isEqualTo(7f);
    assertThat(Metric.COSINE.normalizesVectors()).isTrue();
    assertThat(Metric.L2.normalizesVectors()).isFalse();
    assertThat(Metric.INNER_PRODUCT.normalizesVectors()).isFalse();
  }

  @Test
  void similarityRangesFollowTheMetric() {
    assertThat(Metric.COSINE.isValidSimilarity(1.01f)).isFalse();
    assertThat(Metric.COSINE.isValidSimilarity(-1f)).isTrue();
    assertThat(Metric.L2.isValidSimilarity(-0.1f)).isFalse();
    assertThat(Metric.L2.isValidSimilarity(1f)).isTrue();
    assertThat(Metric.INNER_PRODUCT.isValidSimilarity(1e30f)).isTrue();
    for (Metric metric : Metric.values()) {
      assertThat(metric.isValidSimilarity(Float.NaN)).isFalse();
    }
  }

  @Test
  void handCheckedDistances() {
    float[] a = {3, 4}, b = {0, 0}, c = {4, 3};
    VectorKernels k = Kernels.get();
    assertThat(Metric.L2.distance(k, a, b)).isEqualTo(5f);
    assertThat(Metric.INNER_PRODUCT.distance(k, a, c)).isEqualTo(-24f);
    assertThat(Metric.COSINE.distance(k, a, c)).isCloseTo(1 - 24f / 25f, within(1e-6f));
    assertThat(Metric.COSINE.distance(k, a, new float[] {-6, -8})).isEqualTo(2f);
  }

  @Test
  void prepareNormalizesOnlyForCosineAndNeverAliases() {
    float[] v = {3, 4};
    assertThat(Metric.COSINE.prepare(v)).containsExactly(0.6f, 0.8f);
    assertThat(Metric.L2.prepare(v)).containsExactly(3, 4).isNotSameAs(v);
    assertThat(v).containsExactly(3, 4);
  }

  @Test
  void prepareRejectsNonFiniteAndZeroVectors() {
    assertThatThrownBy(() -> Metric.L2.prepare(new float[] {1, Float.NaN}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("component 1 is NaN");
    assertThatThrownBy(() -> Metric.COSINE.prepare(new float[3]))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.INVALID_VECTOR);
    assertThat(Metric.L2.prepare(new float[3])).containsExactly(0, 0, 0);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void storedDistanceMatchesRawDistanceOnPreparedVectors(Metric metric) {
    SplittableRandom random = TestSeed.random("metric.stored." + metric);
    for (int n : new int[] {1, 13, 384}) {
      float[] x = metric.prepare(VectorKernelsTest.reals(random, n));
      float[] q = metric.prepare(VectorKernelsTest.reals(random, n));
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment segment = VectorKernelsTest.copyAt(arena, x, 3);
        assertThat(metric.storedDistance(Kernels.get(), segment, 3, q))
            .isCloseTo(metric.distance(Kernels.get(), x, q), within(1e-4f));
      }
    }
  }
}
