package io.venndb.sets;

import java.util.Arrays;

/**
 * Leapfrog intersection. The cheapest iterator leads and proposes docs; the others, in ascending
 * cost, confirm by advancing to the proposal, and the first to overshoot makes the lead jump ahead
 * to where it landed. Work is bounded by the lead's cost, not by the largest member's.
 */
final class ConjunctionIterator extends DocIdIterator {
  private final DocIdIterator lead;
  private final DocIdIterator[] others;

  /** {@code byCost} holds at least two unpositioned iterators, cheapest first. */
  ConjunctionIterator(DocIdIterator[] byCost) {
    assert byCost.length >= 2 : "a conjunction needs two members, got " + byCost.length;
    this.lead = byCost[0];
    this.others = Arrays.copyOfRange(byCost, 1, byCost.length);
  }

  /** The members, so an enclosing conjunction can absorb them instead of nesting. */
  DocIdIterator[] members() {
    DocIdIterator[] members = new DocIdIterator[others.length + 1];
    members[0] = lead;
    System.arraycopy(others, 0, members, 1, others.length);
    return members;
  }

  /**
   * Read from the lead rather than cached: once an enclosing conjunction absorbs the members it
   * drives them directly, and a two-phase check whose approximation is this conjunction must still
   * see the current doc.
   */
  @Override
  public int docId() {
    return lead.docId();
  }

  @Override
  public int nextDoc() {
    return align(lead.nextDoc());
  }

  @Override
  public int advance(int target) {
    return align(lead.advance(target));
  }

  @Override
  public long cost() {
    return lead.cost();
  }

  private int align(int candidate) {
    while (candidate != NO_MORE_DOCS) {
      int next = firstOvershoot(candidate);
      if (next == candidate) {
        return candidate;
      }
      candidate = lead.advance(next);
    }
    return NO_MORE_DOCS;
  }

  /** {@code candidate} if every other member has it, else where the first one to pass it landed. */
  private int firstOvershoot(int candidate) {
    for (DocIdIterator other : others) {
      int doc = other.docId();
      if (doc < candidate) {
        doc = other.advance(candidate);
      }
      if (doc > candidate) {
        return doc;
      }
    }
    return candidate;
  }
}
