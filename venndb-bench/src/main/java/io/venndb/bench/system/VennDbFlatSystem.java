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
import io.venndb.query.SearchHit;
import io.venndb.query.SearchRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;

/**
 * VennDB's exact search through the public embedded API: rows imported with a {@link BulkWriter},
 * each task one {@link Collection#search} — the filter evaluated on the bitmap and sorted indexes,
 * then a SIMD flat scan over the matching doc ids, then the keys fetched from RocksDB. Vector NOT
 * cannot be expressed yet (it arrives with the query engine) and is reported as not supported.
 */
public final class VennDbFlatSystem implements SearchSystem {
  public static final String NAME = "venndb-flat";

  private VennDB db;
  private Collection collection;
  private KeyIndex keys;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "VennDB exact search (filter bitmaps + SIMD flat scan) via Collection.search; RocksDB store";
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
    Path dir = workDir.resolve("venndb");
    db = VennDB.open(dir, new DatabaseOptions(false));
    collection = db.createCollection(VennSchemas.schema("bench", base));
    try (ProgressBar bar = Embeddings.bar("Importing into VennDB", base.size());
        BulkWriter writer = collection.bulkWriter(1000)) {
      for (int i = 0; i < base.size(); i++) {
        writer.upsert(VennSchemas.row(base, i));
        bar.step();
      }
    }
    keys = new KeyIndex(base.keys());
    double seconds = (System.nanoTime() - start) / 1e9;
    return BuildReport.of(seconds, DirectorySize.of(dir),
        "bulk import, group commit (one fsync per flush); exact search needs no index build");
  }

  @Override
  public List<SearchParams> sweep(Workload workload, boolean quick) {
    return List.of(SearchParams.of(NAME));
  }

  @Override
  public SearchResult search(QueryTask task, SearchParams params) {
    SearchRequest request = SearchRequest.nearest(VennSchemas.VECTOR, task.vector(), task.k()).withColumns(List.of());
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
