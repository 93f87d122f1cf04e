package io.venndb.sets;

import java.util.Comparator;
import java.util.List;

/** Builds OR: a heap over approximations, plus a check when any member has one. */
final class Disjunctions {
  /** A member split into the iterator the heap drives and its check (null when exact). */
  private record Member(DocIdIterator approximation, TwoPhaseIterator check) {
    float checkCost() {
      return check == null ? -1 : check.matchCost();
    }
  }

  private static final Comparator<Member> CHEAPEST_PROOF_FIRST =
      Comparator.comparingDouble(Member::checkCost);

  private Disjunctions() {}

  static DocIdIterator of(List<DocIdIterator> clauses) {
    // An empty clause adds nothing to a union, and a union of one clause is that clause.
    List<DocIdIterator> nonEmpty = clauses.stream().filter(c -> c.cost() > 0).toList();
    return switch (nonEmpty.size()) {
      case 0 -> DocIdIterator.empty();
      case 1 -> nonEmpty.getFirst();
      default ->
          union(nonEmpty.stream().map(Disjunctions::split).sorted(CHEAPEST_PROOF_FIRST).toList());
    };
  }

  private static Member split(DocIdIterator clause) {
    TwoPhaseIterator check = clause.twoPhaseView();
    return check == null ? new Member(clause, null) : new Member(check.approximation(), check);
  }

  /** {@code members} are in the order the check tries them. */
  private static DocIdIterator union(List<Member> members) {
    DocIdIterator[] approximations =
        members.stream().map(Member::approximation).toArray(DocIdIterator[]::new);
    DocIdIterator heap = new DisjunctionIterator(approximations);
    if (members.stream().allMatch(m -> m.check() == null)) {
      return heap;
    }
    TwoPhaseIterator[] checks =
        members.stream().map(Member::check).toArray(TwoPhaseIterator[]::new);
    return new DisjunctionTwoPhase(heap, approximations, checks).asDocIdIterator();
  }
}
