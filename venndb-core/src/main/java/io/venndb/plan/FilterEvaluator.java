package io.venndb.plan;

import io.venndb.query.Predicate;
import io.venndb.catalog.CollectionSchema;
import io.venndb.index.BitmapIndex;
import io.venndb.index.CollectionIndexes;
import io.venndb.index.ScalarIndex;
import io.venndb.index.RangeIndex;
import io.venndb.sets.Bitmaps;
import io.venndb.store.CollectionStore;
import io.venndb.store.ReadView;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a bound predicate to doc-id bitmaps over one {@link ReadView}, with SQL's three-valued
 * logic: every node yields the docs where it is TRUE and the docs where it is FALSE; the rest are
 * UNKNOWN. NOT swaps the two, so no complement is ever taken against anything but live docs, and
 * {@code NOT (x = 1)} never returns rows whose x is NULL.
 */
public final class FilterEvaluator {
  private final CollectionStore store;
  private final CollectionIndexes indexes;
  private final ReadView view;
  private final CollectionSchema schema;

  public FilterEvaluator(CollectionStore store, CollectionIndexes indexes, ReadView view) {
    this.store = store;
    this.indexes = indexes;
    this.view = view;
    this.schema = store.schema();
  }

  /** Live docs where the predicate is TRUE. */
  public RoaringBitmap matching(Predicate bound) {
    return evaluate(bound).whenTrue();
  }

  /**
   * The TRUE and FALSE doc sets of a node, both within live docs and disjoint, each computed on
   * first use: a normalised filter has NOT only over leaves, so most FALSE sets are never needed.
   */
  static final class Truth {
    private final Supplier<RoaringBitmap> trueSource;
    private final Supplier<RoaringBitmap> falseSource;
    private RoaringBitmap whenTrue;
    private RoaringBitmap whenFalse;

    Truth(Supplier<RoaringBitmap> trueSource, Supplier<RoaringBitmap> falseSource) {
      this.trueSource = trueSource;
      this.falseSource = falseSource;
    }

    static Truth of(RoaringBitmap whenTrue, RoaringBitmap whenFalse) {
      return new Truth(() -> whenTrue, () -> whenFalse);
    }

    RoaringBitmap whenTrue() {
      if (whenTrue == null) {
        whenTrue = trueSource.get();
      }
      return whenTrue;
    }

    RoaringBitmap whenFalse() {
      if (whenFalse == null) {
        whenFalse = falseSource.get();
      }
      return whenFalse;
    }

    Truth not() {
      return new Truth(this::whenFalse, this::whenTrue);
    }
  }

  Truth evaluate(Predicate p) {
    return switch (p) {
      case Predicate.And a -> and(a.children());
      case Predicate.Or o -> or(o.children());
      case Predicate.Not n -> evaluate(n.child()).not();
      default -> leaf(p);
    };
  }

  /** AND is TRUE where all children are, FALSE where any is; intersections start from the smallest. */
  private Truth and(List<Predicate> children) {
    List<Truth> parts = children.stream().map(this::evaluate).toList();
    return new Truth(() -> Bitmaps.and(trueSets(parts)), () -> Bitmaps.or(falseSets(parts)));
  }

  /** OR is TRUE where any child is, FALSE where all are. */
  private Truth or(List<Predicate> children) {
    List<Truth> parts = children.stream().map(this::evaluate).toList();
    return new Truth(() -> Bitmaps.or(trueSets(parts)), () -> Bitmaps.and(falseSets(parts)));
  }

  private static RoaringBitmap[] trueSets(List<Truth> parts) {
    return parts.stream().map(Truth::whenTrue).toArray(RoaringBitmap[]::new);
  }

  private static RoaringBitmap[] falseSets(List<Truth> parts) {
    return parts.stream().map(Truth::whenFalse).toArray(RoaringBitmap[]::new);
  }

  private Truth leaf(Predicate leaf) {
    String column = columnOf(leaf);
    if (schema.isPrimaryKey(column)) {
      return primaryKeyLeaf(leaf);
    }
    ScalarIndex index = indexes.at(schema.position(column));
    return index == null ? scanLeaf(leaf, schema.position(column)) : indexLeaf(leaf, index);
  }

  /** Index answers hold only docs with a value, so TRUE needs no presence set; FALSE does, when asked. */
  private Truth indexLeaf(Predicate leaf, ScalarIndex index) {
    Supplier<RoaringBitmap> present = () -> RoaringBitmap.and(index.present(), view.liveDocs());
    if (leaf instanceof Predicate.IsNull) {
      return new Truth(() -> Bitmaps.andNot(view.liveDocs(), index.present()), present);
    }
    RoaringBitmap hits = RoaringBitmap.and(indexMatches(leaf, index), view.liveDocs());
    return new Truth(() -> hits, () -> Bitmaps.andNot(present.get(), hits));
  }

  private static RoaringBitmap indexMatches(Predicate leaf, ScalarIndex index) {
    return switch (leaf) {
      case Predicate.Compare c -> compareMatches(c, index);
      case Predicate.In in -> index.anyOf(in.values());
      case Predicate.Range r -> index instanceof RangeIndex sorted
          ? Bounds.of(r).select(sorted)
          : index.matching(key -> RowTruth.inRange(r, key));
      case Predicate.Tags t -> t.all() ? ((BitmapIndex) index).allOf(t.tags()) : index.anyOf(t.tags());
      default -> throw new IllegalArgumentException("not a leaf: " + leaf);
    };
  }

  private static RoaringBitmap compareMatches(Predicate.Compare c, ScalarIndex index) {
    Comparable<?> v = (Comparable<?>) c.value();
    return switch (c.op()) {
      case EQ -> index.equal(v);
      case NE -> Bitmaps.andNot(index.present(), index.equal(v));
      case LT, LE, GT, GE -> index instanceof RangeIndex sorted
          ? Bounds.of(c.op(), v).select(sorted)
          : index.matching(key -> RowTruth.compare(c.op(), key, v));
    };
  }

  /** A range or an ordering comparison as the bounds a {@link RangeIndex} takes; null is open. */
  private record Bounds(Comparable<?> low, boolean lowInclusive, Comparable<?> high, boolean highInclusive) {
    static Bounds of(Predicate.Range r) {
      return new Bounds((Comparable<?>) r.low(), r.lowInclusive(), (Comparable<?>) r.high(), r.highInclusive());
    }

    static Bounds of(Predicate.Op op, Comparable<?> v) {
      return switch (op) {
        case EQ -> new Bounds(v, true, v, true);
        case LT -> new Bounds(null, false, v, false);
        case LE -> new Bounds(null, false, v, true);
        case GT -> new Bounds(v, false, null, false);
        case GE -> new Bounds(v, true, null, false);
        case NE -> throw new IllegalArgumentException("NE is not a range");
      };
    }

    RoaringBitmap select(RangeIndex index) {
      return index.range(low, lowInclusive, high, highInclusive);
    }

    IntPredicate test(RangeIndex index) {
      return index.rangeTest(low, lowInclusive, high, highInclusive);
    }
  }

  /**
   * A per-row test for a leaf whose column's index reads each doc's value (a range or an ordering
   * comparison on a numeric column), or null when the leaf has to be materialised to be tested.
   * TRUE only: a row without a value is never TRUE, as in the materialised sets.
   */
  IntPredicate rowTest(Predicate leaf) {
    RangeIndex index = valueTestingIndex(leaf, schema, indexes);
    if (index == null) {
      return null;
    }
    return switch (leaf) {
      case Predicate.Range r -> Bounds.of(r).test(index);
      case Predicate.Compare c -> Bounds.of(c.op(), (Comparable<?>) c.value()).test(index);
      default -> null;
    };
  }

  /** Whether {@link #rowTest} answers {@code leaf} without materialising anything. */
  static boolean isRowTestable(Predicate leaf, CollectionSchema schema, CollectionIndexes indexes) {
    return valueTestingIndex(leaf, schema, indexes) != null;
  }

  private static RangeIndex valueTestingIndex(Predicate leaf, CollectionSchema schema, CollectionIndexes indexes) {
    boolean shape = leaf instanceof Predicate.Range
        || (leaf instanceof Predicate.Compare c && c.op() != Predicate.Op.NE);
    if (!shape || schema.isPrimaryKey(columnOf(leaf))) {
      return null;
    }
    return indexes.at(schema.position(columnOf(leaf))) instanceof RangeIndex r && r.testsValuesPerDoc() ? r : null;
  }

  /** Whether a leaf on the primary key is answered by key lookups (else the rows are read). */
  static boolean isKeyLookup(Predicate leaf) {
    return leaf instanceof Predicate.IsNull || leaf instanceof Predicate.In
        || (leaf instanceof Predicate.Compare c && c.op() == Predicate.Op.EQ);
  }

  /** Key equality and IN are point lookups ({@link #isKeyLookup}); anything else on the key reads the rows. */
  private Truth primaryKeyLeaf(Predicate leaf) {
    if (!isKeyLookup(leaf)) {
      return scanLeaf(leaf, -1);
    }
    RoaringBitmap hits = new RoaringBitmap();
    switch (leaf) {
      case Predicate.Compare c -> addKey(hits, c.value());
      case Predicate.In in -> in.values().forEach(k -> addKey(hits, k));
      default -> { } // IS NULL: a key is never NULL
    }
    hits.and(view.liveDocs());
    return Truth.of(hits, Bitmaps.andNot(view.liveDocs(), hits));
  }

  private void addKey(RoaringBitmap hits, Object key) {
    int doc = store.docIdOf(view, key);
    if (doc >= 0) {
      hits.add(doc);
    }
  }

  /** Reads every row of the view; {@code position} -1 means the primary key. */
  private Truth scanLeaf(Predicate leaf, int position) {
    RoaringBitmap t = new RoaringBitmap();
    RoaringBitmap f = new RoaringBitmap();
    store.scanRows(view, (doc, row) -> {
      Boolean truth = RowTruth.leaf(leaf, position < 0 ? row.primaryKey() : row.values()[position]);
      if (truth != null) {
        (truth ? t : f).add(doc);
      }
    });
    return Truth.of(t, f);
  }

  static String columnOf(Predicate leaf) {
    return switch (leaf) {
      case Predicate.Compare c -> c.column();
      case Predicate.In in -> in.column();
      case Predicate.Range r -> r.column();
      case Predicate.Tags t -> t.column();
      case Predicate.IsNull n -> n.column();
      default -> throw new IllegalArgumentException("not a leaf: " + leaf);
    };
  }
}
