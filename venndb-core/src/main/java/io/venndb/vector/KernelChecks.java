package io.venndb.vector;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;

/** Argument checks shared by both kernel twins, so they reject the same inputs the same way. */
final class KernelChecks {
  private KernelChecks() {}

  /** Returns the common length of two vectors, or throws naming both lengths. */
  static int sameLength(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new InvalidInputException(
          ErrorCode.DIMENSION_MISMATCH,
          "vectors have different dimensions: " + a.length + " and " + b.length);
    }
    return a.length;
  }

  /** Cosine from a dot product and two squared norms; double keeps the product from overflowing. */
  static float cosine(float dot, float squareNormA, float squareNormB) {
    return (float) (dot / Math.sqrt((double) squareNormA * squareNormB));
  }
}
