package io.venndb.sets;

/** Counts moves, so tests can tell a lazy combinator from one that reads everything. */
final class CountingDocIdIterator extends DocIdIterator {
  private final DocIdIterator in;
  private int moves;

  CountingDocIdIterator(DocIdIterator in) {
    this.in = in;
  }

  int moves() {
    return moves;
  }

  @Override
  public int docId() {
    return in.docId();
  }

  @Override
  public int nextDoc() {
    moves++;
    return in.nextDoc();
  }

  @Override
  public int advance(int target) {
    moves++;
    return in.advance(target);
  }

  @Override
  public long cost() {
    return in.cost();
  }
}
