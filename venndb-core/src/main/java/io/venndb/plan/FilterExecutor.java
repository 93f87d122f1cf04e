package io.venndb.plan;

import io.venndb.index.FlatVectorSearch;
import io.venndb.index.hnsw.HnswResult;
import io.venndb.plan.FilterNode.AndNode;
import io.venndb.plan.FilterNode.ConstantNode;
import io.venndb.plan.FilterNode.Mode;
import io.venndb.plan.FilterNode.OrNode;
import io.venndb.plan.FilterNode.ScalarLeaf;
import io.venndb.plan.FilterNode.VectorLeaf;
import io.venndb.sets.Bitmaps;
import io.venndb.store.VectorArena;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs a {@link FilterNode} plan for one query on one view: materialises nodes into bitmaps (each
 * at most once) and builds per-row testers. This is where per-query state lives: the memo of
 * materialised sets and, under {@code EXPLAIN ANALYZE}, each node's {@link OperatorStats}.
 */
final class FilterExecutor {
  private final ExecutionContext context;
  private final Map<FilterNode, RoaringBitmap> materialised = new IdentityHashMap<>();

  FilterExecutor(ExecutionContext context) {
    this.context = context;
  }

  /** The live docs where the node is TRUE (for an over-including node: a superset). */
  RoaringBitmap materialise(FilterNode node) {
    RoaringBitmap known = materialised.get(node);
    if (known != null) {
      return known;
    }
    long start = System.nanoTime();
    RoaringBitmap set = switch (node) {
      case ConstantNode c -> c.value() ? context.live().clone() : new RoaringBitmap();
      case ScalarLeaf s -> context.evaluator().evaluate(s.predicate()).whenTrue();
      case VectorLeaf v -> vectorSet(v);
      case AndNode a -> and(a);
      case OrNode o -> Bitmaps.or(o.children().stream().map(this::materialise).toArray(RoaringBitmap[]::new));
    };
    materialised.put(node, set);
    OperatorStats stats = context.stats(node);
    if (stats != null) {
      stats.rows = set.getLongCardinality();
      stats.addTime(start);
    }
    return set;
  }

  /**
   * A per-row test for the node. Materialised parts are built now, before the caller starts
   * streaming, because a graph range scan would otherwise take over the searcher a cursor uses.
   */
  IntPredicate tester(FilterNode node) {
    IntPredicate test = switch (node) {
      case VectorLeaf v when v.mode() == Mode.TESTED -> vectorTest(v);
      case ScalarLeaf s when s.mode() == Mode.TESTED && s.indexed()
          && context.evaluator().rowTest(s.predicate()) instanceof IntPredicate byValue -> byValue;
      case AndNode a when a.mode() == Mode.TESTED -> all(a.children().stream().map(this::tester).toList());
      case OrNode o when o.mode() == Mode.TESTED -> any(o.children().stream().map(this::tester).toList());
      default -> {
        RoaringBitmap set = materialise(node);
        yield set::contains;
      }
    };
    return counted(node, test);
  }

  private RoaringBitmap and(AndNode a) {
    List<RoaringBitmap> sets = new ArrayList<>();
    List<IntPredicate> tests = new ArrayList<>();
    for (FilterNode child : a.children()) {
      if (child.mode() == Mode.MATERIALISED) {
        sets.add(materialise(child));
      } else {
        tests.add(tester(child));
      }
    }
    RoaringBitmap base = sets.isEmpty() ? context.live() : Bitmaps.and(sets.toArray(RoaringBitmap[]::new));
    return tests.isEmpty() ? base : filter(base, all(tests));
  }

  private static RoaringBitmap filter(RoaringBitmap base, IntPredicate test) {
    RoaringBitmap out = new RoaringBitmap();
    base.forEach((int doc) -> {
      if (test.test(doc)) {
        out.add(doc);
      }
    });
    return out;
  }

  private RoaringBitmap vectorSet(VectorLeaf v) {
    return switch (v.access()) {
      case FLAT_SCAN, PER_ROW -> flatScan(v.condition(), context.live(), v);
      case GRAPH_RANGE -> graphRange(v.condition(), v);
      case GRAPH_RANGE_COMPLEMENT -> Bitmaps.andNot(context.withVector(v.condition().position()),
          graphRange(v.condition().negate(), v));
    };
  }

  /**
   * Every candidate whose vector satisfies the condition: one sketch bound each, and an exact
   * distance where the bound cannot decide ({@link FlatVectorSearch#select}; the threshold test
   * is monotone in the distance).
   */
  private RoaringBitmap flatScan(VectorCondition c, RoaringBitmap candidates, FilterNode node) {
    RoaringBitmap out = FlatVectorSearch.select(context.arena(c.position()), c.metric(), c.prepared(), candidates,
        c::holds);
    OperatorStats stats = context.stats(node);
    if (stats != null) {
      stats.distanceComputations += candidates.getLongCardinality();
    }
    return out;
  }

  /** The rows a near-keeping condition keeps, found by the graph cursor's range scan. */
  private RoaringBitmap graphRange(VectorCondition c, FilterNode node) {
    HnswResult found = context.searcher(c.position())
        .range(c.leaf().vector(), c.radius(), context.live(), CursorSettings.forRange(c.metric()));
    RoaringBitmap out = new RoaringBitmap();
    for (int i = 0; i < found.size(); i++) {
      if (c.holds(found.distance(i))) {
        out.add(found.docId(i));
      }
    }
    OperatorStats stats = context.stats(node);
    if (stats != null) {
      stats.distanceComputations += found.distanceComputations();
      stats.nodesVisited += found.nodesVisited();
      stats.note = "range scan stopped: " + found.stopReason();
    }
    return out;
  }

  private IntPredicate vectorTest(VectorLeaf v) {
    VectorCondition c = v.condition();
    VectorArena arena = context.arena(c.position());
    return doc -> {
      float d = c.distance(arena, doc);
      return !Float.isNaN(d) && c.holds(d);
    };
  }

  private IntPredicate counted(FilterNode node, IntPredicate test) {
    OperatorStats stats = context.stats(node);
    if (stats == null) {
      return test;
    }
    boolean distance = node instanceof VectorLeaf v && v.mode() == Mode.TESTED;
    return doc -> {
      long start = System.nanoTime();
      boolean pass = test.test(doc);
      stats.tests++;
      stats.passed += pass ? 1 : 0;
      stats.distanceComputations += distance ? 1 : 0;
      stats.addTime(start);
      return pass;
    };
  }

  private static IntPredicate all(List<IntPredicate> tests) {
    IntPredicate[] array = tests.toArray(IntPredicate[]::new);
    return doc -> {
      for (IntPredicate t : array) {
        if (!t.test(doc)) {
          return false;
        }
      }
      return true;
    };
  }

  private static IntPredicate any(List<IntPredicate> tests) {
    IntPredicate[] array = tests.toArray(IntPredicate[]::new);
    return doc -> {
      for (IntPredicate t : array) {
        if (t.test(doc)) {
          return true;
        }
      }
      return false;
    };
  }
}
