package io.venndb.sets;

/**
 * The checks of a conjunction's two-phase members, run on docs all approximations agree on. They
 * run cheapest first, so a costly distance is computed only where every cheap check passed.
 */
final class ConjunctionTwoPhase extends TwoPhaseIterator {
  private final TwoPhaseIterator[] checks;
  private final float matchCost;

  /** {@code checks} is sorted by ascending match cost. */
  ConjunctionTwoPhase(DocIdIterator approximation, TwoPhaseIterator[] checks) {
    super(approximation);
    this.checks = checks;
    this.matchCost = totalMatchCost(checks);
  }

  /** A match pays for every check; a miss stops early, so the sum is an upper bound. */
  private static float totalMatchCost(TwoPhaseIterator[] checks) {
    float sum = 0;
    for (TwoPhaseIterator check : checks) {
      sum += check.matchCost();
    }
    return sum;
  }

  /** The checks, so an enclosing conjunction can merge them into its own cost order. */
  TwoPhaseIterator[] checks() {
    return checks.clone();
  }

  @Override
  public boolean matches() {
    for (TwoPhaseIterator check : checks) {
      if (!check.matches()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public float matchCost() {
    return matchCost;
  }
}
