package io.venndb.sets;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * A stretch {@code [base, base + size)} of the id space. Oracles are {@link BitSet}s over offsets
 * in the window, so tests reach ids near {@code MAX_DOC_ID} without a 256 MiB bit set.
 */
record Window(int base, int size) {
  Window {
    if (base < 0 || size < 1 || (long) base + size > DocIdIterator.NO_MORE_DOCS) {
      throw new IllegalArgumentException("window [" + base + ", +" + size + ")");
    }
  }

  /** Sizes from 1 to 2^17 on a log scale (so most are small but some span several containers). */
  static Window random(SplittableRandom random) {
    int size = (int) Math.pow(2, random.nextDouble(17.0));
    return switch (random.nextInt(10)) {
      case 0, 1, 2, 3 -> new Window(0, size);
      case 4, 5, 6 -> new Window(DocIdIterator.NO_MORE_DOCS - size, size); // ends at MAX_DOC_ID
      default -> new Window(random.nextInt(DocIdIterator.NO_MORE_DOCS - size + 1), size);
    };
  }

  int end() {
    return base + size;
  }

  /** What a correct iterator over {@code bits} returns for {@code advance(target)}. */
  int firstAtOrAfter(BitSet bits, int target) {
    long offset = Math.max(0L, (long) target - base);
    if (offset >= size) {
      return DocIdIterator.NO_MORE_DOCS;
    }
    int next = bits.nextSetBit((int) offset);
    return next < 0 || next >= size ? DocIdIterator.NO_MORE_DOCS : base + next;
  }

  RoaringBitmap toBitmap(BitSet bits) {
    int[] ids = bits.stream().map(offset -> base + offset).toArray();
    RoaringBitmap bitmap = new RoaringBitmap();
    bitmap.addN(ids, 0, ids.length);
    return bitmap;
  }

  BitSet fromBitmap(RoaringBitmap bitmap) {
    BitSet bits = new BitSet(size);
    bitmap.forEach((int id) -> bits.set(id - base));
    return bits;
  }

  /** A random subset of the window, from empty to full through sparse, dense and clustered. */
  BitSet randomBits(SplittableRandom random) {
    return switch (random.nextInt(8)) {
      case 0 -> new BitSet(size);
      case 1 -> full();
      case 2 -> single(random.nextInt(size));
      case 3 -> withDensity(random, random.nextDouble(0.0005, 0.01));
      case 4 -> withDensity(random, random.nextDouble(0.05, 0.5));
      case 5 -> withDensity(random, random.nextDouble(0.9, 0.999));
      case 6 -> runs(random);
      default -> edges();
    };
  }

  BitSet full() {
    BitSet bits = new BitSet(size);
    bits.set(0, size);
    return bits;
  }

  BitSet single(int offset) {
    BitSet bits = new BitSet(size);
    bits.set(offset);
    return bits;
  }

  /** The first and the last id of the window: where off-by-one errors live. */
  BitSet edges() {
    BitSet bits = single(0);
    bits.set(size - 1);
    return bits;
  }

  BitSet withDensity(SplittableRandom random, double density) {
    BitSet bits = new BitSet(size);
    for (int i = 0; i < size; i++) {
      if (random.nextDouble() < density) {
        bits.set(i);
      }
    }
    return bits;
  }

  /** Clustered ids, as an index on a sorted column gives: runs separated by gaps. */
  BitSet runs(SplittableRandom random) {
    BitSet bits = new BitSet(size);
    int maxLength = Math.max(1, size / 8);
    for (int start = random.nextInt(maxLength); start < size; ) {
      int end = Math.min(size, start + 1 + random.nextInt(maxLength));
      bits.set(start, end);
      start = end + 1 + random.nextInt(maxLength);
    }
    return bits;
  }

  /** A random contiguous range within the window, possibly empty. */
  int[] randomRange(SplittableRandom random) {
    int from = random.nextInt(size + 1);
    int to = from + random.nextInt(size - from + 1);
    return new int[] {from, to};
  }
}
