package io.venndb.sets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.roaringbitmap.RoaringBitmap;

/**
 * Moves between streams and bitmaps, and combines {@link DocIdSet}s: inputs that are bitmaps are
 * combined with roaring operations right away, the rest stay lazy and join through iterators.
 */
public final class DocIdSets {
  /** Ids handed to roaring per call: enough to amortise the call, small enough to stay in cache. */
  private static final int BATCH = 1024;

  private DocIdSets() {}

  /**
   * A materialised set over {@code bitmap}, which must not change afterwards.
   *
   * @throws IllegalArgumentException if the bitmap holds an id outside {@code [0, MAX_DOC_ID]}
   */
  public static DocIdSet of(RoaringBitmap bitmap) {
    return new BitmapDocIdSet(bitmap);
  }

  /**
   * A streaming set: {@code iterators} must return a fresh iterator on every call, each returning
   * at most {@code cost} docs.
   */
  public static DocIdSet streaming(long cost, Supplier<DocIdIterator> iterators) {
    if (cost < 0) {
      throw new IllegalArgumentException("cost must be >= 0, got " + cost);
    }
    return new StreamingDocIdSet(cost, iterators);
  }

  /** Every doc in {@code [min, maxExclusive)}, streamed without building a bitmap. */
  public static DocIdSet range(int min, int maxExclusive) {
    long cost = DocIdIterator.range(min, maxExclusive).cost(); // validates the bounds now
    return new StreamingDocIdSet(cost, () -> DocIdIterator.range(min, maxExclusive));
  }

  /** Reads the iterator to its end into a new bitmap, handing ids to roaring in batches. */
  public static RoaringBitmap toBitmap(DocIdIterator iterator) {
    RoaringBitmap bitmap = new RoaringBitmap();
    int[] batch = new int[BATCH];
    int size = 0;
    for (int doc = iterator.nextDoc();
        doc != DocIdIterator.NO_MORE_DOCS;
        doc = iterator.nextDoc()) {
      batch[size++] = doc;
      if (size == BATCH) {
        bitmap.addN(batch, 0, size);
        size = 0;
      }
    }
    bitmap.addN(batch, 0, size);
    bitmap.runOptimize(); // ranges and dense results shrink to runs
    return bitmap;
  }

  /** The set as a new bitmap the caller owns: a copy of its bitmap, or its stream read out. */
  public static RoaringBitmap toBitmap(DocIdSet set) {
    return set.asBitmap().map(RoaringBitmap::clone).orElseGet(() -> toBitmap(set.iterator()));
  }

  /** The set as a bitmap-backed set, built once so later combinations use roaring operations. */
  public static DocIdSet materialize(DocIdSet set) {
    return set.asBitmap().isPresent() ? set : of(toBitmap(set.iterator()));
  }

  /** Reads the iterator to its end and returns how many docs it had. */
  public static long count(DocIdIterator iterator) {
    long count = 0;
    while (iterator.nextDoc() != DocIdIterator.NO_MORE_DOCS) {
      count++;
    }
    return count;
  }

  /**
   * Docs in every set: the bitmap inputs are intersected with roaring operations now, and the
   * result leads the streaming ones when there are any.
   *
   * @throws IllegalArgumentException when there are no sets
   */
  public static DocIdSet and(DocIdSet... sets) {
    if (sets.length == 0) {
      throw new IllegalArgumentException("AND of no sets: intersect with the universe instead");
    }
    Split split = Split.of(sets);
    if (split.bitmaps.size() > 1) {
      split.streams.add(of(Bitmaps.and(split.bitmaps.toArray(RoaringBitmap[]::new))));
    } else if (split.bitmaps.size() == 1) {
      split.streams.add(of(split.bitmaps.getFirst()));
    }
    return split.streams.size() == 1 ? split.streams.getFirst() : streamingAnd(split.streams);
  }

  /**
   * Docs in any set: bitmap inputs are united with roaring operations now, streams lazily. No sets
   * give the empty set.
   */
  public static DocIdSet or(DocIdSet... sets) {
    Split split = Split.of(sets);
    if (!split.bitmaps.isEmpty() || split.streams.isEmpty()) {
      split.streams.add(of(Bitmaps.or(split.bitmaps.toArray(RoaringBitmap[]::new))));
    }
    return split.streams.size() == 1 ? split.streams.getFirst() : streamingOr(split.streams);
  }

  /** Docs of {@code required} not in {@code excluded}; a bitmap when both are bitmaps. */
  public static DocIdSet andNot(DocIdSet required, DocIdSet excluded) {
    if (required.asBitmap().isPresent() && excluded.asBitmap().isPresent()) {
      return of(Bitmaps.andNot(required.asBitmap().get(), excluded.asBitmap().get()));
    }
    return new StreamingDocIdSet(
        required.cost(), () -> DocIdIterators.andNot(required.iterator(), excluded.iterator()));
  }

  /** NOT as exclusion from the universe, usually the live docs. */
  public static DocIdSet complement(DocIdSet set, DocIdSet universe) {
    return andNot(universe, set);
  }

  private static DocIdSet streamingAnd(List<DocIdSet> sets) {
    long cost = sets.stream().mapToLong(DocIdSet::cost).min().orElseThrow();
    return new StreamingDocIdSet(cost, () -> DocIdIterators.and(iterators(sets)));
  }

  private static DocIdSet streamingOr(List<DocIdSet> sets) {
    long cost = sets.stream().mapToLong(DocIdSet::cost).reduce(0, DocIdSets::saturatedAdd);
    return new StreamingDocIdSet(cost, () -> DocIdIterators.or(iterators(sets)));
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static List<DocIdIterator> iterators(List<DocIdSet> sets) {
    return sets.stream().map(DocIdSet::iterator).toList();
  }

  /** The inputs sorted into those with a bitmap and those without. */
  private record Split(List<RoaringBitmap> bitmaps, List<DocIdSet> streams) {
    static Split of(DocIdSet[] sets) {
      Split split = new Split(new ArrayList<>(), new ArrayList<>());
      for (DocIdSet set : sets) {
        set.asBitmap().ifPresentOrElse(split.bitmaps::add, () -> split.streams.add(set));
      }
      return split;
    }
  }
}
