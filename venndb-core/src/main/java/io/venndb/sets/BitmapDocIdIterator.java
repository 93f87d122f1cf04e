package io.venndb.sets;

import org.roaringbitmap.ImmutableBitmapDataProvider;
import org.roaringbitmap.PeekableIntIterator;

/** Ids of a roaring bitmap; advance skips whole containers through the peekable iterator. */
final class BitmapDocIdIterator extends DocIdIterator {
  private final PeekableIntIterator ids;
  private final long cost;
  private int doc = -1;

  BitmapDocIdIterator(PeekableIntIterator ids, long cost) {
    this.ids = ids;
    this.cost = cost;
  }

  /**
   * Roaring stores unsigned ints: an id of 2^31 or more would read back as a negative int after
   * larger positive ones, and Integer.MAX_VALUE would pass for the sentinel. Rejecting both keeps
   * every iterator sorted and every exhaustion real.
   */
  static void checkIds(ImmutableBitmapDataProvider bitmap) {
    if (bitmap.isEmpty()) {
      return;
    }
    int last = bitmap.last();
    if (last < 0 || last > MAX_DOC_ID) {
      throw new IllegalArgumentException(
          "bitmap holds id "
              + Integer.toUnsignedString(last)
              + ", outside [0, "
              + MAX_DOC_ID
              + "]");
    }
  }

  @Override
  public int docId() {
    return doc;
  }

  @Override
  public int nextDoc() {
    return doc = ids.hasNext() ? ids.next() : NO_MORE_DOCS;
  }

  @Override
  public int advance(int target) {
    ids.advanceIfNeeded(target);
    return nextDoc();
  }

  @Override
  public long cost() {
    return cost;
  }
}
