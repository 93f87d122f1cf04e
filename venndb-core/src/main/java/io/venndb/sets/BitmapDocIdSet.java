package io.venndb.sets;

import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;

/** A materialised set: exact cost, and a bitmap view so combinators can use roaring operations. */
record BitmapDocIdSet(RoaringBitmap ids) implements DocIdSet {
  BitmapDocIdSet {
    BitmapDocIdIterator.checkIds(ids);
  }

  @Override
  public DocIdIterator iterator() {
    return new BitmapDocIdIterator(ids.getIntIterator(), ids.getLongCardinality());
  }

  @Override
  public long cost() {
    return ids.getLongCardinality();
  }

  @Override
  public Optional<RoaringBitmap> asBitmap() {
    return Optional.of(ids);
  }
}
