package io.venndb.sets;

/**
 * The check of an OR with two-phase members: the doc matches if any member whose approximation is
 * on it matches. Members without a check come first (being on the doc proves the match for free),
 * then checks by ascending cost, stopping at the first match.
 */
final class DisjunctionTwoPhase extends TwoPhaseIterator {
  private final DocIdIterator[] approximations;
  private final TwoPhaseIterator[] checks;
  private final float matchCost;

  /**
   * {@code approximations[i]} belongs to {@code checks[i]} (null for a plain member); both arrays
   * are in the order to try them.
   */
  DisjunctionTwoPhase(
      DocIdIterator union, DocIdIterator[] approximations, TwoPhaseIterator[] checks) {
    super(union);
    this.approximations = approximations;
    this.checks = checks;
    this.matchCost = expectedMatchCost(approximations, checks);
  }

  /** Each candidate usually comes from one member, so weight each check by its member's share. */
  private static float expectedMatchCost(
      DocIdIterator[] approximations, TwoPhaseIterator[] checks) {
    double weighted = 0;
    double total = 0;
    for (int i = 0; i < checks.length; i++) {
      double cost = approximations[i].cost();
      total += cost;
      weighted += checks[i] == null ? 0 : cost * checks[i].matchCost();
    }
    return total == 0 ? 0 : (float) (weighted / total);
  }

  @Override
  public boolean matches() {
    int doc = approximation().docId();
    for (int i = 0; i < checks.length; i++) {
      if (approximations[i].docId() == doc && (checks[i] == null || checks[i].matches())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public float matchCost() {
    return matchCost;
  }
}
