package io.venndb.index;

import java.util.Arrays;
import java.util.function.LongPredicate;
import org.roaringbitmap.BitSetUtil;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable run of (key, doc) pairs sorted by key, then doc, in two parallel primitive arrays.
 * Merging a new batch creates a new run, so a reader holding the old one is never disturbed.
 */
final class SortedRun {
  static final SortedRun EMPTY = new SortedRun(new long[0], new int[0]);

  /**
   * A slice at least this large, holding at least one doc per 64 doc ids, is collected through a
   * plain bitset: one store per doc and no sorting, against the radix sort of roaring's unordered
   * build (on 828k rows a 90% range went from 5.3 ms to well under that; see addDocs).
   */
  private static final int DENSE_SLICE = 4_096;

  private final long[] keys;
  private final int[] docs;
  private final int maxDoc;

  private SortedRun(long[] keys, int[] docs) {
    this.keys = keys;
    this.docs = docs;
    int max = -1;
    for (int doc : docs) {
      max = Math.max(max, doc);
    }
    this.maxDoc = max;
  }

  int size() {
    return keys.length;
  }

  /**
   * Up to {@code n} docs of {@code accept} in key order (descending when asked), ties by doc
   * ascending: a descending walk visits groups of equal keys from the top, each group upwards.
   */
  int[] firstInOrder(RoaringBitmap accept, int n, boolean descending) {
    int[] out = new int[n];
    int size = 0;
    if (!descending) {
      for (int i = 0; i < keys.length && size < n; i++) {
        if (accept.contains(docs[i])) {
          out[size++] = docs[i];
        }
      }
      return Arrays.copyOf(out, size);
    }
    int end = keys.length;
    while (end > 0 && size < n) {
      int start = end - 1;
      while (start > 0 && keys[start - 1] == keys[end - 1]) {
        start--;
      }
      for (int i = start; i < end && size < n; i++) {
        if (accept.contains(docs[i])) {
          out[size++] = docs[i];
        }
      }
      end = start;
    }
    return Arrays.copyOf(out, size);
  }

  /** A new run holding this run's pairs and the first {@code n} of the given ones. */
  SortedRun merge(long[] newKeys, int[] newDocs, int n) {
    if (n == 0) {
      return this;
    }
    int[] order = sortedOrder(newKeys, newDocs, n);
    long[] k = new long[keys.length + n];
    int[] d = new int[keys.length + n];
    int i = 0, j = 0, o = 0;
    while (i < keys.length || j < n) {
      if (j == n || (i < keys.length && compare(keys[i], docs[i], newKeys[order[j]], newDocs[order[j]]) <= 0)) {
        k[o] = keys[i];
        d[o++] = docs[i++];
      } else {
        k[o] = newKeys[order[j]];
        d[o++] = newDocs[order[j++]];
      }
    }
    return new SortedRun(k, d);
  }

  private static int compare(long keyA, int docA, long keyB, int docB) {
    int c = Long.compare(keyA, keyB);
    return c != 0 ? c : Integer.compare(docA, docB);
  }

  /** Positions 0..n-1 ordered by (key, doc): a primitive merge sort of indices, no boxing. */
  private static int[] sortedOrder(long[] keys, int[] docs, int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    mergeSort(order, new int[n], 0, n, keys, docs);
    return order;
  }

  private static void mergeSort(int[] order, int[] tmp, int from, int to, long[] keys, int[] docs) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(order, tmp, from, mid, keys, docs);
    mergeSort(order, tmp, mid, to, keys, docs);
    int i = from, j = mid, o = from;
    while (i < mid || j < to) {
      boolean left = j == to || (i < mid && compare(keys[order[i]], docs[order[i]], keys[order[j]], docs[order[j]]) <= 0);
      tmp[o++] = left ? order[i++] : order[j++];
    }
    System.arraycopy(tmp, from, order, from, to - from);
  }

  /** Adds the docs of keys in [from, to] to {@code out}. */
  void addDocs(long from, long to, RoaringBitmap out) {
    int lo = lowerBound(from);
    int hi = upperBound(to);
    if (hi <= lo) {
      return;
    }
    // Docs of a key range are in key order, not doc order. A dense slice sets bits in a bitset
    // and converts it container by container; a sparse one uses roaring's unordered bulk build,
    // which sorts by container (radix) and beats a full sort.
    boolean dense = hi - lo >= DENSE_SLICE && (long) (hi - lo) * 64 >= maxDoc;
    out.or(dense ? bitsetOf(lo, hi) : RoaringBitmap.bitmapOfUnordered(Arrays.copyOfRange(docs, lo, hi)));
  }

  private RoaringBitmap bitsetOf(int lo, int hi) {
    long[] words = new long[(maxDoc >>> 6) + 1];
    for (int i = lo; i < hi; i++) {
      int doc = docs[i];
      words[doc >>> 6] |= 1L << doc;
    }
    return BitSetUtil.bitmapOf(words);
  }

  long count(long from, long to) {
    return Math.max(0, upperBound(to) - lowerBound(from));
  }

  void addMatching(LongPredicate keyTest, RoaringBitmap out) {
    for (int i = 0; i < keys.length; i++) {
      if (keyTest.test(keys[i])) {
        out.add(docs[i]);
      }
    }
  }

  int distinctKeys() {
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      n += i == 0 || keys[i] != keys[i - 1] ? 1 : 0;
    }
    return n;
  }

  /** First index with key ≥ {@code key}. */
  private int lowerBound(long key) {
    int lo = 0, hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keys[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index with key > {@code key}. */
  private int upperBound(long key) {
    int lo = 0, hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keys[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
