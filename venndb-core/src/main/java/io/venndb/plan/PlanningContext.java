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

  /** Graph access is allowed when the column has a graph and the query did not ask for exact answers. */
  boolean mayUseGraph(int position) {
    return !exact && vectorIndexes.graph(position) != null;
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

  /** Nodes a cursor visits before its stop rule can fire at all (E + w). */
  double cursorWarmup() {
    CursorOptions o = CursorOptions.defaults();
    return o.e() + o.w();
  }

  boolean isIndexed(Predicate scalar) {
    Predicate leaf = scalar instanceof Predicate.Not n ? n.child() : scalar;
    String column = FilterEvaluator.columnOf(leaf);
    if (schema().isPrimaryKey(column)) {
      return leaf instanceof Predicate.IsNull || leaf instanceof Predicate.In
          || (leaf instanceof Predicate.Compare c && c.op() == Predicate.Op.EQ);
    }
    return indexes.at(schema().position(column)) != null;
  }
}
