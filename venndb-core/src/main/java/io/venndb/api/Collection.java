package io.venndb.api;

import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.ValueNormalizer;
import io.venndb.index.CollectionIndexes;
import io.venndb.index.VectorIndexes;
import io.venndb.ingest.CollectionLoader;
import io.venndb.ingest.CollectionWriter;
import io.venndb.ingest.Mutation;
import io.venndb.ingest.WriteResult;
import io.venndb.query.Predicate;
import io.venndb.query.Row;
import io.venndb.query.SearchHit;
import io.venndb.query.SearchRequest;
import io.venndb.index.GraphRebuild;
import io.venndb.plan.QueryExplanation;
import io.venndb.plan.Searcher;
import io.venndb.query.Query;
import io.venndb.store.CollectionStore;
import io.venndb.store.ReadView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One collection of a {@link VennDB}: writes, point reads and searches. Thread-safe: writes are
 * serialised, reads run on consistent views concurrently with them. Every write method is atomic
 * (a batch applies whole or not at all) and, by default, durable when it returns.
 */
public final class Collection {
  private final CollectionStore store;
  private final CollectionWriter writer;
  private final Searcher searcher;
  private final boolean syncEveryCommit;
  private final VectorIndexes vectorIndexes;

  Collection(CollectionStore store, DatabaseOptions options) {
    boolean syncEveryCommit = options.syncEveryCommit();
    CollectionIndexes indexes = new CollectionIndexes(store.schema());
    this.vectorIndexes = new VectorIndexes(store);
    CollectionLoader.load(store, indexes, vectorIndexes);
    this.store = store;
    this.writer = new CollectionWriter(store, indexes, vectorIndexes);
    this.searcher = new Searcher(store, indexes, vectorIndexes, options.plannerCosts());
    this.syncEveryCommit = syncEveryCommit;
  }

  public String name() {
    return store.schema().name();
  }

  public CollectionSchema schema() {
    return store.schema();
  }

  /** Number of live rows. */
  public long size() {
    try (ReadView view = store.acquire()) {
      return view.liveCount();
    }
  }

  /** Row counts and memory of this collection, from one view. */
  public CollectionStats stats() {
    try (ReadView view = store.acquire()) {
      return new CollectionStats(view.liveCount(), view.maxDocExclusive(), view.generation(),
          store.vectorBytesOffHeap(), vectorIndexes.graphBytes(), store.keyBytes());
    }
  }

  /** Inserts one row; fails with ALREADY_EXISTS if its key is present. */
  public WriteResult insert(Map<String, ?> row) {
    return write(List.of(new Mutation.Insert(row)));
  }

  /** Inserts all rows atomically; if any row is invalid or its key exists, none is inserted. */
  public WriteResult insertAll(List<? extends Map<String, ?>> rows) {
    return write(rows.stream().<Mutation>map(Mutation.Insert::new).toList());
  }

  /** Inserts or replaces one row (a replaced row gets a new doc id). */
  public WriteResult upsert(Map<String, ?> row) {
    return write(List.of(new Mutation.Upsert(row)));
  }

  public WriteResult upsertAll(List<? extends Map<String, ?>> rows) {
    return write(rows.stream().<Mutation>map(Mutation.Upsert::new).toList());
  }

  /** Deletes the row with this key; false when there was none. */
  public boolean delete(Object key) {
    return write(List.of(new Mutation.Delete(key))).deleted() == 1;
  }

  /** Applies a mixed batch of inserts, upserts and deletes atomically. */
  public WriteResult write(List<? extends Mutation> batch) {
    return writer.apply(batch, syncEveryCommit);
  }

  /**
   * A group-commit loader: batches of {@code batchSize} rows, one fsync per {@code flush()}; HNSW
   * graphs take the flushed rows in one parallel insertion at each flush.
   */
  public BulkWriter bulkWriter(int batchSize) {
    return new BulkWriter(writer, store.rocks(), Math.max(1, batchSize));
  }

  /** The row with this key, if any. */
  public Optional<Row> get(Object key) {
    return searcher.get(ValueNormalizer.primaryKey(schema().keyType(), schema().primaryKey(), key));
  }

  /** Nearest-neighbour search; see {@link SearchRequest}. Runs as the equivalent {@link Query}. */
  public List<SearchHit> search(SearchRequest request) {
    return searcher.search(request);
  }

  /**
   * Runs a query: filter (scalar and vector conditions at any depth), ranking (by distance to a
   * vector or by a column), OFFSET and LIMIT, projection. Hits carry the distance and similarity
   * when ranked by a vector (NaN otherwise). Returns {@code min(limit, matches - offset)} rows.
   */
  public List<SearchHit> query(Query query) {
    return searcher.query(query);
  }

  /** The plan the query would run: strategy and runner-up with costs, estimated rows per node. */
  public QueryExplanation explain(Query query) {
    return searcher.explain(query, false);
  }

  /** Runs the query and reports the plan with actual rows, distance computations, nodes and time per node. */
  public QueryExplanation explainAnalyze(Query query) {
    return searcher.explain(query, true);
  }

  /** Rows matching {@code filter} in storage order, at most {@code limit}. */
  public List<Row> find(Predicate filter, int limit) {
    return searcher.find(filter, limit, null);
  }

  /** Exact count of rows matching {@code filter} (null: all rows). */
  public long count(Predicate filter) {
    return searcher.count(filter);
  }

  /**
   * Rebuilds the HNSW graph of every indexed vector column over the live rows only, with every
   * core. Deleted rows stay in a graph as waypoints (traversed, never returned) until this runs;
   * after many deletes or updates it restores the graph's size and search speed. Writes wait
   * while it runs; queries go on against the old graphs and see the new ones when it returns.
   * Returns what each column's rebuild did.
   */
  public List<GraphRebuild> rebuildVectorIndexes() {
    return writer.rebuildGraphs();
  }

  /** Closes the collection; on a clean database close its arenas are saved first. */
  void close() {
    writer.indexDeferred();
    store.saveArenas();
    vectorIndexes.save();
    store.close();
  }

  /** Closes a dropped collection and removes its saved arenas and graphs. */
  void closeDropped() {
    store.close();
    store.deleteArenaFiles();
    vectorIndexes.deleteFiles();
    searcher.deleteStoredCosts();
  }
}
