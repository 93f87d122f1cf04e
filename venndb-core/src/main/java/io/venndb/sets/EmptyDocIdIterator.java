package io.venndb.sets;

/** No docs; still keeps the -1 / NO_MORE_DOCS states apart so callers see a normal lifecycle. */
final class EmptyDocIdIterator extends DocIdIterator {
  private int doc = -1;

  @Override
  public int docId() {
    return doc;
  }

  @Override
  public int nextDoc() {
    return doc = NO_MORE_DOCS;
  }

  @Override
  public int advance(int target) {
    return doc = NO_MORE_DOCS;
  }

  @Override
  public long cost() {
    return 0;
  }
}
