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

  /**
   * Exact search must not depend on JIT timing: a distance computed cold (interpreter, C1) must be
   * bit-identical to the same distance once C2 has compiled the kernel. Only meaningful when the
   * kernel is still cold, i.e. when this class runs first in its JVM; harmless otherwise.
   */
  @Test
  void resultsDoNotDependOnTheJitTier() {
    VectorKernels kernels = Kernels.get();
    SplittableRandom random = TestSeed.random("kernels.tiers");
    float[][] vectors = new float[500][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = VectorKernelsTest.reals(random, 1 + random.nextInt(400));
    }
    float[] cold = new float[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      cold[i] = kernels.dot(vectors[i], vectors[i].clone());
    }
    for (int round = 0; round < 200; round++) {
      for (float[] v : vectors) {
        kernels.dot(v, v);
      }
    }
    for (int i = 0; i < vectors.length; i++) {
      assertThat(kernels.dot(vectors[i], vectors[i].clone())).as("vector %d", i).isEqualTo(cold[i]);
    }
  }

  private static Offset<Float> relative(float value, float tolerance) {
    return within(tolerance * Math.max(1f, Math.abs(value)));
  }
}
