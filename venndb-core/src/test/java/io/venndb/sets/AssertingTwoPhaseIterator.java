package io.venndb.sets;

/**
 * Watches a two-phase iterator: its approximation through {@link AssertingDocIdIterator}, its check
 * called only on a positioned approximation and never twice on one doc (a second call would be a
 * wasted distance computation), and a match cost that is a finite, non-negative number.
 */
final class AssertingTwoPhaseIterator extends TwoPhaseIterator {
  private final TwoPhaseIterator in;
  private int lastChecked = -1;

  AssertingTwoPhaseIterator(TwoPhaseIterator in) {
    super(new AssertingDocIdIterator(in.approximation()));
    this.in = in;
  }

  @Override
  public boolean matches() {
    int doc = approximation().docId();
    if (doc < 0 || doc == DocIdIterator.NO_MORE_DOCS) {
      AssertingDocIdIterator.fail("matches() called while the approximation is on " + doc);
    }
    if (doc == lastChecked) {
      AssertingDocIdIterator.fail("matches() called twice on doc " + doc);
    }
    lastChecked = doc;
    return in.matches();
  }

  @Override
  public float matchCost() {
    float cost = in.matchCost();
    if (!(cost >= 0) || Float.isInfinite(cost)) {
      AssertingDocIdIterator.fail("match cost " + cost);
    }
    return cost;
  }
}
