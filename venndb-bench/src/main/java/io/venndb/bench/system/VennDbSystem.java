package io.venndb.bench.system;

import io.venndb.api.BulkWriter;
import io.venndb.api.Collection;
import io.venndb.api.DatabaseOptions;
import io.venndb.api.VennDB;
import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Embeddings;
import io.venndb.bench.filter.VennFilters;
import io.venndb.bench.workload.Family;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import io.venndb.catalog.VectorIndexSpec;
import java.util.ArrayList;
import io.venndb.query.SearchHit;
import io.venndb.query.SearchRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;

/**
 * VennDB through the public embedded API: rows imported with a {@link BulkWriter}, each task one
 * {@link Collection#search} — the filter evaluated on the bitmap and sorted indexes, then either
 * the SIMD flat scan over the matching doc ids ({@code venndb-flat}) or the HNSW index
 * ({@code venndb-hnsw}: top-k, filtered top-k, or the VBASE cursor for thresholds), then the keys
 * fetched from RocksDB. Vector NOT cannot be expressed yet (it arrives with the query engine) and
 * is reported as not supported.
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
        ? "VennDB exact search (filter bitmaps + SIMD flat scan) via Collection.search; RocksDB store"
        : "VennDB " + index + " via Collection.search (filtered: exact scan or ACORN-style walk by expected cost; "
            + "threshold: VBASE cursor); graph built in parallel at the bulk writer's flush";
  }

  @Override
  public Optional<String> unsupported(Workload workload) {
    if (workload.family() == Family.VECTOR_NOT) {
      return Optional.of("VennDB cannot express vector NOT (sim(x, B) > beta) yet; it comes with the query engine");
    }
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
        ? "bulk import, group commit (one fsync per flush); exact search needs no index build"
        : "bulk import, group commit; HNSW built with every core at the flush");
  }

  @Override
  public List<SearchParams> sweep(Workload workload, boolean quick) {
    if (index == null || workload.family() == Family.RANGE) {
      return List.of(SearchParams.of(name)); // exact, or the cursor's own stop rule
    }
    int[] efs = quick ? new int[] {32, 64, 128, 256} : new int[] {16, 32, 64, 128, 256, 512};
    List<SearchParams> out = new ArrayList<>();
    for (int ef : efs) {
      out.add(SearchParams.of(name, EF, Math.max(ef, workload.k())));
    }
    return out.stream().distinct().toList();
  }

  @Override
  public SearchResult search(QueryTask task, SearchParams params) {
    SearchRequest request = SearchRequest.nearest(VennSchemas.VECTOR, task.vector(), task.k()).withColumns(List.of());
    if (params.knobs().containsKey(EF)) {
      request = request.withEf(params.intKnob(EF));
    }
    if (task.filter() != null) {
      request = request.withFilter(VennFilters.toPredicate(task.filter()));
    }
    if (task.isRange()) {
      request = request.withMinSimilarity(task.threshold());
    }
    List<SearchHit> hits = collection.search(request);
    int[] ids = new int[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = keys.ordinal(hits.get(i).key());
    }
    return SearchResult.of(ids);
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
    }
  }
}
