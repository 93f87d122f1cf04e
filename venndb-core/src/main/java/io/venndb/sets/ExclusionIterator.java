package io.venndb.sets;

/** Required docs minus an exact excluded set, skipping each required doc the excluded set has. */
final class ExclusionIterator extends DocIdIterator {
  private final DocIdIterator required;
  private final DocIdIterator excluded;

  ExclusionIterator(DocIdIterator required, DocIdIterator excluded) {
    this.required = required;
    this.excluded = excluded;
  }

  /** Read from the required side, which is always on the doc this iterator returned. */
  @Override
  public int docId() {
    return required.docId();
  }

  @Override
  public int nextDoc() {
    return skipExcluded(required.nextDoc());
  }

  @Override
  public int advance(int target) {
    return skipExcluded(required.advance(target));
  }

  private int skipExcluded(int doc) {
    while (doc != NO_MORE_DOCS && Exclusions.reaches(excluded, doc)) {
      doc = required.nextDoc();
    }
    return doc;
  }

  @Override
  public long cost() {
    return required.cost();
  }
}
