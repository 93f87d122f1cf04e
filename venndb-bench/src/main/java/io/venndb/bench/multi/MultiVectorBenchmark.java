package io.venndb.bench.multi;

import io.venndb.api.BulkWriter;
import io.venndb.api.Collection;
import io.venndb.api.DatabaseOptions;
import io.venndb.api.VennDB;
import io.venndb.bench.data.Directories;
import io.venndb.bench.data.Embeddings;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.datasets.DebianPackages;
import io.venndb.embed.Embedder;
import io.venndb.embed.EmbeddingCache;
import io.venndb.embed.Embedders;
import io.venndb.query.Query;
import io.venndb.query.Ranking;
import io.venndb.query.SearchHit;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Multi-vector top-k on the Debian catalog with two embeddings per package — its description and
 * its name — ranked by {@code w1·distance(desc, Q1) + w2·distance(name, Q2)}, compared with the
 * naive plan a client of a single-vector database runs: top-K' from each column, merge, re-score
 * the union exactly. Systems, in one run, on the same collection (HNSW m=16, ef_construction=100
 * on both columns):
 *
 * <ul>
 *   <li>{@code multi-cursor adaptive} / {@code round-robin}: {@code Collection.query} with a
 *       {@link Ranking.WeightedDistance} (the planner's MULTI_CURSOR strategy);
 *   <li>{@code naive K'}: two {@code nearestTo} queries of K' rows each returning both vectors,
 *       union, exact re-score on the client; K' swept until recall ≥ 0.95;
 *   <li>{@code exact}: the same query with {@code withExact(true)} (flat scan, for scale).
 * </ul>
 *
 * <p>Queries: for each of {@code queries} random packages, Q1 is its description embedding and Q2
 * the name embedding of another random package, so the two terms pull in different directions.
 * Ground truth: brute force in double precision. Reports recall@10, single-thread QPS (median of
 * {@code repeats} timed passes after one warm-up pass) and the QPS ratio to the naive plan at
 * the smallest K' reaching recall ≥ 0.95.
 *
 * <p>Usage: {@code MultiVectorBenchmark [queries=200] [repeats=3] [weights=1:1,1:10,10:1] [seed=7]}
 */
public final class MultiVectorBenchmark {
  static final int K = 10;
  static final double TARGET_RECALL = 0.95;
  static final int[] NAIVE_DEPTHS = {10, 20, 50, 100, 200, 400, 800};

  private MultiVectorBenchmark() {}

  public static void main(String[] args) throws IOException {
    int queries = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<float[]> weights = parseWeights(args.length > 2 ? args[2] : "1:1,1:10,10:1");
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
    List<Map<String, Object>> rows = DebianPackages.readBundled();
    float[][] desc;
    float[][] names;
    try (Embedder embedder = Embedders.builtIn()) {
      Embeddings embeddings = new Embeddings(embedder, EmbeddingCache.atDefaultLocation());
      desc = embeddings.embed("debian", texts(rows, r -> String.valueOf(r.get("description"))), 1 << 17);
      names = embeddings.embed("debian-names", texts(rows, r -> ((String) r.get("package")).replace('-', ' ')), 1 << 17);
    }
    Path dir = Files.createTempDirectory("venndb-multi");
    try {
      run(dir, rows, desc, names, queries, repeats, weights, seed);
    } finally {
      Directories.deleteTree(dir); // two graphs over the Debian catalog: half a gigabyte per run
    }
  }

  private static void run(Path dir, List<Map<String, Object>> rows, float[][] desc, float[][] names, int queries,
      int repeats, List<float[]> weights, long seed) throws IOException {
    try (VennDB db = VennDB.open(dir, new DatabaseOptions(false))) {
      Collection c = load(db, rows, desc, names);
      SplittableRandom random = new SplittableRandom(seed);
      System.out.printf(Locale.ROOT, "multi-vector benchmark: %,d packages, 2 x 384-d (description, name), %d queries,"
          + " k=%d, %d timed passes, seed %d%n", rows.size(), queries, K, repeats, seed);
      for (float[] w : weights) {
        List<Task> tasks = tasks(random, queries, desc, names, w);
        report(c, tasks, w, repeats);
      }
    }
  }

  record Task(float[] q1, float[] q2, float w1, float w2, Set<Long> truth) {}

  static Collection load(VennDB db, List<Map<String, Object>> rows, float[][] desc, float[][] names) {
    Collection c = db.createCollection(SchemaBuilder.collection("packages").longKey("id")
        .vector("desc", desc[0].length, Metric.COSINE, VectorIndexSpec.hnsw(16, 100))
        .vector("name", names[0].length, Metric.COSINE, VectorIndexSpec.hnsw(16, 100)).build());
    long start = System.nanoTime();
    try (BulkWriter writer = c.bulkWriter(5000)) {
      for (int i = 0; i < rows.size(); i++) {
        writer.upsert(Map.of("id", (long) i, "desc", desc[i], "name", names[i]));
      }
    }
    System.out.printf(Locale.ROOT, "imported with two HNSW graphs in %.1f s%n", (System.nanoTime() - start) / 1e9);
    return c;
  }

  static List<Task> tasks(SplittableRandom random, int n, float[][] desc, float[][] names, float[] w) {
    double[][] unitDesc = unit(desc);
    double[][] unitNames = unit(names);
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] q1 = desc[random.nextInt(desc.length)];
      float[] q2 = names[random.nextInt(names.length)];
      tasks.add(new Task(q1, q2, w[0], w[1], truth(unitDesc, unitNames, q1, q2, w)));
    }
    return tasks;
  }

  /** Brute force in double precision: the K smallest weighted sums of cosine distances. */
  static Set<Long> truth(double[][] desc, double[][] names, float[] q1, float[] q2, float[] w) {
    double[] u1 = unit(new float[][] {q1})[0];
    double[] u2 = unit(new float[][] {q2})[0];
    Integer[] order = new Integer[desc.length];
    double[] score = new double[desc.length];
    for (int i = 0; i < desc.length; i++) {
      order[i] = i;
      score[i] = w[0] * (1 - dot(desc[i], u1)) + w[1] * (1 - dot(names[i], u2));
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    Set<Long> top = new HashSet<>();
    for (int i = 0; i < K; i++) {
      top.add((long) order[i]);
    }
    return top;
  }

  private static void report(Collection c, List<Task> tasks, float[] w, int repeats) {
    System.out.printf(Locale.ROOT, "%nweights %s:%s%n", fmt(w[0]), fmt(w[1]));
    System.out.println("| system | recall@10 | QPS (1 thread) | rows pulled or fetched per query |");
    System.out.println("|---|---:|---:|---:|");
    Result adaptive = run(tasks, repeats, t -> multi(c, t, Ranking.Schedule.ADAPTIVE))
        .withWork(meanPulls(c, tasks, Ranking.Schedule.ADAPTIVE));
    print("VennDB multi-cursor, adaptive", adaptive);
    Result roundRobin = run(tasks, repeats, t -> multi(c, t, Ranking.Schedule.ROUND_ROBIN))
        .withWork(meanPulls(c, tasks, Ranking.Schedule.ROUND_ROBIN));
    print("VennDB multi-cursor, round-robin", roundRobin);
    Result naiveAtTarget = null;
    for (int depth : NAIVE_DEPTHS) {
      Result naive = run(tasks, repeats, t -> naive(c, t, depth));
      print("naive: top-" + depth + " per column, merge, re-score", naive);
      if (naive.recall() >= TARGET_RECALL && naiveAtTarget == null) {
        naiveAtTarget = naive;
        break;
      }
    }
    Result exact = run(tasks.subList(0, Math.min(20, tasks.size())), 1, t -> multiExact(c, t));
    print("VennDB exact (flat scan of both columns)", exact);
    if (naiveAtTarget != null) {
      System.out.printf(Locale.ROOT, "adaptive / naive-at-recall-%.2f QPS: %.2fx; round-robin / naive: %.2fx%n",
          TARGET_RECALL, adaptive.qps() / naiveAtTarget.qps(), roundRobin.qps() / naiveAtTarget.qps());
    } else {
      System.out.printf(Locale.ROOT, "naive never reached recall %.2f up to K'=%d%n", TARGET_RECALL,
          NAIVE_DEPTHS[NAIVE_DEPTHS.length - 1]);
    }
  }

  /** Recall, QPS and work of one system over the tasks. */
  record Result(double recall, double qps, double work) {
    Result withWork(double newWork) {
      return new Result(recall, qps, newWork);
    }
  }

  /** What one query returned and how many rows it pulled or fetched. */
  record Answer(List<Long> keys, long work) {}

  private static Result run(List<Task> tasks, int repeats, Function<Task, Answer> system) {
    double recall = 0;
    long work = 0;
    for (Task t : tasks) { // warm-up pass, also the recall pass
      Answer a = system.apply(t);
      recall += a.keys().stream().filter(t.truth()::contains).count() / (double) K;
      work += a.work();
    }
    double[] qps = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long start = System.nanoTime();
      for (Task t : tasks) {
        system.apply(t);
      }
      qps[r] = tasks.size() / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(qps);
    return new Result(recall / tasks.size(), qps[qps.length / 2], work / (double) tasks.size());
  }

  private static Answer multi(Collection c, Task t, Ranking.Schedule schedule) {
    return new Answer(keys(c.query(multiQuery(t, schedule))), 0);
  }

  private static Query multiQuery(Task t, Ranking.Schedule schedule) {
    return Query.all().withLimit(K).withColumns(List.of()).rankedBy(new Ranking.WeightedDistance(
        List.of(Ranking.term("desc", t.q1(), t.w1()), Ranking.term("name", t.q2(), t.w2())), schedule));
  }

  private static final java.util.regex.Pattern PULLS = java.util.regex.Pattern.compile("([0-9,]+) cursor pulls");

  /** Mean cursor pulls per query, read from EXPLAIN ANALYZE outside the timed passes. */
  private static double meanPulls(Collection c, List<Task> tasks, Ranking.Schedule schedule) {
    long pulls = 0;
    for (Task t : tasks) {
      var m = PULLS.matcher(c.explainAnalyze(multiQuery(t, schedule)).text());
      pulls += m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }
    return pulls / (double) tasks.size();
  }

  private static Answer multiExact(Collection c, Task t) {
    Query q = Query.all().withLimit(K).withColumns(List.of()).withExact(true).rankedBy(Ranking.weightedSum(
        Ranking.term("desc", t.q1(), t.w1()), Ranking.term("name", t.q2(), t.w2())));
    return new Answer(keys(c.query(q)), 0);
  }

  /** Top-K' per column with both vectors fetched, union, exact re-score on the client. */
  private static Answer naive(Collection c, Task t, int depth) {
    List<String> both = List.of("desc", "name");
    Map<Long, Double> scored = new HashMap<>();
    double[] u1 = unit(new float[][] {t.q1()})[0];
    double[] u2 = unit(new float[][] {t.q2()})[0];
    long fetched = 0;
    for (Ranking r : List.of(Ranking.nearestTo("desc", t.q1()), Ranking.nearestTo("name", t.q2()))) {
      for (SearchHit h : c.query(Query.all().rankedBy(r).withLimit(depth).withColumns(both))) {
        fetched++;
        scored.computeIfAbsent((Long) h.row().key(), k -> {
          double[] d = unit(new float[][] {(float[]) h.row().get("desc")})[0];
          double[] n = unit(new float[][] {(float[]) h.row().get("name")})[0];
          return t.w1() * (1 - dot(d, u1)) + t.w2() * (1 - dot(n, u2));
        });
      }
    }
    List<Long> keys = scored.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(K)
        .map(Map.Entry::getKey).toList();
    return new Answer(keys, fetched);
  }

  private static List<Long> keys(List<SearchHit> hits) {
    return hits.stream().map(h -> (Long) h.row().key()).toList();
  }

  private static void print(String name, Result r) {
    System.out.printf(Locale.ROOT, "| %s | %.3f | %,.0f | %s |%n", name, r.recall(), r.qps(),
        r.work() == 0 ? "" : String.format(Locale.ROOT, "%,.0f", r.work()));
  }

  private static List<String> texts(List<Map<String, Object>> rows, Function<Map<String, Object>, String> field) {
    return rows.stream().map(field).toList();
  }

  private static List<float[]> parseWeights(String spec) {
    List<float[]> out = new ArrayList<>();
    for (String pair : spec.split(",")) {
      String[] p = pair.split(":");
      out.add(new float[] {Float.parseFloat(p[0]), Float.parseFloat(p[1])});
    }
    return out;
  }

  private static String fmt(float f) {
    return f == Math.rint(f) ? Integer.toString((int) f) : Float.toString(f);
  }

  static double[][] unit(float[][] vectors) {
    double[][] out = new double[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      float[] v = vectors[i];
      double n = 0;
      for (float x : v) {
        n += (double) x * x;
      }
      double norm = Math.sqrt(n);
      out[i] = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        out[i][j] = v[j] / norm;
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
