package io.venndb.plan;

import io.venndb.catalog.ColumnDef;
import io.venndb.index.BitScan;
import io.venndb.index.FlatVectorSearch;
import io.venndb.index.VectorIndexes;
import io.venndb.index.hnsw.HnswResult;
import io.venndb.index.hnsw.HnswSearcher;
import io.venndb.store.CollectionStore;
import io.venndb.store.ReadView;
import io.venndb.store.VectorArena;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * Measures the planner's unit costs on a collection's own data, once, at its first query: an
 * exact distance computation, a candidate of a sketched top-10 scan and one of a bit scan (all over
 * docs spread across the arena), a distance computation inside a graph walk (a few searches, time over
 * distance computations), a bitmap intersection per doc, a row read (multi-get of sampled rows)
 * and a membership test. Each is warmed up long enough for the JIT to compile the measured path (a
 * cold kernel is several times slower than a warm one, and the first query of a process is
 * exactly when this runs), then all are timed together in rounds by an {@link InterleavedTimer},
 * so a stall on a shared machine slows them alike and the ratios between them hold; a figure that
 * cannot be measured (no vectors, no graph) keeps its nominal value.
 */
final class CostCalibration {
  private CostCalibration() {}

  static UnitCosts measure(CollectionStore store, VectorIndexes vectorIndexes, Statistics statistics, ReadView view) {
    UnitCosts nominal = UnitCosts.NOMINAL;
    int[] sample = statistics.sampleDocs();
    int vectorColumn = firstVectorColumn(store);
    boolean vectors = vectorColumn >= 0 && sample.length >= 64;
    boolean graph = vectors && vectorIndexes.graph(vectorColumn) != null;
    boolean rows = sample.length >= 16;
    List<InterleavedTimer.Task> tasks = new ArrayList<>();
    int bitmapAt = add(tasks, bitmapTask());
    int testAt = add(tasks, testTask());
    int rowAt = rows ? add(tasks, rowFetchTask(store, view, sample)) : -1;
    int distanceAt = -1;
    int sketchedAt = -1;
    int bitsAt = -1;
    if (vectors) {
      RoaringBitmap spread = spread(view.liveDocs(), SCAN_DOCS);
      distanceAt = add(tasks, exactDistanceTask(store, vectorColumn, spread, sample[0]));
      sketchedAt = add(tasks, sketchedScanTask(store, vectorColumn, spread, sample[0]));
      bitsAt = add(tasks, bitScanTask(store, vectorColumn, spread, sample[0]));
    }
    int graphAt = graph ? add(tasks, graphDistanceTask(store.arena(vectorColumn),
        vectorIndexes.searcher(vectorColumn), sample, view.liveDocs())) : -1;
    double[] ns = InterleavedTimer.systemClock().nanosPerUnit(tasks);
    double distance = vectors ? ns[distanceAt] : nominal.distanceNs();
    // A sketched scan reads less than a plain one and scores exactly only what its bounds leave
    // open, so it is priced at most as a plain scan. On docs spread evenly over the arena (what is
    // scored here) each doc costs a memory round trip whatever its size, and the measured figure
    // came out at or above the plain one on every run so far (828k PyPI: 1,011 against 287 ns,
    // while its exact plans ran at ~300 ns a doc); plans over runs of nearby ids do better.
    double sketched = vectors ? Math.min(distance, ns[sketchedAt]) : nominal.sketchScanNs();
    double graphDistance = graph ? Math.max(distance, ns[graphAt]) : nominal.graphDistanceNs();
    double row = rows ? ns[rowAt] : nominal.rowFetchNs();
    // A bit scan's per-candidate figure includes its rescoring's share over these 16k docs; the
    // planner adds the rescoring again, which errs by well under a nanosecond a candidate.
    double bits = vectors ? ns[bitsAt] : nominal.bitScanNs();
    return new UnitCosts(distance, graphDistance, ns[bitmapAt], row, ns[testAt], sketched, bits);
  }

  /** Adds {@code task}; returns its position in the timer's answer. */
  private static int add(List<InterleavedTimer.Task> tasks, InterleavedTimer.Task task) {
    tasks.add(task);
    return tasks.size() - 1;
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

  /**
   * Docs scanned to price a sequential distance: spread over the whole arena and more than a
   * cache holds (16k × 1.5 KB at 384-d), because an exact scan over a scattered filter pays for
   * memory, not arithmetic — pricing it on a cache-resident sample made it look 3× cheaper.
   */
  static final int SCAN_DOCS = 16_384;

  /** One exact distance per doc, over the scattered docs (as a per-row test or an unsketched scan reads them). */
  private static InterleavedTimer.Task exactDistanceTask(CollectionStore store, int column, RoaringBitmap docs,
      int queryDoc) {
    VectorArena arena = store.arena(column);
    var metric = store.schema().columns().get(column).metric();
    float[] prepared = metric.prepare(queryOf(arena, queryDoc));
    float[] sink = new float[1];
    RoaringBitmap few = first(docs, WARM_UP_DOCS);
    return new InterleavedTimer.Task(() -> FlatVectorSearch.scan(arena, metric, prepared, few, (doc, d) -> sink[0] += d),
        () -> FlatVectorSearch.scan(arena, metric, prepared, docs, (doc, d) -> sink[0] += d), docs::getLongCardinality);
  }

  /**
   * A top-10 exact search over the docs, per doc: sketched when the scan sketches (see {@link
   * UnitCosts}). Its int8 kernel runs nowhere else, so it is cold when a collection's first query
   * calibrates: priced after a fixed 40 ms of warm-up it came out at 2.5 µs a doc on the 828k PyPI
   * rows, against ~0.2 µs once compiled.
   */
  private static InterleavedTimer.Task sketchedScanTask(CollectionStore store, int column, RoaringBitmap docs,
      int queryDoc) {
    VectorArena arena = store.arena(column);
    float[] query = queryOf(arena, queryDoc);
    var metric = store.schema().columns().get(column).metric();
    RoaringBitmap few = first(docs, WARM_UP_DOCS);
    return new InterleavedTimer.Task(() -> FlatVectorSearch.topK(arena, metric, query, 10, few),
        () -> FlatVectorSearch.topK(arena, metric, query, 10, docs), docs::getLongCardinality);
  }

  /**
   * A top-10 bit scan over the docs (rescoring its minimum), per doc. Its gather kernel runs nowhere
   * else either, and warmed up on 1,024 docs it was still uncompiled when timed (821 ns a doc on
   * the Debian rows against 17 once compiled), so it warms up on every doc: 16 times the kernel
   * calls in the same number of runs.
   */
  private static InterleavedTimer.Task bitScanTask(CollectionStore store, int column, RoaringBitmap docs, int queryDoc) {
    VectorArena arena = store.arena(column);
    float[] query = queryOf(arena, queryDoc);
    var metric = store.schema().columns().get(column).metric();
    Runnable scan = () -> BitScan.topK(arena, metric, query, 10, 20, docs);
    return new InterleavedTimer.Task(scan, scan, docs::getLongCardinality);
  }

  /** Docs per warm-up scan: enough to run every path of a sketched scan, few enough to repeat often. */
  private static final int WARM_UP_DOCS = 1024;

  private static RoaringBitmap first(RoaringBitmap docs, int count) {
    RoaringBitmap out = new RoaringBitmap();
    var it = docs.getIntIterator();
    for (int i = 0; i < count && it.hasNext(); i++) {
      out.add(it.next());
    }
    return out;
  }

  private static float[] queryOf(VectorArena arena, int doc) {
    float[] query = new float[arena.dimension()];
    arena.get(doc, query);
    return query;
  }

  /** About {@code count} docs taken evenly across {@code live}. */
  private static RoaringBitmap spread(RoaringBitmap live, int count) {
    long stride = Math.max(1, live.getLongCardinality() / count);
    RoaringBitmap out = new RoaringBitmap();
    long i = 0;
    var it = live.getIntIterator();
    while (it.hasNext()) {
      int doc = it.next();
      if (i++ % stride == 0) {
        out.add(doc);
      }
    }
    return out;
  }

  /** A few top-10 graph searches at ef 64, per distance they computed. */
  private static InterleavedTimer.Task graphDistanceTask(VectorArena arena, HnswSearcher searcher, int[] sample,
      RoaringBitmap live) {
    float[][] queries = new float[4][arena.dimension()];
    for (int i = 0; i < queries.length; i++) {
      arena.get(sample[(i * 97) % sample.length], queries[i]);
    }
    long[] distances = new long[1];
    Runnable searches = () -> {
      distances[0] = 0;
      for (float[] q : queries) {
        HnswResult r = searcher.search(q, 10, 64, live);
        distances[0] += r.distanceComputations();
      }
    };
    return new InterleavedTimer.Task(searches, searches, () -> distances[0]);
  }

  private static InterleavedTimer.Task rowFetchTask(CollectionStore store, ReadView view, int[] sample) {
    int[] docs = java.util.Arrays.copyOf(sample, Math.min(64, sample.length));
    return InterleavedTimer.Task.of(() -> store.rows(view, docs, false), docs.length);
  }

  /** Intersecting two 20k-member bitmaps, per member. */
  private static InterleavedTimer.Task bitmapTask() {
    SplittableRandom random = new SplittableRandom(7);
    RoaringBitmap a = new RoaringBitmap();
    RoaringBitmap b = new RoaringBitmap();
    for (int i = 0; i < 20_000; i++) {
      a.add(random.nextInt(1 << 20));
      b.add(random.nextInt(1 << 20));
    }
    return InterleavedTimer.Task.of(() -> RoaringBitmap.and(a, b).getCardinality(), 40_000);
  }

  private static InterleavedTimer.Task testTask() {
    SplittableRandom random = new SplittableRandom(11);
    RoaringBitmap set = new RoaringBitmap();
    for (int i = 0; i < 20_000; i++) {
      set.add(random.nextInt(1 << 20));
    }
    int[] probes = random.ints(10_000, 0, 1 << 20).toArray();
    int[] sink = new int[1];
    return InterleavedTimer.Task.of(() -> {
      for (int p : probes) {
        sink[0] += set.contains(p) ? 1 : 0;
      }
    }, probes.length);
  }
}
