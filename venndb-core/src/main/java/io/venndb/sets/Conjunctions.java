package io.venndb.sets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds AND: one flat leapfrog over all approximations, then all checks by ascending cost. */
final class Conjunctions {
  private static final Comparator<DocIdIterator> BY_COST =
      Comparator.comparingLong(DocIdIterator::cost);
  private static final Comparator<TwoPhaseIterator> BY_MATCH_COST =
      Comparator.comparingDouble(TwoPhaseIterator::matchCost);

  private Conjunctions() {}

  static DocIdIterator of(List<DocIdIterator> clauses) {
    List<DocIdIterator> approximations = new ArrayList<>();
    List<TwoPhaseIterator> checks = new ArrayList<>();
    for (DocIdIterator clause : clauses) {
      addClause(clause, approximations, checks);
    }
    approximations.sort(BY_COST);
    checks.sort(BY_MATCH_COST);
    if (approximations.getFirst().cost() == 0) {
      return DocIdIterator.empty(); // one empty clause empties the AND; skip building the rest
    }
    DocIdIterator approximation = leapfrog(approximations);
    return checks.isEmpty()
        ? approximation
        : new ConjunctionTwoPhase(approximation, checks.toArray(TwoPhaseIterator[]::new))
            .asDocIdIterator();
  }

  private static DocIdIterator leapfrog(List<DocIdIterator> byCost) {
    return byCost.size() == 1
        ? byCost.getFirst()
        : new ConjunctionIterator(byCost.toArray(DocIdIterator[]::new));
  }

  /**
   * Nested ANDs are flattened so that the cheapest iterator of the whole tree leads and every check
   * of the tree joins one cost order, instead of each level deciding on its own.
   */
  private static void addClause(
      DocIdIterator clause, List<DocIdIterator> approximations, List<TwoPhaseIterator> checks) {
    TwoPhaseIterator twoPhase = clause.twoPhaseView();
    if (twoPhase == null) {
      addApproximation(clause, approximations);
      return;
    }
    addApproximation(twoPhase.approximation(), approximations);
    if (twoPhase instanceof ConjunctionTwoPhase nested) {
      checks.addAll(List.of(nested.checks()));
    } else {
      checks.add(twoPhase);
    }
  }

  private static void addApproximation(DocIdIterator it, List<DocIdIterator> approximations) {
    if (it instanceof ConjunctionIterator nested) {
      approximations.addAll(List.of(nested.members()));
    } else {
      approximations.add(it);
    }
  }
}
