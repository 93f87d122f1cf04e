package io.venndb.store;

import java.lang.foreign.MemorySegment;

/**
 * A one-bit code of a stored vector — the sign of each component — with the two figures an
 * estimate of a dot product needs, kept beside the vector in the arena. The code of a 384-d vector
 * is 56 bytes, a twenty-seventh of the floats, so a scan over a filter's members reads about one
 * cache line per member where an exact scan reads 24, and the estimate costs a few popcounts.
 *
 * <p>The estimate follows RaBitQ's (Gao and Long, SIGMOD 2024) without its random rotation: with
 * {@code s = sign(x)}, {@code <q, x> ≈ f (Σ q_i s_i)} where {@code f = ||x||² / Σ |x_i|}, which is
 * exact when q is x itself. It is an estimate, not a bound: callers rescore what it ranks first with
 * exact distances (see {@code index.BitScan}).
 *
 * <p>Codes live on the heap, in a {@code long[]} per arena chunk, {@link #stride} longs a vector,
 * so a kernel can gather one word of several vectors into a SIMD register. Layout of one code:
 *
 * <pre>
 * long    field
 * 0..w-1  w = ceil(d / 64) words; bit j of word i is 1 when component 64 i + j is &gt; 0
 * w       low 32 bits: f (float32 bits), ||x||² / Σ |x_i|, 0 for the zero vector;
 *         high 32 bits: ||x||² (float32 bits)
 * </pre>
 *
 * Bits past the last component are 0. Codes are derived data: computed whenever a vector is stored
 * or loaded, never written to disk.
 */
public final class VectorBits {
  private VectorBits() {}

  /** Code words of a vector of {@code dimension} components. */
  public static int words(int dimension) {
    return (dimension + 63) >>> 6;
  }

  /** Longs of one code: its words and the long holding f and ||x||². */
  public static int stride(int dimension) {
    return words(dimension) + 1;
  }

  /** The code's f = ||x||² / Σ |x_i|; {@code base} is where the code starts. */
  public static float scale(long[] codes, int base, int words) {
    return Float.intBitsToFloat((int) codes[base + words]);
  }

  /** The code's ||x||². */
  public static float squaredNorm(long[] codes, int base, int words) {
    return Float.intBitsToFloat((int) (codes[base + words] >>> 32));
  }

  /** Codes the {@code dimension} floats at {@code (source, sourceOffset)} into {@code codes} from {@code base}. */
  static void encode(MemorySegment source, long sourceOffset, int dimension, long[] codes, int base) {
    double squares = 0, absolutes = 0;
    int words = words(dimension);
    for (int w = 0; w < words; w++) {
      long word = 0;
      for (int j = 0, i = w << 6; j < 64 && i < dimension; j++, i++) {
        float x = source.get(VectorArena.FLOAT, sourceOffset + 4L * i);
        if (x > 0) {
          word |= 1L << j;
        }
        squares += (double) x * x;
        absolutes += Math.abs(x);
      }
      codes[base + w] = word;
    }
    float scale = absolutes == 0 ? 0f : (float) (squares / absolutes);
    codes[base + words] = (Float.floatToRawIntBits(scale) & 0xffffffffL)
        | ((long) Float.floatToRawIntBits((float) squares) << 32);
  }
}
