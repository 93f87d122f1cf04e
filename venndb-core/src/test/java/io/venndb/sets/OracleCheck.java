package io.venndb.sets;

import java.util.BitSet;

/**
 * A two-phase set whose check reads the oracle, standing in for a vector condition: the
 * approximation is a superset, the check decides, and it counts how often it was asked.
 */
final class OracleCheck extends TwoPhaseIterator {
  private final BitSet matches;
  private final Window window;
  private final float matchCost;
  private int calls;

  OracleCheck(DocIdIterator approximation, BitSet matches, Window window, float matchCost) {
    super(approximation);
    this.matches = matches;
    this.window = window;
    this.matchCost = matchCost;
  }

  /** A check over every doc of the window, as a brute-force distance scan is. */
  static OracleCheck scan(BitSet matches, Window window, float matchCost) {
    return new OracleCheck(
        DocIdIterator.range(window.base(), window.end()), matches, window, matchCost);
  }

  int calls() {
    return calls;
  }

  @Override
  public boolean matches() {
    calls++;
    return matches.get(approximation().docId() - window.base());
  }

  @Override
  public float matchCost() {
    return matchCost;
  }
}
