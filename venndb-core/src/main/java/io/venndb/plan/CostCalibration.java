package io.venndb.plan;

import io.venndb.catalog.ColumnDef;
import io.venndb.index.FlatVectorSearch;
import io.venndb.index.VectorIndexes;
import io.venndb.index.hnsw.HnswResult;
import io.venndb.index.hnsw.HnswSearcher;
import io.venndb.store.CollectionStore;
import io.venndb.store.ReadView;
import io.venndb.store.VectorArena;
import java.util.List;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * Measures the planner's unit costs on a collection's own data, once, at its first query: a
 * sequential distance computation (flat scan over the statistics sample), a distance computation
 * inside a graph walk (a few searches, time over distance computations), a bitmap intersection
 * per doc, a row read (multi-get of sampled rows) and a membership test. Each is the best of a few
 * repeats after a warm-up long enough for the JIT to compile the measured path (a cold kernel is
 * several times slower than a warm one, and the first query of a process is exactly when this
 * runs), so a momentary stall on a shared machine does not skew the plan; a figure that cannot be
 * measured (no vectors, no graph) keeps its nominal value.
 */
final class CostCalibration {
  private static final int REPEATS = 5;
  /** Warm-up per measurement: long enough for C2 to compile a loop, short enough for a first query. */
  private static final long WARM_UP_NANOS = 40_000_000L;

  private CostCalibration() {}

  static UnitCosts measure(CollectionStore store, VectorIndexes vectorIndexes, Statistics statistics, ReadView view) {
    UnitCosts nominal = UnitCosts.NOMINAL;
    int[] sample = statistics.sampleDocs();
    int vectorColumn = firstVectorColumn(store);
    double distance = nominal.distanceNs();
    double graph = nominal.graphDistanceNs();
    if (vectorColumn >= 0 && sample.length >= 64) {
      distance = flatDistanceNs(store, vectorColumn, sample);
      if (vectorIndexes.graph(vectorColumn) != null) {
        graph = Math.max(distance, graphDistanceNs(store.arena(vectorColumn), vectorIndexes.searcher(vectorColumn),
            sample, view.liveDocs()));
      }
    }
    double row = sample.length >= 16 ? rowFetchNs(store, view, sample) : nominal.rowFetchNs();
    return new UnitCosts(distance, graph, bitmapNsPerDoc(), row, testNs());
  }

  private static int firstVectorColumn(CollectionStore store) {
    List<ColumnDef> columns = store.schema().columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).isVector() && store.arena(i).vectorCount() > 0) {
        return i;
      }
    }
    return -1;
  }

  private static double flatDistanceNs(CollectionStore store, int column, int[] sample) {
    VectorArena arena = store.arena(column);
    RoaringBitmap docs = RoaringBitmap.bitmapOf(sample);
    float[] query = new float[arena.dimension()];
    arena.get(sample[0], query);
    var metric = store.schema().columns().get(column).metric();
    return best(() -> {
      for (int r = 0; r < 8; r++) {
        FlatVectorSearch.topK(arena, metric, query, 10, docs);
      }
    }) / (8.0 * sample.length);
  }

  private static double graphDistanceNs(VectorArena arena, HnswSearcher searcher, int[] sample, RoaringBitmap live) {
    float[][] queries = new float[4][arena.dimension()];
    for (int i = 0; i < queries.length; i++) {
      arena.get(sample[(i * 97) % sample.length], queries[i]);
    }
    long[] distances = new long[1];
    double nanos = best(() -> {
      distances[0] = 0;
      for (float[] q : queries) {
        HnswResult r = searcher.search(q, 10, 64, live);
        distances[0] += r.distanceComputations();
      }
    });
    return nanos / Math.max(1, distances[0]);
  }

  private static double rowFetchNs(CollectionStore store, ReadView view, int[] sample) {
    int[] docs = java.util.Arrays.copyOf(sample, Math.min(64, sample.length));
    return best(() -> store.rows(view, docs, false)) / docs.length;
  }

  private static double bitmapNsPerDoc() {
    SplittableRandom random = new SplittableRandom(7);
    RoaringBitmap a = new RoaringBitmap();
    RoaringBitmap b = new RoaringBitmap();
    for (int i = 0; i < 20_000; i++) {
      a.add(random.nextInt(1 << 20));
      b.add(random.nextInt(1 << 20));
    }
    return best(() -> RoaringBitmap.and(a, b).getCardinality()) / 40_000.0;
  }

  private static double testNs() {
    SplittableRandom random = new SplittableRandom(11);
    RoaringBitmap set = new RoaringBitmap();
    for (int i = 0; i < 20_000; i++) {
      set.add(random.nextInt(1 << 20));
    }
    int[] probes = random.ints(10_000, 0, 1 << 20).toArray();
    int[] sink = new int[1];
    double nanos = best(() -> {
      for (int p : probes) {
        sink[0] += set.contains(p) ? 1 : 0;
      }
    });
    return nanos / probes.length;
  }

  /** Fastest of a few timed runs after a warm-up, in nanoseconds. */
  private static double best(Runnable run) {
    long warmUntil = System.nanoTime() + WARM_UP_NANOS;
    do {
      run.run();
    } while (System.nanoTime() < warmUntil);
    long best = Long.MAX_VALUE;
    for (int r = 0; r < REPEATS; r++) {
      long start = System.nanoTime();
      run.run();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best;
  }
}
