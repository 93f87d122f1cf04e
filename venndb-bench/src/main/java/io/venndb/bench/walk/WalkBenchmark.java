package io.venndb.bench.walk;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Directories;
import io.venndb.bench.data.Embeddings;
import io.venndb.bench.data.PypiSource;
import io.venndb.bench.data.TextCorpus;
import io.venndb.bench.system.LuceneHnswSystem;
import io.venndb.bench.system.TopKEngine;
import io.venndb.embed.Embedder;
import io.venndb.embed.EmbeddingCache;
import io.venndb.embed.Embedders;
import io.venndb.index.hnsw.HnswConfig;
import io.venndb.index.hnsw.HnswIndex;
import io.venndb.index.hnsw.HnswResult;
import io.venndb.index.hnsw.HnswSearcher;
import io.venndb.store.VectorArena;
import io.venndb.vector.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.roaringbitmap.RoaringBitmap;

/**
 * The unfiltered top-10 graph walk alone (issue #4): VennDB's {@link HnswSearcher} against
 * Lucene's HNSW on the same PyPI summary embeddings (MiniLM, 384-d, cosine), with the same M = 16
 * and beam width 100, both built by every core. It leaves out the query engine (planning, rows,
 * projection) that the macro harness measures, so the cost of one distance computation in each
 * walk can be compared: the time per query divided by the vectors it scored.
 *
 * <p>{@code queries} seeded random rows of the first {@code rows} are held out as queries; truth
 * is brute force in double precision. Each system first makes one untimed pass per setting
 * (warm-up, recall and work counts); then {@code repeats} rounds time every setting, the two
 * systems alternating which goes first, and the median round is reported. Single thread.
 *
 * <p>Usage: {@code WalkBenchmark [rows=all] [queries=500] [repeats=3] [efs=16,32,64,128,256]
 * [data-dir] [out.md]}; rows 0 means all 828,166.
 */
public final class WalkBenchmark {
  static final int K = 10;
  static final int M = 16;
  static final int EF_CONSTRUCTION = 100;

  private WalkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int[] efs = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {16, 32, 64, 128, 256};
    Path dataDir = args.length > 4 ? Path.of(args[4]) : null;
    Path out = args.length > 5 ? Path.of(args[5]) : null;
    int threads = Runtime.getRuntime().availableProcessors();

    Dataset all = pypi(dataDir, rows <= 0 ? Integer.MAX_VALUE : rows);
    WalkData data = WalkData.split(all, queryCount, new SplittableRandom(7));
    StringBuilder report = new StringBuilder();
    report.append(String.format(Locale.ROOT, "%,d base vectors (%d-d, cosine), %,d held-out queries (seed 7), "
        + "top-%d, M=%d, beam width %d, %d build threads, %d timed rounds (median)%n%n",
        data.base().size(), data.base().dimension(), data.queries().length, K, M, EF_CONSTRUCTION, threads,
        repeats));
    try (VennWalk venn = VennWalk.build(data.base(), threads);
        LuceneHnswSystem lucene = new LuceneHnswSystem(M, EF_CONSTRUCTION, threads, 0)) {
      Path work = Files.createTempDirectory("venndb-walk");
      try {
        report.append(measure(venn, lucene, lucene.build(data.base(), work).seconds(), data, efs, repeats));
      } finally {
        Directories.deleteTree(work); // Lucene's index of all PyPI is over a gigabyte
      }
    }
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, report);
      System.err.println("wrote " + out);
    }
  }

  /** Build figures, then every setting of both systems scored once and timed over the rounds. */
  private static String measure(VennWalk venn, LuceneHnswSystem lucene, double luceneBuild, WalkData data,
      int[] efs, int repeats) throws Exception {
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "Build: VennDB %.1f s, Lucene %.1f s. "
        + "VennDB graph %.1f bytes per vector (layer-0 links alone: %d).%n%n", venn.buildSeconds(), luceneBuild,
        venn.graphBytesPerVector(), 2 * M * Integer.BYTES));
    List<Walker> walkers = List.of(venn::search, (q, ef) -> luceneSearch(lucene, q, ef));
    List<String> names = List.of("venndb", "lucene");
    Row[][] rows = new Row[walkers.size()][efs.length];
    for (int s = 0; s < walkers.size(); s++) {
      for (int e = 0; e < efs.length; e++) {
        rows[s][e] = Row.scored(names.get(s), efs[e], walkers.get(s), data);
      }
    }
    for (int round = 0; round < repeats; round++) {
      for (int i = 0; i < walkers.size(); i++) {
        int s = (i + round) % walkers.size(); // the systems take turns going first
        for (int e = 0; e < efs.length; e++) {
          rows[s][e].time(walkers.get(s), data.queries());
        }
      }
    }
    return report.append(Row.table(rows)).toString();
  }

  private static Dataset pypi(Path dataDir, int limit) throws Exception {
    TextCorpus corpus = PypiSource.read(PypiSource.locate(dataDir, Path.of("").toAbsolutePath()), limit);
    try (Embedder embedder = Embedders.builtIn()) {
      return corpus.embed(new Embeddings(embedder, EmbeddingCache.atDefaultLocation()), Embeddings.CHUNK_ROWS);
    }
  }

  private static Walk luceneSearch(LuceneHnswSystem lucene, float[] query, int ef) throws Exception {
    TopKEngine.Scored scored = lucene.topK(query, K, null, ef);
    return new Walk(scored.ids(), scored.distanceComputations(), -1);
  }

  /** One query's answer (base ordinals) and work; {@code nodesVisited} is -1 where not reported. */
  record Walk(int[] ids, long distances, long nodesVisited) {}

  @FunctionalInterface
  interface Walker {
    Walk search(float[] query, int ef) throws Exception;
  }

  /** Base rows, held-out queries, and each query's true top-k ordinals. */
  record WalkData(Dataset base, float[][] queries, int[][] truth) {
    static WalkData split(Dataset all, int queryCount, SplittableRandom random) {
      int n = all.size();
      int[] held = random.ints(0, n).distinct().limit(queryCount).sorted().toArray();
      RoaringBitmap heldSet = RoaringBitmap.bitmapOf(held);
      int[] kept = IntStream.range(0, n).filter(i -> !heldSet.contains(i)).toArray();
      Dataset base = all.select(kept);
      float[][] queries = Arrays.stream(held).mapToObj(i -> all.vectors()[i]).toArray(float[][]::new);
      int[][] truth = new int[queries.length][];
      IntStream.range(0, queries.length).parallel().forEach(q -> truth[q] = bruteForce(base.vectors(), queries[q]));
      return new WalkData(base, queries, truth);
    }

    /** The K base ordinals of largest dot product (unit vectors: cosine), in double precision. */
    private static int[] bruteForce(float[][] base, float[] query) {
      double[] best = new double[K];
      int[] ids = new int[K];
      Arrays.fill(best, Double.NEGATIVE_INFINITY);
      for (int d = 0; d < base.length; d++) {
        double dot = 0;
        for (int i = 0; i < query.length; i++) {
          dot += (double) query[i] * base[d][i];
        }
        if (dot > best[K - 1]) {
          int j = K - 1;
          for (; j > 0 && best[j - 1] < dot; j--) {
            best[j] = best[j - 1];
            ids[j] = ids[j - 1];
          }
          best[j] = dot;
          ids[j] = d;
        }
      }
      return ids;
    }
  }

  /** VennDB's graph over an arena of the base vectors, doc id = base ordinal. */
  static final class VennWalk implements AutoCloseable {
    private final VectorArena arena;
    private final HnswIndex index;
    private final HnswSearcher searcher;
    private final RoaringBitmap live;
    private final double buildSeconds;

    private VennWalk(VectorArena arena, HnswIndex index, RoaringBitmap live, double buildSeconds) {
      this.arena = arena;
      this.index = index;
      this.searcher = index.newSearcher();
      this.live = live;
      this.buildSeconds = buildSeconds;
    }

    static VennWalk build(Dataset base, int threads) {
      long start = System.nanoTime();
      VectorArena arena = new VectorArena(base.dimension());
      for (int i = 0; i < base.size(); i++) {
        arena.set(i, Metric.COSINE.prepare(base.vectors()[i]));
      }
      RoaringBitmap live = new RoaringBitmap();
      live.add(0L, base.size());
      HnswConfig config = new HnswConfig(M, EF_CONSTRUCTION, HnswConfig.DEFAULT_EF_SEARCH, HnswConfig.DEFAULT_SEED);
      HnswIndex index = HnswIndex.build(arena, Metric.COSINE, config, live, doc -> doc, threads);
      return new VennWalk(arena, index, live, (System.nanoTime() - start) / 1e9);
    }

    Walk search(float[] query, int ef) {
      HnswResult r = searcher.search(query, K, ef, live);
      return new Walk(r.docIds(), r.distanceComputations(), r.nodesVisited());
    }

    double buildSeconds() {
      return buildSeconds;
    }

    double graphBytesPerVector() {
      return index.linkBytes() / (double) index.size();
    }

    @Override
    public void close() {
      arena.close();
    }
  }

  /** One system at one setting: recall and work from the scoring pass, times from the rounds. */
  static final class Row {
    private final String system;
    private final int ef;
    private final double recall;
    private final double distances;
    private final double visited;
    private final List<Double> microsPerQuery = new ArrayList<>();
    /** Every timed query's latency in µs, over all rounds. */
    private final List<Double> latencies = new ArrayList<>();

    private Row(String system, int ef, double recall, double distances, double visited) {
      this.system = system;
      this.ef = ef;
      this.recall = recall;
      this.distances = distances;
      this.visited = visited;
    }

    static Row scored(String system, int ef, Walker walker, WalkData data) throws Exception {
      double recall = 0, distances = 0, visited = 0;
      for (int q = 0; q < data.queries().length; q++) {
        Walk w = walker.search(data.queries()[q], ef);
        recall += recall(w.ids(), data.truth()[q]);
        distances += w.distances();
        visited += w.nodesVisited();
      }
      int n = data.queries().length;
      return new Row(system, ef, recall / n, distances / n, visited < 0 ? -1 : visited / n);
    }

    void time(Walker walker, float[][] queries) throws Exception {
      long start = System.nanoTime();
      for (float[] q : queries) {
        long before = System.nanoTime();
        walker.search(q, ef);
        latencies.add((System.nanoTime() - before) / 1e3);
      }
      microsPerQuery.add((System.nanoTime() - start) / 1e3 / queries.length);
    }

    static String table(Row[][] rows) {
      StringBuilder sb = new StringBuilder(
          "| system | ef / numCandidates | recall@10 | µs per query | QPS | p50 / p99 µs | distances per query "
              + "| nodes expanded per query | ns per distance |\n|---|---|---|---|---|---|---|---|---|\n");
      for (Row[] system : rows) {
        for (Row r : system) {
          double micros = r.medianMicros();
          sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.0f | %.0f | %.0f / %.0f | %.0f | %s | %.0f |%n",
              r.system, r.ef, r.recall, micros, 1e6 / micros, r.latency(0.5), r.latency(0.99), r.distances,
              r.visited < 0 ? "–" : String.format(Locale.ROOT, "%.0f", r.visited), micros * 1e3 / r.distances));
        }
      }
      return sb.toString();
    }

    private double latency(double quantile) {
      List<Double> sorted = latencies.stream().sorted().toList();
      return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())));
    }

    private double medianMicros() {
      List<Double> sorted = microsPerQuery.stream().sorted().toList();
      return sorted.get(sorted.size() / 2);
    }

    private static double recall(int[] got, int[] truth) {
      RoaringBitmap want = RoaringBitmap.bitmapOf(truth);
      return Arrays.stream(got).filter(want::contains).count() / (double) truth.length;
    }
  }
}
