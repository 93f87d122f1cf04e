package io.venndb.index;

import java.util.Arrays;

/**
 * Keeps the {@code capacity} smallest packed keys offered, for scans that offer many keys of which
 * most do not place. Keys below the current cut are appended to a buffer of twice the capacity;
 * when it fills, a selection (quickselect, linear time) moves the {@code capacity} smallest to its
 * front and their largest becomes the cut. Each accepted key then costs O(1) amortised, where a
 * heap pays a sift of log(capacity) levels: in a bit scan of 6,000 rows into a pool of 256 the
 * heap's sifts were a sixth of the scan's profile.
 */
final class SelectingPool {
  private final int capacity;
  private final long[] buffer;
  private int size;
  /** Keys at or above this never place; {@code Long.MAX_VALUE} until the buffer first fills. */
  private long cut = Long.MAX_VALUE;

  SelectingPool(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.buffer = new long[2 * capacity];
  }

  void offer(long key) {
    if (key >= cut) {
      return;
    }
    buffer[size++] = key;
    if (size == buffer.length) {
      keepSmallest();
    }
  }

  /** The distance of the cut: estimates above it cannot place (those equal to it may, by doc id). */
  float cutDistance() {
    return cut == Long.MAX_VALUE ? Float.POSITIVE_INFINITY : ScoredDocs.distanceOf(cut);
  }

  /** The kept keys in ascending order, at most {@code capacity} of them. */
  long[] sortedKeys() {
    long[] keys = Arrays.copyOf(buffer, size);
    Arrays.sort(keys);
    return keys.length > capacity ? Arrays.copyOf(keys, capacity) : keys;
  }

  private void keepSmallest() {
    select(buffer, 0, size - 1, capacity - 1);
    size = capacity;
    long largest = buffer[0];
    for (int i = 1; i < capacity; i++) {
      largest = Math.max(largest, buffer[i]);
    }
    cut = largest;
  }

  /** Rearranges {@code a[from..to]} so that {@code a[nth]} is the key a sort would put there, smaller ones before it. */
  static void select(long[] a, int from, int to, int nth) {
    while (from < to) {
      int mid = (from + to) >>> 1;
      long pivot = medianOfThree(a[from], a[mid], a[to]);
      int i = from, j = to;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      if (nth <= j) {
        to = j;
      } else if (nth >= i) {
        from = i;
      } else {
        return;
      }
    }
  }

  private static long medianOfThree(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
