package io.venndb.bench.system;

import io.venndb.api.BulkWriter;
import io.venndb.api.Collection;
import io.venndb.api.CollectionStats;
import io.venndb.api.DatabaseOptions;
import io.venndb.api.VennDB;
import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Embeddings;
import io.venndb.bench.filter.VennFilters;
import io.venndb.bench.workload.Family;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.plan.QueryExplanation;
import io.venndb.query.Predicate;
import io.venndb.query.Query;
import io.venndb.query.Ranking;
import io.venndb.query.SearchHit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;

/**
 * VennDB through the public embedded API: rows imported with a {@link BulkWriter}, each task one
 * {@link Collection#query} — {@code WHERE filter [AND NOT similarity(x, B) > β] [AND
 * similarity(x, Q) >= t] ORDER BY distance(x, Q) LIMIT k}, keys only — planned by the cost-based
 * planner: exact top-k over the materialised filter, filtered HNSW traversal, the streaming VBASE
 * cursor testing the filter per row, or plain HNSW top-k; and per vector condition, an HNSW range
 * scan (of the complement, subtracted, for NOT) or one distance per candidate. {@code venndb-flat}
 * has no vector index, so every plan is exact; {@code venndb-hnsw} sweeps {@code ef} (range tasks
 * use the cursor's own stop rule). Every family, vector NOT included, is supported.
 *
 * <p>For {@code venndb-hnsw} the harness also records {@link #explainAnalyze EXPLAIN ANALYZE} of
 * each workload's reported queries at the column's default {@code ef}, outside the timed passes.
 */
public final class VennDbSystem implements SearchSystem {
  public static final String FLAT = "venndb-flat";
  public static final String HNSW = "venndb-hnsw";
  static final String EF = "ef";

  private final String name;
  /** Null for the flat system. */
  private final VectorIndexSpec index;
  private VennDB db;
  private Collection collection;
  private KeyIndex keys;

  private VennDbSystem(String name, VectorIndexSpec index) {
    this.name = name;
    this.index = index;
  }

  /** Exact search: no vector index. */
  public static VennDbSystem flat() {
    return new VennDbSystem(FLAT, null);
  }

  /** HNSW with the same M and construction beam as the other graph systems. */
  public static VennDbSystem hnsw(int m, int efConstruction) {
    return new VennDbSystem(HNSW, VectorIndexSpec.hnsw(m, efConstruction));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return index == null
        ? "VennDB exact search via Collection.query (no vector index: filter bitmaps and sorted indexes, "
            + "vector conditions by flat scan or per candidate, exact top-k over int8 sketches then floats); "
            + "RocksDB store"
        : "VennDB " + index + " via Collection.query (cost-based planner: exact over the filter, bit scan of "
            + "the filter, filtered HNSW, streaming VBASE cursor or HNSW top-k; vector NOT by HNSW range scan of "
            + "the complement or per candidate); graph built in parallel at the bulk writer's flush";
  }

  @Override
  public Optional<String> unsupported(Workload workload) {
    return Optional.empty();
  }

  @Override
  public BuildReport build(Dataset base, Path workDir) {
    long start = System.nanoTime();
    Path dir = workDir.resolve(name);
    db = VennDB.open(dir, new DatabaseOptions(false));
    collection = db.createCollection(VennSchemas.schema("bench", base, index));
    try (ProgressBar bar = Embeddings.bar("Importing into VennDB", base.size());
        BulkWriter writer = collection.bulkWriter(1000)) {
      for (int i = 0; i < base.size(); i++) {
        writer.upsert(VennSchemas.row(base, i));
        bar.step();
      }
    }
    keys = new KeyIndex(base.keys());
    double seconds = (System.nanoTime() - start) / 1e9;
    return BuildReport.of(seconds, DirectorySize.of(dir), index == null
        ? "bulk import, group commit (one fsync per flush); exact search needs no index build; "
            + memoryNote(collection.stats(), base.size())
        : "bulk import, group commit; HNSW built with every core at the flush; "
            + memoryNote(collection.stats(), base.size()));
  }

  /**
   * Memory per vector from the collection's own accounting: the arena's off-heap vectors and, with
   * an index, the graph's links against the bound (raw vectors + 1.2 × layer-0 links, 2M
   * ints per node).
   */
  private String memoryNote(CollectionStats stats, int rows) {
    String vectors = "vectors %,.0f B/vector off-heap".formatted((double) stats.vectorBytesOffHeap() / rows);
    if (index == null) {
      return vectors;
    }
    double graphPerVector = (double) stats.graphBytes() / rows;
    double layer0Links = 2.0 * index.m() * Integer.BYTES;
    return vectors + ", graph %,.1f B/vector = %.2f × layer-0 links (2M × 4 B)"
        .formatted(graphPerVector, graphPerVector / layer0Links);
  }

  @Override
  public List<SearchParams> sweep(Workload workload, boolean quick) {
    if (index == null || workload.family() == Family.RANGE) {
      return List.of(SearchParams.of(name)); // exact, or the cursor's own stop rule
    }
    // The quick sweep starts as low as Lucene's (numCandidates = k): since the stream's E follows
    // ef, ef=16 is a cheaper setting and not the same as 32.
    int[] efs = quick ? new int[] {16, 32, 64, 128, 256} : new int[] {16, 32, 64, 128, 256, 512};
    List<SearchParams> out = new ArrayList<>();
    for (int ef : efs) {
      out.add(SearchParams.of(name, EF, Math.max(ef, workload.k())));
    }
    return out.stream().distinct().toList();
  }

  /**
   * The query a task stands for. Vector NOT is {@code NOT similarity(x, B) > β} — the rows the
   * ground truth, Lucene's MUST_NOT clause and the client-side baseline exclude are exactly those
   * with sim(x, B) > β; a range task is {@code similarity(x, Q) >= t}, as
   * {@code SearchRequest.withMinSimilarity} was. {@code ef} 0 leaves the column's default.
   */
  static Query query(QueryTask task, int ef) {
    List<Predicate> conditions = new ArrayList<>(3);
    if (task.filter() != null) {
      conditions.add(VennFilters.toPredicate(task.filter()));
    }
    if (task.negative() != null) {
      conditions.add(Predicate.not(Predicate.similarityAbove(VennSchemas.VECTOR, task.negative(), task.beta())));
    }
    if (task.isRange()) {
      conditions.add(Predicate.similarityAtLeast(VennSchemas.VECTOR, task.vector(), task.threshold()));
    }
    Query query = switch (conditions.size()) {
      case 0 -> Query.all();
      case 1 -> Query.where(conditions.getFirst());
      default -> Query.where(Predicate.and(conditions.toArray(Predicate[]::new)));
    };
    return query.rankedBy(Ranking.nearestTo(VennSchemas.VECTOR, task.vector())).withLimit(task.k())
        .withColumns(List.of()).withEf(ef);
  }

  private static int ef(SearchParams params) {
    return params.knobs().containsKey(EF) ? params.intKnob(EF) : 0;
  }

  @Override
  public SearchResult search(QueryTask task, SearchParams params) {
    return SearchResult.of(ordinals(collection.query(query(task, ef(params)))));
  }

  /**
   * Whether the harness records this system's plans: {@code venndb-hnsw} only (without a vector
   * index every plan is an exact one).
   */
  public boolean explainsPlans() {
    return index != null;
  }

  /** The setting plans are recorded at: the column's default {@code ef}. */
  public SearchParams defaultSetting() {
    return SearchParams.of(name);
  }

  /**
   * Runs the task as {@code EXPLAIN ANALYZE}: the plan, the runner-up and actual figures per
   * node. Slower than {@link #search} (per-node timing); never called inside a timed pass.
   */
  public QueryExplanation explainAnalyze(QueryTask task, SearchParams params) {
    return collection.explainAnalyze(query(task, ef(params)));
  }

  /** The task run as EXPLAIN ANALYZE: the hits with the distances and graph nodes of every operator. */
  @Override
  public Optional<SearchResult> counted(QueryTask task, SearchParams params) {
    QueryExplanation e = explainAnalyze(task, params);
    return Optional.of(new SearchResult(ordinals(e.hits()), e.distanceComputations(), e.nodesVisited()));
  }

  /** Base-row ordinals of hits. */
  int[] ordinals(List<SearchHit> hits) {
    int[] ids = new int[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = keys.ordinal(hits.get(i).key());
    }
    return ids;
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
    }
  }
}
