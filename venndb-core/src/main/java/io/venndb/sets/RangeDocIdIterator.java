package io.venndb.sets;

/** A contiguous run of ids; advance is arithmetic, so a range never slows down a conjunction. */
final class RangeDocIdIterator extends DocIdIterator {
  private final int min;
  private final int maxExclusive;
  private int doc = -1;

  RangeDocIdIterator(int min, int maxExclusive) {
    this.min = min;
    this.maxExclusive = maxExclusive;
  }

  @Override
  public int docId() {
    return doc;
  }

  @Override
  public int nextDoc() {
    return advance(doc + 1);
  }

  @Override
  public int advance(int target) {
    int candidate = Math.max(target, min);
    return doc = candidate < maxExclusive ? candidate : NO_MORE_DOCS;
  }

  @Override
  public long cost() {
    return (long) maxExclusive - min;
  }
}
