package io.venndb.plan;

import io.venndb.plan.FilterNode.AndNode;
import io.venndb.plan.FilterNode.ConstantNode;
import io.venndb.plan.FilterNode.Mode;
import io.venndb.plan.FilterNode.OrNode;
import io.venndb.plan.FilterNode.ScalarLeaf;
import io.venndb.plan.FilterNode.VectorAccess;
import io.venndb.plan.FilterNode.VectorLeaf;
import io.venndb.query.Predicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a normalised predicate into a {@link FilterNode} tree by cost. For every child of an AND
 * it weighs materialising the child (an index lookup, a vector range scan on the graph, a flat
 * scan) against testing it on each row that the cheaper children leave, so the seed's rule of
 * thumb falls out of the prices rather than being written down: a NOT-similar condition whose
 * near set C_B is small is materialised by a range scan and subtracted; one whose C_B is large is
 * tested with one distance computation per surviving candidate.
 *
 * <p>Used once per query; estimates and prepared vector conditions are memoised for that query.
 */
final class FilterPlanner {
  /** How many visits a graph range scan spends per row it finds, beyond the stop rule's E + w. */
  static final double RANGE_VISITS_PER_ROW = 2.0;

  private final PlanningContext context;
  private final Memo memo;

  /**
   * What planning one query learns once: each predicate's estimate (a vector one costs a sample of
   * distance computations) and each vector condition with its prepared query vector. Shared by
   * the planners of one query, which differ in graph access only.
   */
  record Memo(Map<Predicate, Estimate> estimates, Map<Predicate.VectorCompare, VectorCondition> conditions) {
    static Memo create() {
      return new Memo(new HashMap<>(), new HashMap<>());
    }
  }

  FilterPlanner(PlanningContext context, Memo memo) {
    this.context = context;
    this.memo = memo;
  }

  /** The cheapest plan that produces the predicate's TRUE set as a bitmap. */
  FilterNode materialised(Predicate p) {
    return switch (p) {
      case Predicate.Constant c -> constant(c.value());
      case Predicate.And a -> and(a.children(), Mode.MATERIALISED, live());
      case Predicate.Or o -> or(o.children(), Mode.MATERIALISED, live());
      case Predicate.VectorCompare v -> vectorMaterialised(v);
      default -> scalar(p, Mode.MATERIALISED, 0);
    };
  }

  /** The cheapest plan that answers the predicate for {@code tests} candidate rows, one at a time. */
  FilterNode tested(Predicate p, double tests) {
    return switch (p) {
      case Predicate.Constant c -> constant(c.value());
      case Predicate.And a -> and(a.children(), Mode.TESTED, tests);
      case Predicate.Or o -> or(o.children(), Mode.TESTED, tests);
      case Predicate.VectorCompare v -> cheaper(vectorTested(v, tests), materialisedThenProbed(v, tests));
      default -> scalar(p, Mode.TESTED, tests);
    };
  }

  /** A materialised plan used as a per-row test: built once, then one bitmap probe per row. */
  private FilterNode materialisedThenProbed(Predicate p, double tests) {
    FilterNode m = materialised(p);
    return withCost(m, m.cost() + tests * context.costs().testNs());
  }

  Estimate estimate(Predicate p) {
    Estimate known = memo.estimates().get(p);
    if (known != null) {
      return known;
    }
    Estimate e = switch (p) {
      case Predicate.Constant c -> Estimate.exact(c.value() ? live() : 0, "constant");
      case Predicate.And a -> combine(a.children(), true);
      case Predicate.Or o -> combine(o.children(), false);
      case Predicate.VectorCompare v -> context.vectorEstimate(condition(v));
      default -> context.statistics().scalar(p, (long) live());
    };
    memo.estimates().put(p, e);
    return e;
  }

  /** Independence: AND multiplies selectivities, OR multiplies the complements. */
  private Estimate combine(List<Predicate> children, boolean isAnd) {
    double n = Math.max(1, live());
    double rows = 1;
    double low = 1;
    double high = 1;
    for (Predicate c : children) {
      Estimate e = estimate(c);
      if (isAnd) {
        rows *= e.rows() / n;
        low *= e.low() / n;
        high *= e.high() / n;
      } else {
        rows *= 1 - e.rows() / n;
        low *= 1 - e.high() / n;
        high *= 1 - e.low() / n;
      }
    }
    return isAnd
        ? new Estimate(rows * n, low * n, high * n, "independence")
        : new Estimate((1 - rows) * n, (1 - high) * n, (1 - low) * n, "independence");
  }

  private FilterNode constant(boolean value) {
    return new ConstantNode(value, Estimate.exact(value ? live() : 0, "constant"));
  }

  private FilterNode scalar(Predicate p, Mode mode, double tests) {
    Estimate e = estimate(p);
    UnitCosts u = context.costs();
    boolean indexed = context.isIndexed(p);
    if (mode == Mode.TESTED && context.isRowTestable(p)) {
      return new ScalarLeaf(p, true, e, mode, tests * u.testNs()); // reads each candidate's value
    }
    double build = indexed ? (e.rows() + live() / 32) * u.bitmapNsPerDoc() : live() * u.rowFetchNs();
    double cost = mode == Mode.MATERIALISED ? build : build + tests * u.testNs();
    return new ScalarLeaf(p, indexed, e, mode, cost);
  }

  private FilterNode vectorTested(Predicate.VectorCompare v, double tests) {
    return new VectorLeaf(condition(v), VectorAccess.PER_ROW, estimate(v), tests * context.costs().distanceNs());
  }

  /** A flat scan, or a range scan on the graph (for a NOT-near condition, of its complement). */
  private FilterNode vectorMaterialised(Predicate.VectorCompare v) {
    VectorCondition c = condition(v);
    Estimate e = estimate(v);
    FilterNode flat = new VectorLeaf(c, VectorAccess.FLAT_SCAN, e,
        context.costs().exactScanNs(context.dimension(c.position()), live(), 0));
    if (!context.mayUseGraph(c.position())) {
      return flat;
    }
    double nearRows = v.keepsNear() ? e.rows() : Math.max(0, context.rowsWithVector(c.position()) - e.rows());
    double visits = RANGE_VISITS_PER_ROW * nearRows + context.rangeWarmup(c.position());
    double graph = visits * context.links(c.position()) * context.costs().graphDistanceNs();
    if (!v.keepsNear()) {
      graph += live() * context.costs().bitmapNsPerDoc();
    }
    VectorAccess access = v.keepsNear() ? VectorAccess.GRAPH_RANGE : VectorAccess.GRAPH_RANGE_COMPLEMENT;
    return cheaper(flat, new VectorLeaf(c, access, e, graph));
  }

  /**
   * AND. Children are considered most selective first; each is materialised when that costs less
   * than testing it on the rows the materialised children so far leave, else tested.
   */
  private FilterNode and(List<Predicate> children, Mode mode, double incoming) {
    List<Predicate> order = new ArrayList<>(children);
    order.sort(Comparator.comparingDouble(c -> estimate(c).rows()));
    double rows = mode == Mode.MATERIALISED ? live() : incoming;
    double cost = 0;
    List<FilterNode> planned = new ArrayList<>(order.size());
    for (Predicate child : order) {
      FilterNode node = mode == Mode.MATERIALISED ? cheaper(materialisedIn(child, rows), tested(child, rows))
          : tested(child, rows);
      planned.add(node);
      cost += node.cost();
      rows *= estimate(child).selectivity(live());
    }
    planned.sort(Comparator.comparing((FilterNode n) -> n.mode() == Mode.TESTED));
    return new AndNode(planned, estimate(new Predicate.And(children)), mode, cost);
  }

  /** A child materialised inside an AND also pays for intersecting its set with the others. */
  private FilterNode materialisedIn(Predicate child, double rows) {
    FilterNode m = materialised(child);
    return withCost(m, m.cost() + Math.min(rows, m.estimate().rows()) * context.costs().bitmapNsPerDoc());
  }

  /** OR. Materialised, every child is; tested, the most accepting child is asked first. */
  private FilterNode or(List<Predicate> children, Mode mode, double incoming) {
    List<Predicate> order = new ArrayList<>(children);
    order.sort(Comparator.comparingDouble(c -> -estimate(c).rows()));
    double rows = incoming;
    double cost = 0;
    List<FilterNode> planned = new ArrayList<>(order.size());
    for (Predicate child : order) {
      FilterNode node = mode == Mode.MATERIALISED ? materialised(child) : tested(child, rows);
      planned.add(node);
      cost += node.cost() + (mode == Mode.MATERIALISED ? node.estimate().rows() * context.costs().bitmapNsPerDoc() : 0);
      rows *= 1 - estimate(child).selectivity(live());
    }
    return new OrNode(planned, estimate(new Predicate.Or(children)), mode, cost);
  }

  private static FilterNode cheaper(FilterNode a, FilterNode b) {
    return b.cost() < a.cost() ? b : a;
  }

  /** The same node priced differently (its place in the parent adds work). */
  private static FilterNode withCost(FilterNode n, double cost) {
    return switch (n) {
      case ScalarLeaf s -> new ScalarLeaf(s.predicate(), s.indexed(), s.estimate(), s.mode(), cost);
      case VectorLeaf v -> new VectorLeaf(v.condition(), v.access(), v.estimate(), cost);
      case AndNode a -> new AndNode(a.children(), a.estimate(), a.mode(), cost);
      case OrNode o -> new OrNode(o.children(), o.estimate(), o.mode(), cost);
      case ConstantNode c -> c;
    };
  }

  private VectorCondition condition(Predicate.VectorCompare v) {
    return memo.conditions().computeIfAbsent(v, context::condition);
  }

  private double live() {
    return context.liveCount();
  }
}
