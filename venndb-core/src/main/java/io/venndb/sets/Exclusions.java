package io.venndb.sets;

/**
 * Builds ANDNOT. The excluded side is only ever advanced to docs the required side proposes, so a
 * large exclusion costs no more than the required docs it is asked about.
 */
final class Exclusions {
  private Exclusions() {}

  static DocIdIterator of(DocIdIterator required, DocIdIterator excluded) {
    if (required.cost() == 0 || excluded.cost() == 0) {
      return required; // nothing to return, or nothing to take away
    }
    TwoPhaseIterator requiredCheck = required.twoPhaseView();
    TwoPhaseIterator excludedCheck = excluded.twoPhaseView();
    DocIdIterator requiredDocs = requiredCheck == null ? required : requiredCheck.approximation();
    if (excludedCheck != null) {
      // An excluded approximation proves nothing: its check must confirm before a doc is dropped.
      return new ExclusionTwoPhase(requiredDocs, requiredCheck, excludedCheck).asDocIdIterator();
    }
    // An exact exclusion can narrow the approximation itself, before any costly required check.
    DocIdIterator narrowed = new ExclusionIterator(requiredDocs, excluded);
    return requiredCheck == null
        ? narrowed
        : new NarrowedTwoPhase(narrowed, requiredCheck).asDocIdIterator();
  }

  /** Moves {@code excluded} to {@code doc} if it is behind and tells whether it landed on it. */
  static boolean reaches(DocIdIterator excluded, int doc) {
    int excludedDoc = excluded.docId();
    if (excludedDoc < doc) {
      excludedDoc = excluded.advance(doc);
    }
    return excludedDoc == doc;
  }
}
