package io.venndb.plan;

import io.venndb.query.Predicate;
import io.venndb.query.Row;
import io.venndb.query.SearchHit;
import io.venndb.query.SearchRequest;
import io.venndb.query.PredicateBinder;
import io.venndb.query.PredicateRewriter;
import io.venndb.query.Query;
import io.venndb.query.Ranking;
import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.ColumnType;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.VectorValues;
import io.venndb.error.CorruptionException;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.index.CollectionIndexes;
import io.venndb.index.VectorIndexes;
import io.venndb.store.CollectionStore;
import io.venndb.store.ReadView;
import io.venndb.store.RowCodec;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs queries against one collection on one consistent view: binds and normalises the query,
 * plans it by cost from the collection's {@link Statistics} and {@link UnitCosts}, executes the
 * plan, and fetches the rows at the view's snapshot. Holds no per-query state; the statistics and
 * the measured unit costs are shared, immutable, and replaced as the collection grows (the costs
 * also persist across opens, see {@link CalibratedCosts}).
 */
public final class Searcher {
  private static final System.Logger LOG = System.getLogger(Searcher.class.getName());
  /** Below this many rows nothing costs enough to be worth measuring: nominal costs plan. */
  static final long MIN_CALIBRATION_ROWS = 1_000;

  private final CollectionStore store;
  private final CollectionIndexes indexes;
  private final VectorIndexes vectorIndexes;
  /** Null: measure them (see {@link #costs}). */
  private final UnitCosts fixedCosts;
  private volatile Statistics statistics;
  private volatile CalibratedCosts calibrated;
  private volatile boolean storedCostsRead;

  /**
   * {@code fixedCosts} null: plan with unit costs measured on the collection's own data, at the
   * first query on at least {@link #MIN_CALIBRATION_ROWS} rows, and kept in a {@link CostsFile}
   * for the next open.
   */
  public Searcher(CollectionStore store, CollectionIndexes indexes, VectorIndexes vectorIndexes, UnitCosts fixedCosts) {
    this.store = store;
    this.indexes = indexes;
    this.vectorIndexes = vectorIndexes;
    this.fixedCosts = fixedCosts;
  }

  /**
   * A {@link SearchRequest} runs as {@link Query#of its query}: a threshold is a similarity
   * condition, checked by the binder like any other.
   */
  public List<SearchHit> search(SearchRequest request) {
    return query(Query.of(request));
  }

  public List<SearchHit> query(Query query) {
    Bound bound = bind(query);
    try (ReadView view = store.acquire()) {
      PhysicalPlan plan = plan(bound, view);
      ExecutionContext context = new ExecutionContext(store, indexes, vectorIndexes, view, view.liveDocs(), false);
      QueryExecutor.Ranked ranked = QueryExecutor.run(plan, context);
      return hits(view, ranked, bound.query(), bound.projection());
    }
  }

  /** EXPLAIN (plan only) or EXPLAIN ANALYZE (run it, with actual figures per node). */
  public QueryExplanation explain(Query query, boolean analyze) {
    Bound bound = bind(query);
    try (ReadView view = store.acquire()) {
      PhysicalPlan plan = plan(bound, view);
      PhysicalPlan.Alternative runnerUp = plan.runnerUp();
      Statistics stats = statistics;
      if (!analyze) {
        return explanation(plan, runnerUp, ExplainPrinter.render(plan, stats, null), null, List.of());
      }
      ExecutionContext context = new ExecutionContext(store, indexes, vectorIndexes, view, view.liveDocs(), true);
      QueryExecutor.Ranked ranked = QueryExecutor.run(plan, context);
      List<SearchHit> hits = hits(view, ranked, bound.query(), bound.projection());
      return explanation(plan, runnerUp, ExplainPrinter.render(plan, stats, context), context, hits);
    }
  }

  private static QueryExplanation explanation(PhysicalPlan plan, PhysicalPlan.Alternative runnerUp, String text,
      ExecutionContext context, List<SearchHit> hits) {
    OperatorStats filterStats = context == null ? null : context.existingStats(plan.filter());
    OperatorStats topStats = context == null ? null : context.existingStats(plan);
    boolean switched = topStats != null && topStats.switched;
    return new QueryExplanation(text, plan.strategy(), plan.cost(), runnerUp == null ? null : runnerUp.strategy(),
        runnerUp == null ? Double.NaN : runnerUp.cost(), plan.filter().estimate().rows(),
        filterStats == null ? -1 : filterStats.rows, switched,
        context == null ? -1 : context.totalDistanceComputations(), context == null ? -1 : context.totalNodesVisited(),
        hits);
  }

  /** A query checked against the schema, its filter bound and normalised. */
  private record Bound(Query query, Predicate filter, List<String> projection) {}

  private Bound bind(Query requested) {
    checkWindow(requested.limit(), requested.offset());
    checkEf(requested.ef());
    checkRanking(requested.ranking());
    Query query = requested.rankedBy(resolve(requested.ranking()));
    Predicate filter = query.filter() == null ? Predicate.alwaysTrue()
        : PredicateRewriter.normalize(new PredicateBinder(store.schema()).bind(query.filter()));
    return new Bound(query, filter, projection(query.columns()));
  }

  private PhysicalPlan plan(Bound bound, ReadView view) {
    Statistics stats = statistics(view);
    UnitCosts unit = costs(stats, view);
    PlanningContext context = new PlanningContext(store, indexes, vectorIndexes, stats, unit, view.liveCount(),
        bound.query().exact());
    PlanningContext exact = new PlanningContext(store, indexes, vectorIndexes, stats, unit, view.liveCount(), true);
    Query q = bound.query();
    return new QueryPlanner(context, exact).plan(bound.filter(), q.ranking(), q.limit(), q.offset(), q.ef());
  }

  private Statistics statistics(ReadView view) {
    Statistics s = statistics;
    if (s == null || s.staleFor(view)) {
      s = Statistics.build(store, indexes, view);
      statistics = s;
    }
    return s;
  }

  /**
   * The unit costs to plan with: fixed ones if the options gave them; nominal ones on a small
   * collection; otherwise the stored measurement while it fits (same machine, size within {@link
   * CalibratedCosts#SIZE_FACTOR}×), else a new measurement, which is stored.
   */
  private UnitCosts costs(Statistics stats, ReadView view) {
    if (fixedCosts != null) {
      return fixedCosts;
    }
    long live = stats.liveCount();
    if (live < MIN_CALIBRATION_ROWS) {
      return UnitCosts.NOMINAL;
    }
    CalibratedCosts c = calibrated;
    String machine = CalibratedCosts.currentMachine();
    if (c == null || !c.fits(live, machine)) {
      c = recalibrate(stats, view, live, machine);
    }
    return c.costs();
  }

  private synchronized CalibratedCosts recalibrate(Statistics stats, ReadView view, long live, String machine) {
    CalibratedCosts c = calibrated;
    if (c == null && !storedCostsRead) {
      storedCostsRead = true;
      c = readStoredCosts();
    }
    if (c == null || !c.fits(live, machine)) {
      c = new CalibratedCosts(CostCalibration.measure(store, vectorIndexes, stats, view), live, machine);
      storeCosts(c);
    }
    calibrated = c;
    return c;
  }

  private CalibratedCosts readStoredCosts() {
    Path file = costsFile();
    try {
      return CostsFile.read(file).orElse(null);
    } catch (IOException | CorruptionException e) {
      LOG.log(System.Logger.Level.WARNING, "ignoring " + file + " and measuring unit costs again: " + e.getMessage());
      return null;
    }
  }

  private void storeCosts(CalibratedCosts c) {
    Path file = costsFile();
    try {
      CostsFile.write(file, c);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not save unit costs to " + file + ": " + e);
    }
  }

  /** Where this collection's measured unit costs are kept between opens. */
  private Path costsFile() {
    return store.rocks().directory().resolve("stats").resolve(store.id() + "-costs.bin");
  }

  /** Removes the stored unit costs (the collection is being dropped). */
  public void deleteStoredCosts() {
    try {
      Files.deleteIfExists(costsFile());
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not remove " + costsFile() + ": " + e);
    }
  }

  /** Rows matching {@code filter} (all rows when null), in doc-id order, at most {@code limit}. */
  public List<Row> find(Predicate filter, int limit, List<String> columns) {
    Query query = (filter == null ? Query.all() : Query.where(filter)).withLimit(limit).withColumns(columns);
    return query(query).stream().map(SearchHit::row).toList();
  }

  /** The row stored under an already normalised primary key, if any. */
  public Optional<Row> get(Object key) {
    try (ReadView view = store.acquire()) {
      int doc = store.docIdOf(view, key);
      return doc < 0 ? Optional.empty() : Optional.of(fetch(view, doc, projection(null)));
    }
  }

  /** Number of live rows matching {@code filter} (all when null); exact, vector conditions included. */
  public long count(Predicate filter) {
    if (filter == null) {
      try (ReadView view = store.acquire()) {
        return view.liveCount();
      }
    }
    Bound bound = bind(Query.where(filter));
    try (ReadView view = store.acquire()) {
      Statistics stats = statistics(view);
      PlanningContext exact = new PlanningContext(store, indexes, vectorIndexes, stats, UnitCosts.NOMINAL,
          view.liveCount(), true);
      FilterNode plan = new FilterPlanner(exact, FilterPlanner.Memo.create()).materialised(bound.filter());
      ExecutionContext context = new ExecutionContext(store, indexes, vectorIndexes, view, view.liveDocs(), false);
      return new FilterExecutor(context).materialise(plan).getLongCardinality();
    }
  }

  /**
   * The ranked window minus the offset as hits, their rows read in one multi-get; with no columns
   * requested only the keys are decoded.
   */
  private List<SearchHit> hits(ReadView view, QueryExecutor.Ranked ranked, Query query, List<String> projection) {
    int from = Math.min(query.offset(), ranked.docIds().length);
    int n = Math.min(query.limit(), ranked.docIds().length - from);
    int[] docs = java.util.Arrays.copyOfRange(ranked.docIds(), from, from + n);
    List<RowCodec.Decoded> rows = store.rows(view, docs, projection.isEmpty());
    Metric metric = query.ranking() instanceof Ranking.ByVector v
        ? store.schema().column(v.column()).metric() : null;
    List<SearchHit> hits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float distance = ranked.distances()[from + i];
      float similarity = metric == null ? Float.NaN : metric.similarity(distance);
      hits.add(new SearchHit(toRow(store.schema(), rows.get(i), projection), distance, similarity));
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

  private static void checkWindow(int limit, int offset) {
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw new InvalidInputException(limit < 1 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.TOO_LARGE,
          "limit " + limit + " is outside 1.." + SearchRequest.MAX_LIMIT);
    }
    if (offset < 0 || (long) offset + limit > Query.MAX_WINDOW) {
      throw new InvalidInputException(offset < 0 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.TOO_LARGE,
          "offset " + offset + " with limit " + limit + " is outside 0 <= offset, offset + limit <= " + Query.MAX_WINDOW);
    }
  }

  /** The ranking column must exist and suit the ranking: a vector (of the right shape) or an ordered scalar. */
  private void checkRanking(Ranking ranking) {
    switch (ranking) {
      case Ranking.ByVector v -> VectorValues.checked(vectorColumn(v.column()), v.vector());
      case Ranking.ByColumn c -> {
        if (!store.schema().isPrimaryKey(c.column())) {
          ColumnDef def = store.schema().column(c.column());
          if (def.isVector() || def.type() == ColumnType.TAGS) {
            throw new InvalidInputException(ErrorCode.TYPE_MISMATCH, "cannot order by column '" + def.name()
                + "' of type " + def.type() + (def.isVector() ? "; rank by distance with Ranking.nearestTo" : ""));
          }
        }
      }
      case Ranking.WeightedDistance w -> {
        if (w.terms().isEmpty()) {
          throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "a weighted distance ranking needs at least one term");
        }
        for (Ranking.Term t : w.terms()) {
          VectorValues.checked(vectorColumn(t.column()), t.vector());
          if (!(t.weight() > 0) || !Float.isFinite(t.weight())) {
            throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "weight " + t.weight() + " of the term on '"
                + t.column() + "' must be positive and finite");
          }
        }
      }
      case Ranking.Recommend r -> {
        ColumnDef column = vectorColumn(r.column());
        if (r.positives().isEmpty()) {
          throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
              "a recommendation on '" + r.column() + "' needs at least one positive example");
        }
        r.positives().forEach(v -> VectorValues.checked(column, v));
        r.negatives().forEach(v -> VectorValues.checked(column, v));
      }
      case Ranking.Unordered u -> { }
    }
  }

  /**
   * The ranking the planner runs: the average-vector strategy of soft negatives is an ordinary
   * nearest-neighbour ranking, to {@code mean(pos) + (mean(pos) − mean(neg))} of the examples as
   * stored (unit length under cosine).
   */
  private Ranking resolve(Ranking ranking) {
    if (!(ranking instanceof Ranking.Recommend r) || r.strategy() != Ranking.SoftNegatives.AVERAGE_VECTOR) {
      return ranking;
    }
    Metric metric = store.schema().column(r.column()).metric();
    float[] positive = mean(r.positives(), metric);
    float[] target = positive.clone();
    if (!r.negatives().isEmpty()) {
      float[] negative = mean(r.negatives(), metric);
      for (int i = 0; i < target.length; i++) {
        target[i] += positive[i] - negative[i];
      }
    }
    double norm = 0;
    for (float x : target) {
      norm += (double) x * x;
    }
    if (Math.sqrt(norm) < CANCELLED) {
      throw new InvalidInputException(ErrorCode.INVALID_VECTOR, "the positive and negative examples on '"
          + r.column() + "' cancel out: mean(pos) + (mean(pos) - mean(neg)) has length " + (float) Math.sqrt(norm));
    }
    return Ranking.nearestTo(r.column(), target);
  }

  /** Below this length the average-vector target is rounding noise, not a direction. */
  private static final double CANCELLED = 1e-4;

  private static float[] mean(List<float[]> vectors, Metric metric) {
    float[] sum = new float[vectors.getFirst().length];
    for (float[] v : vectors) {
      float[] p = metric.prepare(v);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += p[i] / vectors.size();
      }
    }
    return sum;
  }
}
