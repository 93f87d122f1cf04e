package io.venndb.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An int8 sketch of a stored vector, kept beside it in the arena so that exact scans can read a
 * quarter of the bytes and rule most candidates out before reading their floats. Each vector is
 * quantized with its own scale ({@code max |x_i| / 127}), so no training and no global range are
 * needed and a vector is sketched the moment it is stored.
 *
 * <p>Layout of one slot, little-endian:
 *
 * <pre>
 * offset  size  field
 * 0       4     scale s (float32): x_i ≈ s * c_i
 * 4       4     radius (float32), see {@link #radius}
 * 8       4     norm (float32): ||x||, rounded up
 * 12      d     codes c_i (int8, in [-127, 127])
 * </pre>
 *
 * padded to a multiple of 4 bytes. Sketches are derived data: they are computed whenever a vector
 * is stored or loaded, and never written to disk.
 */
public final class VectorSketch {
  /** Where the codes start inside a slot. */
  public static final long CODES_OFFSET = 12;
  private static final ValueLayout.OfFloat FLOAT = VectorArena.FLOAT;
  /** float32 unit roundoff, 2^-24. */
  private static final double UNIT_ROUNDOFF = 0x1p-24;

  private VectorSketch() {}

  /** Bytes of one slot for vectors of {@code dimension} components. */
  public static long slotBytes(int dimension) {
    return CODES_OFFSET + ((dimension + 3L) & ~3L);
  }

  public static float scale(MemorySegment segment, long slotOffset) {
    return segment.get(FLOAT, slotOffset);
  }

  /**
   * A bound, per unit of query norm, on how far the scaled code dot product ({@code s * Σ q_i
   * c_i}, computed in float by a kernel) can be from the float dot product of the query with the
   * stored vector (as the exact kernels compute it), for any query: {@code ||e|| + g (||x|| +
   * ||e||)} where {@code e = x - s c} is the quantization error and {@code g} covers the rounding
   * of both float sums in any order ({@code 2 γ_(d+2)}). It is rounded up, so it is never too
   * small.
   */
  public static float radius(MemorySegment segment, long slotOffset) {
    return segment.get(FLOAT, slotOffset + 4);
  }

  /** {@code ||x||}, rounded up. */
  public static float norm(MemorySegment segment, long slotOffset) {
    return segment.get(FLOAT, slotOffset + 8);
  }

  /** {@code γ_n = n u / (1 - n u)}, the classic bound on the relative rounding error of an n-term float sum. */
  public static double sumRoundoff(int terms) {
    double nu = terms * UNIT_ROUNDOFF;
    return nu / (1 - nu);
  }

  /**
   * Sketches the {@code dimension} floats at {@code (source, sourceOffset)} into the slot at
   * {@code (target, targetOffset)}. The arithmetic is double, so the stored error terms are
   * exact up to their final outward rounding.
   */
  static void encode(MemorySegment source, long sourceOffset, int dimension, MemorySegment target, long targetOffset) {
    double maxAbs = 0, squares = 0;
    for (int i = 0; i < dimension; i++) {
      double x = source.get(FLOAT, sourceOffset + 4L * i);
      maxAbs = Math.max(maxAbs, Math.abs(x));
      squares += x * x;
    }
    float scale = (float) (maxAbs / 127);
    double errorSquares = 0;
    for (int i = 0; i < dimension; i++) {
      double x = source.get(FLOAT, sourceOffset + 4L * i);
      int code = scale == 0 ? 0 : (int) Math.max(-127, Math.min(127, Math.rint(x / scale)));
      target.set(ValueLayout.JAVA_BYTE, targetOffset + CODES_OFFSET + i, (byte) code);
      double error = x - (double) scale * code;
      errorSquares += error * error;
    }
    double norm = Math.sqrt(squares), error = Math.sqrt(errorSquares);
    double rounding = 2 * sumRoundoff(dimension + 2);
    target.set(FLOAT, targetOffset, scale);
    target.set(FLOAT, targetOffset + 4, roundUp(error + rounding * (norm + error)));
    target.set(FLOAT, targetOffset + 8, roundUp(norm));
  }

  /** The next float above {@code value}: converting to float may round down, this never does. */
  private static float roundUp(double value) {
    return Math.nextUp((float) value);
  }
}
