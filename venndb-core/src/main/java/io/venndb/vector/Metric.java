package io.venndb.vector;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * How two vectors are compared. Smaller distance is always closer; similarity is the
 * user-facing score in which larger is closer.
 *
 * <ul>
 *   <li>{@code COSINE}: distance {@code 1 - cos} in [0, 2], similarity {@code cos} in [-1, 1].
 *       Stored vectors and queries are unit-normalized, so cosine is a dot product.
 *   <li>{@code L2}: distance is Euclidean (not squared), similarity {@code 1 / (1 + distance)}
 *       in (0, 1].
 *   <li>{@code INNER_PRODUCT}: distance {@code -dot} (pgvector's {@code <#>}), similarity {@code
 *       dot}; both unbounded.
 * </ul>
 */
public enum Metric {
  COSINE,
  L2,
  INNER_PRODUCT;

  /** Parses "cosine", "l2", "ip" or "inner_product", ignoring case. */
  public static Metric parse(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "cosine" -> COSINE;
      case "l2" -> L2;
      case "ip", "inner_product" -> INNER_PRODUCT;
      default -> throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "unknown metric '" + name + "'; expected cosine, l2, ip or inner_product");
    };
  }

  /** The name {@link #parse} reads back. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when vectors are stored unit-normalized and queries must be normalized too. */
  public boolean normalizesVectors() {
    return this == COSINE;
  }

  public float similarity(float distance) {
    return switch (this) {
      case COSINE -> 1 - distance;
      case L2 -> 1 / (1 + distance);
      case INNER_PRODUCT -> -distance;
    };
  }

  public float distance(float similarity) {
    return switch (this) {
      case COSINE -> 1 - similarity;
      case L2 -> 1 / similarity - 1;
      case INNER_PRODUCT -> -similarity;
    };
  }

  /** Smallest similarity a threshold may name (inclusive). */
  public float minSimilarity() {
    return switch (this) {
      case COSINE -> -1;
      case L2 -> 0;
      case INNER_PRODUCT -> Float.NEGATIVE_INFINITY;
    };
  }

  /** Largest similarity a threshold may name (inclusive). */
  public float maxSimilarity() {
    return switch (this) {
      case COSINE, L2 -> 1;
      case INNER_PRODUCT -> Float.POSITIVE_INFINITY;
    };
  }

  /** Whether a similarity threshold is meaningful for this metric (NaN never is). */
  public boolean isValidSimilarity(float similarity) {
    return similarity >= minSimilarity() && similarity <= maxSimilarity();
  }

  /**
   * A checked copy of a vector ready for storage or search: finite components, and for COSINE a
   * non-zero vector scaled to unit length.
   */
  public float[] prepare(float[] vector) {
    float[] copy = vector.clone();
    for (int i = 0; i < copy.length; i++) {
      if (!Float.isFinite(copy[i])) {
        throw new InvalidInputException(ErrorCode.INVALID_VECTOR,
            "component " + i + " is " + copy[i] + "; vectors must be finite");
      }
    }
    return normalizesVectors() ? normalize(copy) : copy;
  }

  /** Distance between two raw vectors; no normalization is assumed. */
  public float distance(VectorKernels kernels, float[] a, float[] b) {
    return switch (this) {
      case COSINE -> clampCosine(1 - kernels.cosine(a, b));
      case L2 -> (float) Math.sqrt(kernels.squareDistance(a, b));
      case INNER_PRODUCT -> -kernels.dot(a, b);
    };
  }

  /**
   * Distance between a stored vector and a query, both already {@link #prepare prepared}. For
   * COSINE this is one dot product because both sides have unit length.
   */
  public float storedDistance(
      VectorKernels kernels, MemorySegment segment, long byteOffset, float[] preparedQuery) {
    return switch (this) {
      case COSINE -> clampCosine(1 - kernels.dot(segment, byteOffset, preparedQuery));
      case L2 -> (float) Math.sqrt(kernels.squareDistance(segment, byteOffset, preparedQuery));
      case INNER_PRODUCT -> -kernels.dot(segment, byteOffset, preparedQuery);
    };
  }

  /**
   * {@link #storedDistance} of {@code count} stored vectors at once, into {@code out}: the same
   * values, computed by the kernels' batch methods (see {@link VectorKernels}).
   */
  public void storedDistances(VectorKernels kernels, MemorySegment[] segments, long[] offsets, int count,
      float[] preparedQuery, float[] out) {
    switch (this) {
      case COSINE -> {
        kernels.dot(segments, offsets, count, preparedQuery, out);
        for (int i = 0; i < count; i++) {
          out[i] = clampCosine(1 - out[i]);
        }
      }
      case L2 -> {
        kernels.squareDistance(segments, offsets, count, preparedQuery, out);
        for (int i = 0; i < count; i++) {
          out[i] = (float) Math.sqrt(out[i]);
        }
      }
      case INNER_PRODUCT -> {
        kernels.dot(segments, offsets, count, preparedQuery, out);
        for (int i = 0; i < count; i++) {
          out[i] = -out[i];
        }
      }
    }
  }

  /** Rounding can push 1 - cos just outside [0, 2]; the documented range is kept exactly. */
  private static float clampCosine(float distance) {
    return Math.min(2f, Math.max(0f, distance));
  }

  /** In double: a float sum of squares overflows or underflows for extreme but finite inputs. */
  private static float[] normalize(float[] v) {
    double squares = 0;
    for (float x : v) {
      squares += (double) x * x;
    }
    double norm = Math.sqrt(squares);
    if (norm == 0) {
      throw new InvalidInputException(ErrorCode.INVALID_VECTOR,
          "a zero vector has no direction; the cosine metric cannot compare it");
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / norm);
    }
    return v;
  }
}
