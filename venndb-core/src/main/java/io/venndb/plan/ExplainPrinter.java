package io.venndb.plan;

import io.venndb.plan.FilterNode.AndNode;
import io.venndb.plan.FilterNode.ConstantNode;
import io.venndb.plan.FilterNode.OrNode;
import io.venndb.plan.FilterNode.ScalarLeaf;
import io.venndb.plan.FilterNode.VectorLeaf;
import io.venndb.plan.PhysicalPlan.Alternative;
import java.util.List;
import java.util.Locale;

/** Renders a plan as an indented tree, with actual figures beside the estimates after ANALYZE. */
final class ExplainPrinter {
  private final StringBuilder out = new StringBuilder();
  private final ExecutionContext analysed;

  private ExplainPrinter(ExecutionContext analysed) {
    this.analysed = analysed;
  }

  /** {@code analysed} is the context of an ANALYZE run, or null for a plain EXPLAIN. */
  static String render(PhysicalPlan plan, Statistics statistics, ExecutionContext analysed) {
    ExplainPrinter p = new ExplainPrinter(analysed);
    p.header(plan, statistics);
    p.line(0, "", topLabel(plan), plan.outputRows(), null, plan.cost(), plan);
    p.filter(plan.filter(), 1, "└─ ");
    return p.out.toString();
  }

  private void header(PhysicalPlan plan, Statistics statistics) {
    out.append("Strategy: ").append(plan.strategy()).append(" (").append(plan.strategy().description())
        .append("), est. cost ").append(time(plan.cost())).append('\n');
    List<Alternative> others = plan.alternatives().stream().filter(a -> a.strategy() != plan.strategy()).toList();
    if (!others.isEmpty()) {
      out.append("Runner-up: ").append(others.getFirst().strategy()).append(" ").append(time(others.getFirst().cost()));
      others.stream().skip(1).forEach(a -> out.append("; also ").append(a.strategy()).append(" ").append(time(a.cost())));
      out.append('\n');
    }
    out.append(String.format(Locale.ROOT, "Statistics: %,d live rows, sample of %d; unit costs: %s%n",
        statistics.liveCount(), statistics.sampleSize(), plan.costs()));
  }

  private static String topLabel(PhysicalPlan plan) {
    String window = "LIMIT " + plan.limit() + (plan.offset() > 0 ? " OFFSET " + plan.offset() : "");
    return switch (plan.strategy()) {
      case DOC_ORDER -> "Rows in insertion order, " + window;
      case INDEX_ORDER, SORT_ROWS -> "Order by " + plan.ranking() + " [" + plan.strategy() + "], " + window;
      default -> "Top-k by " + plan.ranking() + " [" + plan.strategy() + "], " + window;
    };
  }

  private void filter(FilterNode node, int depth, String prefix) {
    switch (node) {
      case AndNode a -> {
        line(depth, prefix, "AND (" + mode(node) + ")", node.estimate().rows(), node.estimate(), node.cost(), node);
        children(a.children(), depth);
      }
      case OrNode o -> {
        line(depth, prefix, "OR (" + mode(node) + ")", node.estimate().rows(), node.estimate(), node.cost(), node);
        children(o.children(), depth);
      }
      case ScalarLeaf s -> line(depth, prefix, s.predicate() + "  [" + (s.indexed() ? "index" : "row scan")
          + ", " + mode(node) + "]", s.estimate().rows(), s.estimate(), s.cost(), node);
      case VectorLeaf v -> line(depth, prefix, v.condition() + "  [" + access(v) + "]", v.estimate().rows(),
          v.estimate(), v.cost(), node);
      case ConstantNode c -> line(depth, prefix, c.value() ? "all live rows" : "no rows", c.estimate().rows(), null,
          0, node);
    }
  }

  private void children(List<FilterNode> children, int depth) {
    for (int i = 0; i < children.size(); i++) {
      filter(children.get(i), depth + 1, i == children.size() - 1 ? "└─ " : "├─ ");
    }
  }

  private static String mode(FilterNode node) {
    return node.mode() == FilterNode.Mode.MATERIALISED ? "materialised" : "tested per row";
  }

  private static String access(VectorLeaf v) {
    return switch (v.access()) {
      case GRAPH_RANGE -> "HNSW range scan, materialised";
      case GRAPH_RANGE_COMPLEMENT -> "HNSW range scan of the complement, subtracted; results re-checked";
      case FLAT_SCAN -> "flat scan, materialised";
      case PER_ROW -> "one distance per candidate";
    };
  }

  private void line(int depth, String prefix, String label, double rows, Estimate estimate, double cost, Object node) {
    out.append("   ".repeat(Math.max(0, depth - 1))).append(prefix).append(label);
    out.append(String.format(Locale.ROOT, "  est %,.0f rows", rows));
    if (estimate != null && estimate.low() != estimate.high()) {
      out.append(String.format(Locale.ROOT, " (95%%: %,.0f–%,.0f)", estimate.low(), estimate.high()));
    }
    if (estimate != null) {
      out.append(" by ").append(estimate.source());
    }
    out.append(", cost ").append(time(cost));
    OperatorStats stats = analysed == null ? null : analysed.existingStats(node);
    if (stats != null) {
      out.append("  | actual:");
      if (stats.rows >= 0) {
        out.append(String.format(Locale.ROOT, " %,d rows", stats.rows));
      }
      if (stats.tests > 0) {
        out.append(String.format(Locale.ROOT, "%s %,d tests, %,d passed", stats.rows >= 0 ? "," : "", stats.tests,
            stats.passed));
      }
      if (stats.distanceComputations > 0) {
        out.append(String.format(Locale.ROOT, ", %,d distances", stats.distanceComputations));
      }
      if (stats.nodesVisited > 0) {
        out.append(String.format(Locale.ROOT, ", %,d nodes visited", stats.nodesVisited));
      }
      out.append(", ").append(time(stats.nanos));
      if (stats.note != null) {
        out.append(" (").append(stats.note).append(')');
      }
    }
    out.append('\n');
  }

  static String time(double nanos) {
    if (nanos >= 1e6) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
  }
}
