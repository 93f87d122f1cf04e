package io.venndb.sets;

/**
 * ANDNOT where the excluded side has a check: a required doc is dropped only if the excluded
 * approximation is on it and the excluded check confirms. Of the two checks, the cheaper runs
 * first, since either can settle the answer alone.
 */
final class ExclusionTwoPhase extends TwoPhaseIterator {
  /**
   * A guess at one advance of the excluded approximation, in match-cost units: a few comparisons in
   * a bitmap container. Only needs to be small next to a distance computation.
   */
  private static final float ADVANCE_COST = 8;

  private final TwoPhaseIterator requiredCheck;
  private final DocIdIterator excludedDocs;
  private final TwoPhaseIterator excludedCheck;
  private final boolean requiredFirst;
  private final float matchCost;

  /** {@code requiredCheck} is null when the required docs are exact. */
  ExclusionTwoPhase(
      DocIdIterator requiredDocs, TwoPhaseIterator requiredCheck, TwoPhaseIterator excludedCheck) {
    super(requiredDocs);
    this.requiredCheck = requiredCheck;
    this.excludedDocs = excludedCheck.approximation();
    this.excludedCheck = excludedCheck;
    this.requiredFirst =
        requiredCheck != null && requiredCheck.matchCost() <= excludedCheck.matchCost();
    this.matchCost = expectedMatchCost();
  }

  /**
   * The required check always runs; the excluded check only where the excluded approximation has
   * the doc, which happens at most for the smaller side's share of required docs.
   */
  private float expectedMatchCost() {
    float required = requiredCheck == null ? 0 : requiredCheck.matchCost();
    double share = Math.min(1.0, (double) excludedDocs.cost() / approximation().cost());
    return (float) (required + ADVANCE_COST + share * excludedCheck.matchCost());
  }

  @Override
  public boolean matches() {
    return requiredFirst ? requiredMatches() && !excluded() : !excluded() && requiredMatches();
  }

  private boolean requiredMatches() {
    return requiredCheck == null || requiredCheck.matches();
  }

  private boolean excluded() {
    return Exclusions.reaches(excludedDocs, approximation().docId()) && excludedCheck.matches();
  }

  @Override
  public float matchCost() {
    return matchCost;
  }
}
