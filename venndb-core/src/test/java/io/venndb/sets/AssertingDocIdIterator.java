package io.venndb.sets;

/**
 * Wraps any iterator and fails on the first breach of the {@link DocIdIterator} contract, by the
 * iterator or by its caller: ids strictly increasing and in range, {@code advance} moving forward
 * and landing at or after its target, {@code docId()} agreeing with the last move, no more docs
 * than {@code cost()} promised, a stable cost, and no move after exhaustion. {@code cost()} stays
 * answerable after exhaustion: it describes the set, not the cursor.
 *
 * <p>A two-phase view is handed out wrapped too, so checks inside combinators are watched as well.
 */
final class AssertingDocIdIterator extends DocIdIterator {
  private final DocIdIterator in;
  private final long cost;
  private int doc = -1;
  private long returned;
  private AssertingTwoPhaseIterator twoPhase;

  AssertingDocIdIterator(DocIdIterator in) {
    this.in = in;
    this.cost = in.cost();
    if (cost < 0) {
      fail("negative cost " + cost);
    }
    if (in.docId() != -1) {
      fail("starts at doc " + in.docId() + " instead of -1");
    }
  }

  @Override
  public int docId() {
    if (in.docId() != doc) {
      fail("docId() says " + in.docId() + " but the last move returned " + doc);
    }
    return doc;
  }

  @Override
  public int nextDoc() {
    requireMovable("nextDoc()");
    return moved(in.nextDoc(), doc + 1, "nextDoc()");
  }

  @Override
  public int advance(int target) {
    requireMovable("advance(" + target + ")");
    if (target <= doc) {
      fail("advance(" + target + ") does not move past the current doc " + doc);
    }
    return moved(in.advance(target), target, "advance(" + target + ")");
  }

  @Override
  public long cost() {
    if (in.cost() != cost) {
      fail("cost changed from " + cost + " to " + in.cost());
    }
    return cost;
  }

  /** Cached so every caller of the view watches one and the same cursor. */
  @Override
  TwoPhaseIterator twoPhaseView() {
    if (twoPhase == null && in.twoPhaseView() != null) {
      requireUnmoved();
      twoPhase = new AssertingTwoPhaseIterator(in.twoPhaseView());
    }
    return twoPhase;
  }

  private int moved(int next, int atLeast, String call) {
    if (next < atLeast || next < 0) {
      fail(call + " returned " + next + ", before " + atLeast);
    }
    if (in.docId() != next) {
      fail(call + " returned " + next + " but docId() then says " + in.docId());
    }
    if (next != NO_MORE_DOCS && ++returned > cost) {
      fail("returned " + returned + " docs, more than its cost " + cost);
    }
    return doc = next;
  }

  private void requireMovable(String call) {
    if (doc == NO_MORE_DOCS) {
      fail(call + " called after exhaustion");
    }
  }

  /** A caller that took the two-phase view drives its approximation, never this cursor too. */
  private void requireUnmoved() {
    if (doc != -1) {
      fail("two-phase view taken after the iterator moved to " + doc);
    }
  }

  static void fail(String message) {
    throw new AssertionError("DocIdIterator contract: " + message);
  }

  @Override
  public String toString() {
    return "Asserting(" + in + ")";
  }
}
