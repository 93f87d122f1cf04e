package io.venndb.sets;

import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;

/**
 * A set of doc ids that can be read any number of times, as a stream or, when it is already
 * materialised, as a bitmap. Combining sets through {@link DocIdSets} uses bitmap operations where
 * every input has a bitmap and lazy iterators otherwise, so the caller decides what to build.
 */
public interface DocIdSet {
  /** A fresh, unpositioned iterator over the set. */
  DocIdIterator iterator();

  /** An upper bound on the set's size, known without reading it; exact for bitmaps. */
  long cost();

  /**
   * The set's bitmap when it is materialised, for roaring operations; callers must not modify it.
   * Empty when the set is only a stream.
   */
  default Optional<RoaringBitmap> asBitmap() {
    return Optional.empty();
  }
}
