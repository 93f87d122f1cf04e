package io.venndb.bench.detector;

import io.venndb.bench.data.Embeddings;
import io.venndb.datasets.DebianPackages;
import io.venndb.embed.Embedder;
import io.venndb.embed.EmbeddingCache;
import io.venndb.embed.Embedders;
import io.venndb.index.hnsw.HnswSearcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How the HNSW streaming cursor's departure detector trades recall for work (issue #4): the
 * median-window rule (M = median of the last w visited, R = E-th nearest visited; departed once
 * M &gt; R) for E in {16, 32, 64, 100, 200, 400} × w in {8, 16, 64, 256}, against the released
 * VBASE code's last-visited rule (w = 1) for the same E.
 *
 * <p>Data: the 63,666 Debian package description embeddings (MiniLM, 384-d, cosine; read from
 * the embedding cache, computed on first use), {@code queries} random rows held out as queries,
 * the rest in one HNSW graph (m = 16, ef_construction = 100, built by every core). Ground truth:
 * brute force in double precision. Workloads: streamed top-10 with a random per-row predicate
 * passing 100%, 10% and 1% of rows; range with the radius halfway between the n-th and (n+1)-th
 * true neighbour for n = 10, 100, 1000; a range below the nearest neighbour, which no row
 * satisfies. Each cell reports recall, short and empty answers, nodes visited, distance
 * computations, stop reasons and single-thread QPS (median of {@code repeats} timed passes after
 * one scoring pass that doubles as warm-up). About five minutes on two cores with the defaults.
 *
 * <p>Usage: {@code DetectorBenchmark [queries=200] [repeats=3] [seed=7] [out.md]}
 */
public final class DetectorBenchmark {
  private DetectorBenchmark() {}

  public static void main(String[] args) throws IOException {
    int queries = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
    Path out = args.length > 3 ? Path.of(args[3]) : null;
    float[][] vectors = debianDescriptions();
    int threads = Runtime.getRuntime().availableProcessors();
    SplittableRandom random = new SplittableRandom(seed);
    try (DetectorData data = DetectorData.build(vectors, queries, random.split(), threads)) {
      StringBuilder report = new StringBuilder(header(data, vectors.length, queries, repeats, seed, threads));
      System.out.print(report);
      List<Measured> measured = new ArrayList<>();
      for (Workload workload : Workloads.all(data, random.split())) {
        Measured m = measure(data, workload, repeats);
        measured.add(m);
        String section = DetectorTables.section(m);
        System.out.print(section);
        report.append(section);
      }
      String cheapest = DetectorTables.cheapest(measured);
      System.out.print(cheapest);
      report.append(cheapest);
      if (out != null) {
        Files.writeString(out, report);
        System.err.println("wrote " + out);
      }
    }
  }

  private static float[][] debianDescriptions() {
    List<Map<String, Object>> rows = DebianPackages.readBundled();
    List<String> texts = rows.stream().map(r -> String.valueOf(r.get("description"))).toList();
    try (Embedder embedder = Embedders.builtIn()) {
      return new Embeddings(embedder, EmbeddingCache.atDefaultLocation()).embed("debian", texts, 1 << 17);
    }
  }

  private static Measured measure(DetectorData data, Workload workload, int repeats) {
    long start = System.nanoTime();
    HnswSearcher searcher = data.index().newSearcher();
    List<Cell> cells = new ArrayList<>();
    for (Setting setting : Setting.grid()) {
      cells.add(CellMeasurer.measure(searcher, workload, setting, repeats));
    }
    System.err.printf(Locale.ROOT, "%s: %d settings in %.0f s%n", workload.name(), cells.size(),
        (System.nanoTime() - start) / 1e9);
    return new Measured(workload, cells);
  }

  private static String header(DetectorData data, int rows, int queries, int repeats, long seed, int threads) {
    return String.format(Locale.ROOT, "departure detector benchmark: %,d Debian description embeddings (384-d, cosine),"
        + " %,d in the graph, %d held out as queries, seed %d; HNSW m=%d ef_construction=%d built by %d threads"
        + " in %.1f s; single-thread QPS = median of %d timed passes after a scoring pass."
        + " MW = median window (E, w), LV = last visited (E, w = 1); the default setting is in bold.%n",
        rows, data.live().getCardinality(), queries, seed, DetectorData.M, DetectorData.EF_CONSTRUCTION,
        threads, data.buildSeconds(), repeats);
  }
}
