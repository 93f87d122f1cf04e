package io.venndb.sets;

import java.util.function.Supplier;

/** A set known only by how to iterate it: each call builds a fresh iterator tree. */
record StreamingDocIdSet(long cost, Supplier<DocIdIterator> iterators) implements DocIdSet {
  @Override
  public DocIdIterator iterator() {
    return iterators.get();
  }
}
