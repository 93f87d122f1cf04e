package io.venndb.plan;

import io.venndb.catalog.CollectionSchema;
import io.venndb.index.CollectionIndexes;
import io.venndb.index.VectorIndexes;
import io.venndb.index.hnsw.CursorOptions;
import io.venndb.index.hnsw.HnswIndex;
import io.venndb.query.Predicate;
import io.venndb.store.CollectionStore;

/**
 * What planning one query may consult: the collection's statistics and unit costs, which columns
 * have indexes, and whether approximate (graph) access is allowed. Immutable.
 */
record PlanningContext(CollectionStore store, CollectionIndexes indexes, VectorIndexes vectorIndexes,
    Statistics statistics, UnitCosts costs, double liveCount, boolean exact) {

  CollectionSchema schema() {
    return store.schema();
  }

  VectorCondition condition(Predicate.VectorCompare v) {
    int position = schema().position(v.column());
    return VectorCondition.of(v, schema().columns().get(position), position);
  }

  Estimate vectorEstimate(VectorCondition c) {
    return statistics.vector(c, store.arena(c.position()), (long) liveCount);
  }

  /** Components of the vectors in the column at {@code position}. */
  int dimension(int position) {
    return schema().columns().get(position).dimension();
  }

  /** Estimated live rows with a vector in the column. */
  double rowsWithVector(int position) {
    return liveCount * statistics.vectorFraction(store.arena(position));
  }

  /** Graph access is allowed when the column has a graph and the query did not ask for exact answers. */
  boolean mayUseGraph(int position) {
    return !exact && vectorIndexes.graph(position) != null;
  }

  /**
   * Whether a top-k may stream the column's cursor. The relaxed-monotonicity stop rule assumes
   * distances grow as the walk leaves the query; under inner product (not a metric: long vectors
   * are "near" everything) they need not, and streams stop early (measured: recall 0.67 where the
   * filtered graph search keeps 1.0), so inner-product columns use the other strategies.
   */
  boolean mayStream(int position) {
    return mayUseGraph(position) && schema().columns().get(position).metric() != io.venndb.vector.Metric.INNER_PRODUCT;
  }

  HnswIndex graph(int position) {
    return vectorIndexes.graph(position);
  }

  /**
   * Distance computations one graph expansion is expected to cost: about M of a node's up to 2M
   * layer-0 links lead to nodes not yet discovered (the rest were reached from earlier nodes).
   */
  double links(int position) {
    return vectorIndexes.graph(position).config().m();
  }

  /** Nodes a range scan on the column visits before its stop rule can fire at all (E + w). */
  double rangeWarmup(int position) {
    CursorOptions o = CursorSettings.forRange(schema().columns().get(position).metric());
    return o.e() + o.w();
  }

  /** Nodes a top-k stream visits before its stop rule can fire (E + w for this ef and window). */
  double streamWarmup(int position, int ef, int window) {
    int effective = ef > 0 ? ef : graph(position).config().efSearch();
    CursorOptions o = CursorSettings.forWindow(schema().columns().get(position).metric(), effective, window);
    return o.e() + o.w();
  }

  /** Whether the leaf can be tested per row by reading each candidate's value (no set built). */
  boolean isRowTestable(Predicate scalar) {
    return FilterEvaluator.isRowTestable(scalar, schema(), indexes);
  }

  boolean isIndexed(Predicate scalar) {
    Predicate leaf = scalar instanceof Predicate.Not n ? n.child() : scalar;
    String column = FilterEvaluator.columnOf(leaf);
    if (schema().isPrimaryKey(column)) {
      return FilterEvaluator.isKeyLookup(leaf);
    }
    return indexes.at(schema().position(column)) != null;
  }
}
