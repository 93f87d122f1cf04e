package io.venndb.sets;

import java.util.Arrays;
import java.util.Comparator;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Set algebra on materialised doc-id sets. Every operation returns a new bitmap and leaves its
 * inputs alone; the {@code *Cardinality} forms count without building the result.
 */
public final class Bitmaps {
  private static final Comparator<RoaringBitmap> SMALLEST_FIRST =
      Comparator.comparingLong(RoaringBitmap::getLongCardinality);

  private Bitmaps() {}

  /**
   * Ids in every input, intersected from the smallest input up so the running result is never
   * larger than it and an empty input ends the work at once.
   *
   * @throws IllegalArgumentException when there are no inputs (that AND is the universe)
   */
  public static RoaringBitmap and(RoaringBitmap... bitmaps) {
    RoaringBitmap[] bySize = smallestFirst(bitmaps);
    if (bySize[0].isEmpty()) {
      return new RoaringBitmap();
    }
    return bySize.length == 2
        ? RoaringBitmap.and(bySize[0], bySize[1])
        : FastAggregation.and(bySize);
  }

  /** Ids in any input; no inputs give an empty bitmap. */
  public static RoaringBitmap or(RoaringBitmap... bitmaps) {
    return FastAggregation.or(bitmaps);
  }

  /** Ids of {@code required} that are not in {@code excluded}. */
  public static RoaringBitmap andNot(RoaringBitmap required, RoaringBitmap excluded) {
    return RoaringBitmap.andNot(required, excluded);
  }

  /**
   * NOT as exclusion from the universe, usually the live docs: a bitmap cannot be complemented on
   * its own without claiming every id up to 2^31 exists.
   */
  public static RoaringBitmap complement(RoaringBitmap set, RoaringBitmap universe) {
    return andNot(universe, set);
  }

  /** The size of {@link #and}, without building it. */
  public static long andCardinality(RoaringBitmap... bitmaps) {
    return FastAggregation.andCardinality(smallestFirst(bitmaps));
  }

  /** The size of {@link #or}, without building it. */
  public static long orCardinality(RoaringBitmap... bitmaps) {
    return FastAggregation.orCardinality(bitmaps);
  }

  /** The size of {@link #andNot}, without building it. */
  public static long andNotCardinality(RoaringBitmap required, RoaringBitmap excluded) {
    return RoaringBitmap.andNotCardinality(required, excluded);
  }

  /** The size of {@link #complement}, without building it. */
  public static long complementCardinality(RoaringBitmap set, RoaringBitmap universe) {
    return andNotCardinality(universe, set);
  }

  private static RoaringBitmap[] smallestFirst(RoaringBitmap[] bitmaps) {
    if (bitmaps.length == 0) {
      throw new IllegalArgumentException("AND of no bitmaps: intersect with the universe instead");
    }
    RoaringBitmap[] sorted = bitmaps.clone();
    Arrays.sort(sorted, SMALLEST_FIRST);
    return sorted;
  }
}
