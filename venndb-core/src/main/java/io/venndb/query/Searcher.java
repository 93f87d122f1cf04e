package io.venndb.query;

import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.ColumnType;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.VectorValues;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.index.CollectionIndexes;
import io.venndb.index.FlatVectorSearch;
import io.venndb.index.ScoredDocs;
import io.venndb.index.VectorIndexes;
import io.venndb.index.hnsw.CursorOptions;
import io.venndb.index.hnsw.HnswIndex;
import io.venndb.index.hnsw.HnswResult;
import io.venndb.index.hnsw.HnswSearcher;
import io.venndb.store.CollectionStore;
import io.venndb.store.ReadView;
import io.venndb.store.RowCodec;
import io.venndb.vector.Metric;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs requests against one collection on one consistent view: the filter becomes a doc-id
 * bitmap, exact vector search runs over that bitmap on the arena, and rows are fetched at the
 * view's snapshot. Holds no per-query state.
 */
public final class Searcher {
  private final CollectionStore store;
  private final CollectionIndexes indexes;
  private final VectorIndexes vectorIndexes;

  public Searcher(CollectionStore store, CollectionIndexes indexes, VectorIndexes vectorIndexes) {
    this.store = store;
    this.indexes = indexes;
    this.vectorIndexes = vectorIndexes;
  }

  public List<SearchHit> search(SearchRequest request) {
    ColumnDef column = vectorColumn(request.column());
    float[] query = VectorValues.checked(column, request.vector());
    checkLimit(request.limit());
    Predicate filter = bindFilter(request.filter());
    checkThreshold(column, request);
    checkEf(request.ef());
    List<String> projection = projection(request.columns());
    int position = store.schema().position(column.name());
    try (ReadView view = store.acquire()) {
      RoaringBitmap candidates = candidates(view, filter);
      HnswIndex graph = vectorIndexes.graph(position);
      if (request.exact() || graph == null) {
        ScoredDocs scored = flatSearch(column, query, request, candidates);
        return hits(view, scored.docIds(), scored.distances(), request.limit(), column.metric(), projection);
      }
      HnswResult found = graphSearch(position, graph, query, request, view, filter == null ? null : candidates);
      return hits(view, found.docIds(), found.distances(), request.limit(), column.metric(), projection);
    }
  }

  /**
   * Approximate search on the graph: plain top-k, top-k inside the filter's doc ids (the graph
   * search switches to an exact scan for small filters and falls back to one when its budget runs
   * out, so the row count is always min(limit, matches)), or a range scan stopped by the
   * relaxed-monotonicity detector for a threshold.
   */
  private HnswResult graphSearch(int position, HnswIndex graph, float[] query, SearchRequest request,
      ReadView view, RoaringBitmap filtered) {
    HnswSearcher searcher = vectorIndexes.searcher(position);
    int ef = request.ef() > 0 ? request.ef() : graph.config().efSearch();
    RoaringBitmap live = view.liveDocs();
    if (request.hasThreshold()) {
      float maxDistance = graph.metric().distance(request.minSimilarity());
      return searcher.range(query, maxDistance, filtered == null ? live : filtered, CursorOptions.defaults());
    }
    return filtered == null ? searcher.search(query, request.limit(), ef, live)
        : searcher.searchFiltered(query, request.limit(), ef, live, filtered);
  }

  /** Rows matching {@code filter} (all rows when null), in doc-id order, at most {@code limit}. */
  public List<Row> find(Predicate filter, int limit, List<String> columns) {
    checkLimit(limit);
    Predicate bound = bindFilter(filter);
    List<String> projection = projection(columns);
    try (ReadView view = store.acquire()) {
      List<Row> rows = new ArrayList<>();
      var it = candidates(view, bound).getIntIterator();
      while (it.hasNext() && rows.size() < limit) {
        rows.add(fetch(view, it.next(), projection));
      }
      return rows;
    }
  }

  /** The row stored under an already normalised primary key, if any. */
  public Optional<Row> get(Object key) {
    try (ReadView view = store.acquire()) {
      int doc = store.docIdOf(view, key);
      return doc < 0 ? Optional.empty() : Optional.of(fetch(view, doc, projection(null)));
    }
  }

  /** Number of live rows matching {@code filter} (all when null); exact. */
  public long count(Predicate filter) {
    Predicate bound = bindFilter(filter);
    try (ReadView view = store.acquire()) {
      return bound == null ? view.liveCount() : candidates(view, bound).getLongCardinality();
    }
  }

  private RoaringBitmap candidates(ReadView view, Predicate bound) {
    return bound == null ? view.liveDocs() : new FilterEvaluator(store, indexes, view).matching(bound);
  }

  private ScoredDocs flatSearch(ColumnDef column, float[] query, SearchRequest request, RoaringBitmap candidates) {
    var arena = store.arena(store.schema().position(column.name()));
    if (!request.hasThreshold()) {
      return FlatVectorSearch.topK(arena, column.metric(), query, request.limit(), candidates);
    }
    float maxDistance = column.metric().distance(request.minSimilarity());
    return FlatVectorSearch.withinDistance(arena, column.metric(), query, maxDistance, candidates);
  }

  /**
   * The first {@code limit} scored docs as hits (a threshold search may have found more), their
   * rows read in one multi-get; with no columns requested only the keys are decoded.
   */
  private List<SearchHit> hits(ReadView view, int[] docIds, float[] distances, int limit, Metric metric,
      List<String> projection) {
    int n = Math.min(limit, docIds.length);
    List<RowCodec.Decoded> rows = store.rows(view, java.util.Arrays.copyOf(docIds, n), projection.isEmpty());
    List<SearchHit> hits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hits.add(new SearchHit(toRow(store.schema(), rows.get(i), projection), distances[i], metric.similarity(distances[i])));
    }
    return hits;
  }

  private Row fetch(ReadView view, int docId, List<String> projection) {
    RowCodec.Decoded decoded = store.row(view, docId);
    if (decoded == null) {
      throw new IllegalStateException("doc " + docId + " is live in the view but has no row");
    }
    return toRow(store.schema(), decoded, projection);
  }

  static Row toRow(CollectionSchema schema, RowCodec.Decoded decoded, List<String> projection) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<ColumnDef> columns = schema.columns();
    for (String name : projection) {
      int p = schema.position(name);
      values.put(columns.get(p).name(), external(columns.get(p), decoded.values()[p]));
    }
    return new Row(decoded.primaryKey(), values);
  }

  private static Object external(ColumnDef column, Object stored) {
    if (stored != null && column.type() == ColumnType.TIMESTAMP) {
      return Instant.EPOCH.plus((Long) stored, ChronoUnit.MICROS);
    }
    return stored;
  }

  private List<String> projection(List<String> requested) {
    CollectionSchema schema = store.schema();
    if (requested == null) {
      return schema.columnNames();
    }
    for (String name : requested) {
      schema.column(name); // UNKNOWN_NAME when absent
    }
    return requested;
  }

  private ColumnDef vectorColumn(String name) {
    ColumnDef column = store.schema().column(name);
    if (!column.isVector()) {
      throw new InvalidInputException(ErrorCode.TYPE_MISMATCH,
          "column '" + name + "' is " + column.type() + ", not a vector column");
    }
    return column;
  }

  private Predicate bindFilter(Predicate filter) {
    return filter == null ? null : new PredicateBinder(store.schema()).bind(filter);
  }

  private static void checkEf(int ef) {
    if (ef < 0 || ef > 10_000) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "ef " + ef + " is outside 0..10000 (0 = the column's default)");
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw new InvalidInputException(limit < 1 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.TOO_LARGE,
          "limit " + limit + " is outside 1.." + SearchRequest.MAX_LIMIT);
    }
  }

  private static void checkThreshold(ColumnDef column, SearchRequest request) {
    if (request.hasThreshold() && !column.metric().isValidSimilarity(request.minSimilarity())) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "similarity threshold " + request.minSimilarity()
          + " is outside the " + column.metric().sqlName() + " range [" + column.metric().minSimilarity()
          + ", " + column.metric().maxSimilarity() + "]");
    }
  }
}
