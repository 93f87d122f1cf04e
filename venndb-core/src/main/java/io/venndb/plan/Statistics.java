package io.venndb.plan;

import io.venndb.catalog.CollectionSchema;
import io.venndb.index.BitmapIndex;
import io.venndb.index.CollectionIndexes;
import io.venndb.index.RangeIndex;
import io.venndb.index.ScalarIndex;
import io.venndb.query.Predicate;
import io.venndb.store.CollectionStore;
import io.venndb.store.ReadView;
import io.venndb.store.RowCodec;
import io.venndb.store.VectorArena;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the planner knows about one collection: the live row count, exact counts from the scalar
 * indexes (bitmap postings, sorted-index range counts by binary search), and a fixed random sample
 * of live rows on which vector conditions (and conditions on unindexed columns) are evaluated to
 * estimate their selectivity with a confidence interval. Immutable; the sample is rebuilt when the
 * collection has changed by more than {@link #REFRESH_FRACTION} of its rows.
 *
 * <p>Index counts include deleted docs (indexes only grow; deletes live in the live-docs bitmap),
 * so they are scaled by the live fraction of all doc ids ever assigned.
 */
final class Statistics {
  static final int SAMPLE_SIZE = 512;
  static final double REFRESH_FRACTION = 0.1;
  private static final long SAMPLE_SEED = 0x5A3C_1E57_0F5AL;

  private final CollectionSchema schema;
  private final CollectionIndexes indexes;
  private final long liveCount;
  private final int maxDoc;
  private final int[] sample;
  private final RowCodec.Decoded[] sampleRows;

  private Statistics(CollectionSchema schema, CollectionIndexes indexes, long liveCount, int maxDoc, int[] sample,
      RowCodec.Decoded[] sampleRows) {
    this.schema = schema;
    this.indexes = indexes;
    this.liveCount = liveCount;
    this.maxDoc = maxDoc;
    this.sample = sample;
    this.sampleRows = sampleRows;
  }

  /** Draws the sample (reservoir over the live docs, fixed seed) and reads its rows. */
  static Statistics build(CollectionStore store, CollectionIndexes indexes, ReadView view) {
    int[] sample = reservoir(view.liveDocs(), SAMPLE_SIZE, new SplittableRandom(SAMPLE_SEED));
    List<RowCodec.Decoded> rows = store.rows(view, sample, false);
    return new Statistics(store.schema(), indexes, view.liveCount(), view.maxDocExclusive(), sample,
        rows.toArray(RowCodec.Decoded[]::new));
  }

  private static int[] reservoir(RoaringBitmap live, int size, SplittableRandom random) {
    int[] out = new int[(int) Math.min(size, live.getLongCardinality())];
    int seen = 0;
    var it = live.getIntIterator();
    while (it.hasNext()) {
      int doc = it.next();
      if (seen < out.length) {
        out[seen] = doc;
      } else {
        int slot = random.nextInt(seen + 1);
        if (slot < out.length) {
          out[slot] = doc;
        }
      }
      seen++;
    }
    Arrays.sort(out);
    return out;
  }

  /** Whether the collection has drifted far enough from the sample to draw a new one. */
  boolean staleFor(ReadView view) {
    long now = view.liveCount();
    return Math.abs(now - liveCount) > REFRESH_FRACTION * Math.max(liveCount, SAMPLE_SIZE);
  }

  long liveCount() {
    return liveCount;
  }

  int sampleSize() {
    return sample.length;
  }

  /** Live rows where a scalar leaf (or NOT over a leaf) is TRUE. */
  Estimate scalar(Predicate p, long live) {
    Estimate counted = indexCount(p, live);
    return counted != null ? counted : sampledScalar(p, live);
  }

  private Estimate indexCount(Predicate p, long live) {
    boolean negated = p instanceof Predicate.Not;
    Predicate leaf = negated ? ((Predicate.Not) p).child() : p;
    String column = FilterEvaluator.columnOf(leaf);
    if (schema.isPrimaryKey(column)) {
      return primaryKeyCount(leaf, negated, live);
    }
    ScalarIndex index = indexes.at(schema.position(column));
    if (index == null) {
      return null;
    }
    double present = index.presentCount();
    Double hits = indexHits(leaf, index, present);
    if (hits == null) {
      return null;
    }
    double scale = maxDoc == 0 ? 0 : (double) live / maxDoc;
    double trueRows = negated ? (leaf instanceof Predicate.IsNull ? present : present - hits) : hits;
    return Estimate.exact(Math.max(0, Math.min(live, trueRows * scale)), "index count");
  }

  /** Docs (live or not) where {@code leaf} is TRUE by the index's exact counts; null if it cannot count. */
  private Double indexHits(Predicate leaf, ScalarIndex index, double present) {
    return switch (leaf) {
      case Predicate.IsNull n -> (double) maxDoc - present;
      case Predicate.Compare c when c.op() == Predicate.Op.EQ -> (double) index.countEqual(c.value());
      case Predicate.Compare c when c.op() == Predicate.Op.NE -> present - index.countEqual(c.value());
      case Predicate.Compare c when index instanceof RangeIndex r -> (double) rangeCount(r, c);
      case Predicate.Range g when index instanceof RangeIndex r ->
          (double) r.countRange((Comparable<?>) g.low(), g.lowInclusive(), (Comparable<?>) g.high(), g.highInclusive());
      case Predicate.In in -> Math.min(present, in.values().stream().distinct().mapToDouble(index::countEqual).sum());
      case Predicate.Tags t when index instanceof BitmapIndex -> tagCount(t, index, present);
      default -> null;
    };
  }

  private static long rangeCount(RangeIndex index, Predicate.Compare c) {
    Comparable<?> v = (Comparable<?>) c.value();
    return switch (c.op()) {
      case LT -> index.countRange(null, false, v, false);
      case LE -> index.countRange(null, false, v, true);
      case GT -> index.countRange(v, false, null, false);
      case GE -> index.countRange(v, true, null, false);
      case EQ, NE -> throw new IllegalArgumentException(c.toString());
    };
  }

  /** ANY: the sum of postings, capped (an upper bound); ALL: the smallest posting (also an upper bound). */
  private static double tagCount(Predicate.Tags t, ScalarIndex index, double present) {
    double[] counts = t.tags().stream().distinct().mapToDouble(index::countEqual).toArray();
    return t.all() ? Arrays.stream(counts).min().orElse(0) : Math.min(present, Arrays.stream(counts).sum());
  }

  private Estimate primaryKeyCount(Predicate leaf, boolean negated, long live) {
    Double keys = switch (leaf) {
      case Predicate.Compare c when c.op() == Predicate.Op.EQ -> 1.0;
      case Predicate.In in -> (double) in.values().size();
      case Predicate.IsNull n -> 0.0;
      default -> null;
    };
    if (keys == null) {
      return null;
    }
    double rows = Math.min(live, keys);
    return Estimate.exact(negated ? live - rows : rows, "key lookup");
  }

  private Estimate sampledScalar(Predicate p, long live) {
    boolean negated = p instanceof Predicate.Not;
    Predicate leaf = negated ? ((Predicate.Not) p).child() : p;
    String column = FilterEvaluator.columnOf(leaf);
    int position = schema.isPrimaryKey(column) ? -1 : schema.position(column);
    long hits = 0;
    for (RowCodec.Decoded row : sampleRows) {
      Boolean truth = RowTruth.leaf(leaf, position < 0 ? row.primaryKey() : row.values()[position]);
      if (truth != null && truth != negated) {
        hits++;
      }
    }
    return Estimate.sampled(hits, sampleRows.length, live, "row sample");
  }

  /** Live rows where a vector condition is TRUE, from the sample's stored vectors. */
  Estimate vector(VectorCondition condition, VectorArena arena, long live) {
    long hits = 0;
    for (int doc : sample) {
      float d = condition.distance(arena, doc);
      if (!Float.isNaN(d) && condition.holds(d)) {
        hits++;
      }
    }
    return Estimate.sampled(hits, sample.length, live, "vector sample");
  }

  /** Fraction of sampled rows that have a vector in the column (rows without one are unknown to its conditions). */
  double vectorFraction(VectorArena arena) {
    if (sample.length == 0) {
      return 1;
    }
    long present = 0;
    for (int doc : sample) {
      present += arena.has(doc) ? 1 : 0;
    }
    return (double) present / sample.length;
  }

  /** Sampled docs, for calibrating unit costs on the collection's own vectors. */
  int[] sampleDocs() {
    return sample.clone();
  }

  RowCodec.Decoded[] sampleRows() {
    return sampleRows.clone();
  }
}
