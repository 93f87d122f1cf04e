package io.venndb.sets;

import org.roaringbitmap.ImmutableBitmapDataProvider;

/**
 * A forward-only cursor over doc ids in increasing order: the one contract that bitmap postings,
 * ranges, vector range scans and the AND / OR / ANDNOT built on them all speak.
 *
 * <ul>
 *   <li>{@link #docId()} is -1 before the first move and {@link #NO_MORE_DOCS} once exhausted.
 *   <li>{@link #nextDoc()} and {@link #advance(int)} move strictly forward; neither is called again
 *       after returning {@code NO_MORE_DOCS}.
 *   <li>{@link #cost()} bounds the number of docs the iterator returns from above and is known
 *       before the first move, so a planner can order clauses without reading any of them.
 * </ul>
 */
public abstract class DocIdIterator {
  /** The sentinel returned once an iterator is exhausted; never a doc id. */
  public static final int NO_MORE_DOCS = Integer.MAX_VALUE;

  /** The largest valid doc id. */
  public static final int MAX_DOC_ID = NO_MORE_DOCS - 1;

  protected DocIdIterator() {}

  /** The current doc: -1 before the first move, {@link #NO_MORE_DOCS} when exhausted. */
  public abstract int docId();

  /** Moves to the next doc and returns it, or {@link #NO_MORE_DOCS}. */
  public abstract int nextDoc();

  /**
   * Moves to the first doc at or after {@code target} and returns it, or {@link #NO_MORE_DOCS}.
   * {@code target} must be greater than {@link #docId()} and at most {@code NO_MORE_DOCS}.
   */
  public abstract int advance(int target);

  /** An upper bound on the number of docs this iterator returns; exact for bitmaps and ranges. */
  public abstract long cost();

  /**
   * The two-phase view combinators verify lazily, or null when every doc this iterator returns is a
   * match. Only {@link TwoPhaseIterator#asDocIdIterator()} has one.
   */
  TwoPhaseIterator twoPhaseView() {
    return null;
  }

  /** An iterator over no docs. */
  public static DocIdIterator empty() {
    return new EmptyDocIdIterator();
  }

  /**
   * An iterator over a bitmap's ids, with an exact cost. The bitmap must not change while the
   * iterator is in use.
   *
   * @throws IllegalArgumentException if the bitmap holds an id outside {@code [0, MAX_DOC_ID]}
   */
  public static DocIdIterator fromBitmap(ImmutableBitmapDataProvider bitmap) {
    BitmapDocIdIterator.checkIds(bitmap);
    return new BitmapDocIdIterator(bitmap.getIntIterator(), bitmap.getLongCardinality());
  }

  /**
   * Every doc in {@code [min, maxExclusive)}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= min <= maxExclusive <= NO_MORE_DOCS}
   */
  public static DocIdIterator range(int min, int maxExclusive) {
    if (min < 0 || min > maxExclusive) {
      throw new IllegalArgumentException(
          "range [" + min + ", " + maxExclusive + ") is not within [0, " + NO_MORE_DOCS + ")");
    }
    return new RangeDocIdIterator(min, maxExclusive);
  }

  /** Every doc in {@code [0, maxDocExclusive)}: the universe when no live-docs bitmap is kept. */
  public static DocIdIterator all(int maxDocExclusive) {
    return range(0, maxDocExclusive);
  }
}
