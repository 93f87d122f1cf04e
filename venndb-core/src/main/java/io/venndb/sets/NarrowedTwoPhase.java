package io.venndb.sets;

/**
 * A check moved onto a narrower approximation that still drives the check's own one, so the check
 * sees the doc it expects. The exclusion uses it to drop excluded docs before a costly check runs.
 */
final class NarrowedTwoPhase extends TwoPhaseIterator {
  private final TwoPhaseIterator check;

  NarrowedTwoPhase(DocIdIterator narrowed, TwoPhaseIterator check) {
    super(narrowed);
    this.check = check;
  }

  @Override
  public boolean matches() {
    return check.matches();
  }

  @Override
  public float matchCost() {
    return check.matchCost();
  }
}
