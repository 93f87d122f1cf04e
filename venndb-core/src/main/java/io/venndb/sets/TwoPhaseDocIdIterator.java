package io.venndb.sets;

/**
 * A two-phase set read as a plain iterator. It keeps its two-phase view, so a combinator that
 * receives it can drive the approximation itself and postpone the check.
 */
final class TwoPhaseDocIdIterator extends DocIdIterator {
  private final TwoPhaseIterator twoPhase;
  private final DocIdIterator approximation;

  TwoPhaseDocIdIterator(TwoPhaseIterator twoPhase) {
    this.twoPhase = twoPhase;
    this.approximation = twoPhase.approximation();
  }

  @Override
  public int docId() {
    return approximation.docId();
  }

  @Override
  public int nextDoc() {
    return firstMatchFrom(approximation.nextDoc());
  }

  @Override
  public int advance(int target) {
    return firstMatchFrom(approximation.advance(target));
  }

  private int firstMatchFrom(int doc) {
    while (doc != NO_MORE_DOCS && !twoPhase.matches()) {
      doc = approximation.nextDoc();
    }
    return doc;
  }

  @Override
  public long cost() {
    return approximation.cost();
  }

  @Override
  TwoPhaseIterator twoPhaseView() {
    return twoPhase;
  }
}
