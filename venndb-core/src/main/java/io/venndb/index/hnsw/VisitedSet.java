package io.venndb.index.hnsw;

import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * Which docs a query has discovered (distance computed) and expanded (neighbours read), as two
 * bitsets indexed by doc id. Bits, not per-doc stamps: a graph walk tests a random doc for every
 * link it reads, and at a million docs an {@code int} per doc (4 MB) falls out of the L2 cache
 * while a bit per doc (128 KB) stays in it.
 *
 * <p>Starting a query must not cost O(docs), so the words a query set are remembered and only
 * those are cleared; a query that touched more than an eighth of the words clears the whole
 * arrays instead, which is then cheaper. The arrays grow when a doc inserted after they were
 * sized shows up (a writer may insert while a cursor is open). Expanded implies discovered.
 */
final class VisitedSet {
  private long[] discovered;
  private long[] expanded;
  /** Indices of the words of {@link #discovered} this query turned non-zero. */
  private int[] touched = new int[64];
  private int touchedCount;

  VisitedSet(int capacity) {
    int words = wordsFor(Math.max(64, capacity));
    discovered = new long[words];
    expanded = new long[words];
  }

  /** Forgets the previous query. */
  void reset() {
    if (touchedCount > discovered.length >>> 3) {
      Arrays.fill(discovered, 0);
      Arrays.fill(expanded, 0);
    } else {
      for (int i = 0; i < touchedCount; i++) {
        discovered[touched[i]] = 0;
        expanded[touched[i]] = 0;
      }
    }
    touchedCount = 0;
  }

  /** Marks {@code doc} discovered; false when the current query had already discovered it. */
  boolean discover(int doc) {
    int word = doc >>> 6;
    if (word >= discovered.length) {
      grow(word);
    }
    long bits = discovered[word];
    long mask = 1L << doc;
    if ((bits & mask) != 0) {
      return false;
    }
    if (bits == 0) {
      remember(word);
    }
    discovered[word] = bits | mask;
    return true;
  }

  boolean isDiscovered(int doc) {
    int word = doc >>> 6;
    return word < discovered.length && (discovered[word] & (1L << doc)) != 0;
  }

  void markExpanded(int doc) {
    discover(doc);
    expanded[doc >>> 6] |= 1L << doc;
  }

  boolean isExpanded(int doc) {
    int word = doc >>> 6;
    return word < expanded.length && (expanded[word] & (1L << doc)) != 0;
  }

  /** Every doc the current query expanded, as a set: one pass over the words it touched. */
  RoaringBitmap expandedDocs() {
    int[] words = Arrays.copyOf(touched, touchedCount);
    Arrays.sort(words);
    RoaringBitmapWriter<RoaringBitmap> out = RoaringBitmapWriter.writer().get();
    for (int word : words) {
      for (long bits = expanded[word]; bits != 0; bits &= bits - 1) {
        out.add((word << 6) + Long.numberOfTrailingZeros(bits));
      }
    }
    return out.get();
  }

  private void remember(int word) {
    if (touchedCount == touched.length) {
      touched = Arrays.copyOf(touched, touched.length * 2);
    }
    touched[touchedCount++] = word;
  }

  private void grow(int word) {
    int words = Math.max(word + 1, discovered.length + (discovered.length >> 1));
    discovered = Arrays.copyOf(discovered, words);
    expanded = Arrays.copyOf(expanded, words);
  }

  private static int wordsFor(int docs) {
    return (docs + 63) >>> 6;
  }
}
