package io.venndb.vector;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Picks the distance kernels once per JVM: SIMD when {@code jdk.incubator.vector} is in the boot
 * layer and its preferred species is at least 128 bits wide, scalar otherwise. The reason for a
 * scalar choice is logged once, because a missing {@code --add-modules} flag costs 5-10x silently.
 *
 * <p>{@code -Dvenndb.vector.kernels=scalar} forces the scalar twin (to run a suite without SIMD).
 */
public final class Kernels {
  private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
  private static final int MIN_BITS = 128;
  private static final VectorKernels SCALAR = new ScalarKernels();
  private static final Choice SIMD = loadSimd();
  private static final VectorKernels CHOSEN = choose();

  private Kernels() {}

  /** The kernels every caller should use. */
  public static VectorKernels get() {
    return CHOSEN;
  }

  /** The scalar twin, for tests and benchmarks. */
  public static VectorKernels scalar() {
    return SCALAR;
  }

  /** The SIMD twin, or empty when this JVM cannot run it (for tests and benchmarks). */
  public static Optional<VectorKernels> simd() {
    return Optional.ofNullable(SIMD.kernels());
  }

  /** Either usable SIMD kernels or the reason they are not usable. */
  private record Choice(VectorKernels kernels, String whyNot) {}

  private static Choice loadSimd() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return new Choice(null, "module jdk.incubator.vector is not in the boot layer"
          + " (start the JVM with --add-modules=jdk.incubator.vector)");
    }
    try {
      int bits = SimdKernels.preferredBitSize();
      if (bits < MIN_BITS) {
        return new Choice(null, "preferred vector size is " + bits + " bits, below " + MIN_BITS);
      }
      return new Choice(new SimdKernels(), null);
    } catch (LinkageError e) {
      return new Choice(null, "the Vector API failed to load: " + e);
    }
  }

  private static VectorKernels choose() {
    if ("scalar".equalsIgnoreCase(System.getProperty("venndb.vector.kernels", ""))) {
      LOG.log(Level.INFO, "Vector kernels: scalar (forced by -Dvenndb.vector.kernels=scalar)");
      return SCALAR;
    }
    if (SIMD.kernels() == null) {
      LOG.log(Level.WARNING, "Vector kernels: scalar, because " + SIMD.whyNot());
      return SCALAR;
    }
    LOG.log(Level.INFO, "Vector kernels: " + SIMD.kernels().name());
    return SIMD.kernels();
  }
}
