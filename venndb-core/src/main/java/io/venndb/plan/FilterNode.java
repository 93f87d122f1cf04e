package io.venndb.plan;

import io.venndb.query.Predicate;
import java.util.List;

/**
 * A node of a physical filter plan: an immutable value saying how one part of the (normalised)
 * predicate is evaluated, how many live rows it is expected to keep, and what that is expected to
 * cost. A node is either <em>materialised</em> (it produces a doc-id bitmap) or <em>tested</em>
 * (it answers, per candidate doc, whether the row passes). Execution state lives in {@link
 * FilterExecutor}, never here, so one plan may run many times and on many threads.
 */
sealed interface FilterNode {

  /** How a node is consumed by its parent. */
  enum Mode {
    MATERIALISED, TESTED
  }

  /** How a vector condition is evaluated. */
  enum VectorAccess {
    /** Range scan on the HNSW graph by the streaming cursor's stop rule (approximate). */
    GRAPH_RANGE,
    /** Range scan on the graph for the complement, subtracted from the rows with a vector. */
    GRAPH_RANGE_COMPLEMENT,
    /** One distance computation per live row, sequentially over the arena (exact). */
    FLAT_SCAN,
    /** One distance computation per candidate the parent asks about (exact). */
    PER_ROW
  }

  Mode mode();

  /** Estimated live rows where this node is TRUE. */
  Estimate estimate();

  /** Estimated nanoseconds for this node and its children, in its mode. */
  double cost();

  List<FilterNode> children();

  /** True when a materialisation may contain rows that fail the condition (results must be re-checked). */
  default boolean mayOverInclude() {
    return children().stream().anyMatch(FilterNode::mayOverInclude);
  }

  /** True when a materialisation may miss rows that pass the condition (an approximate range scan). */
  default boolean mayUnderInclude() {
    return children().stream().anyMatch(FilterNode::mayUnderInclude);
  }

  /** A scalar leaf, or NOT directly over one, evaluated on its index (or a row scan) as a bitmap. */
  record ScalarLeaf(Predicate predicate, boolean indexed, Estimate estimate, Mode mode, double cost)
      implements FilterNode {
    @Override
    public List<FilterNode> children() {
      return List.of();
    }
  }

  record VectorLeaf(VectorCondition condition, VectorAccess access, Estimate estimate, double cost)
      implements FilterNode {
    @Override
    public Mode mode() {
      return access == VectorAccess.PER_ROW ? Mode.TESTED : Mode.MATERIALISED;
    }

    @Override
    public List<FilterNode> children() {
      return List.of();
    }

    @Override
    public boolean mayOverInclude() {
      return access == VectorAccess.GRAPH_RANGE_COMPLEMENT;
    }

    @Override
    public boolean mayUnderInclude() {
      return access == VectorAccess.GRAPH_RANGE;
    }
  }

  /**
   * AND: materialised children are intersected (smallest first), then tested children check the
   * survivors in order; with no materialised child the live docs are the start. Tested as a whole,
   * every child is asked in order and the first FALSE ends it.
   */
  record AndNode(List<FilterNode> children, Estimate estimate, Mode mode, double cost) implements FilterNode {}

  /** OR: materialised, the union of its children's sets; tested, the first TRUE child ends it. */
  record OrNode(List<FilterNode> children, Estimate estimate, Mode mode, double cost) implements FilterNode {}

  /** A constant: every live row (TRUE, or no filter) or none (FALSE). */
  record ConstantNode(boolean value, Estimate estimate) implements FilterNode {
    @Override
    public Mode mode() {
      return Mode.MATERIALISED;
    }

    @Override
    public double cost() {
      return 0;
    }

    @Override
    public List<FilterNode> children() {
      return List.of();
    }
  }
}
