package io.venndb.sets;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * AND, OR and ANDNOT over iterators, composing to any depth. Results are lazy: no doc is read until
 * the caller moves the returned iterator. Clauses must be unpositioned and belong to the result
 * afterwards; the caller moves only the result.
 */
public final class DocIdIterators {
  private DocIdIterators() {}

  /**
   * Docs in every clause. The cheapest clause leads; two-phase checks run last, cheapest first.
   *
   * @throws IllegalArgumentException when there are no clauses: an empty AND means every live doc,
   *     which only the caller's universe can say
   */
  public static DocIdIterator and(DocIdIterator... clauses) {
    return and(List.of(clauses));
  }

  /** As {@link #and(DocIdIterator...)}. */
  public static DocIdIterator and(List<? extends DocIdIterator> clauses) {
    if (clauses.isEmpty()) {
      throw new IllegalArgumentException("AND of no clauses: intersect with the universe instead");
    }
    List<DocIdIterator> checked = checkClauses(clauses);
    return checked.size() == 1 ? checked.getFirst() : Conjunctions.of(checked);
  }

  /** Docs in any clause; no clauses give the empty set. Cost is the sum of the clauses' costs. */
  public static DocIdIterator or(DocIdIterator... clauses) {
    return or(List.of(clauses));
  }

  /** As {@link #or(DocIdIterator...)}. */
  public static DocIdIterator or(List<? extends DocIdIterator> clauses) {
    return Disjunctions.of(checkClauses(clauses));
  }

  /** Docs of {@code required} that are not in {@code excluded}. Cost is the required cost. */
  public static DocIdIterator andNot(DocIdIterator required, DocIdIterator excluded) {
    List<DocIdIterator> checked = checkClauses(List.of(required, excluded));
    return Exclusions.of(checked.get(0), checked.get(1));
  }

  /**
   * A clause already moved would make the combinator skip or repeat docs, and one iterator passed
   * twice would be moved by two owners; both are caller mistakes worth failing loudly on.
   */
  private static List<DocIdIterator> checkClauses(List<? extends DocIdIterator> clauses) {
    Set<DocIdIterator> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (DocIdIterator clause : clauses) {
      Objects.requireNonNull(clause, "clause");
      if (clause.docId() != -1) {
        throw new IllegalArgumentException("clause already positioned at doc " + clause.docId());
      }
      if (!seen.add(clause)) {
        throw new IllegalArgumentException("the same iterator is passed twice: " + clause);
      }
    }
    return List.copyOf(clauses);
  }
}
