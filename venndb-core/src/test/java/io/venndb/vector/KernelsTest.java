package io.venndb.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.venndb.testing.TestSeed;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class KernelsTest {
  private static boolean moduleReadable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  @Test
  void choosesSimdWhenTheModuleIsPresent() {
    assumeThat(moduleReadable()).as("jdk.incubator.vector in the boot layer").isTrue();
    assumeThat(System.getProperty("venndb.vector.kernels", "")).isNotEqualToIgnoringCase("scalar");
    assertThat(Kernels.simd()).isPresent();
    assertThat(Kernels.get()).isSameAs(Kernels.simd().orElseThrow());
    assertThat(Kernels.get().name()).startsWith("simd(");
  }

  @Test
  void fallsBackToScalarWithoutTheModule() {
    assumeThat(moduleReadable()).isFalse();
    assertThat(Kernels.simd()).isEmpty();
    assertThat(Kernels.get()).isSameAs(Kernels.scalar());
  }

  @Test
  void simdTwinAgreesWithScalarTwin() {
    assumeThat(Kernels.simd()).isPresent();
    VectorKernels simd = Kernels.simd().orElseThrow(), scalar = Kernels.scalar();
    SplittableRandom random = TestSeed.random("kernels.twins");
    for (int n : VectorKernelsTest.LENGTHS) {
      float[] a = VectorKernelsTest.reals(random, n), b = VectorKernelsTest.reals(random, n);
      float tolerance = 1e-5f * (float) Math.sqrt(n);
      assertThat(simd.dot(a, b)).isCloseTo(scalar.dot(a, b), relative(scalar.dot(a, b), tolerance));
      assertThat(simd.squareDistance(a, b))
          .isCloseTo(scalar.squareDistance(a, b), relative(scalar.squareDistance(a, b), tolerance));
      assertThat(simd.cosine(a, b))
          .isCloseTo(scalar.cosine(a, b), within(tolerance));
    }
  }

  private static Offset<Float> relative(float value, float tolerance) {
    return within(tolerance * Math.max(1f, Math.abs(value)));
  }
}
