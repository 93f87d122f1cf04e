package io.venndb.bench.truth;

import io.venndb.bench.data.Vectors;
import io.venndb.bench.filter.Filter;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.bench.query.Split;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exact answers for every task of every workload, by brute force over the same predicate: scalar
 * filter from {@link FilterMatcher}, vector NOT as "sim(x, B) ≤ β", range as "sim(x, Q) ≥ t".
 * Each query's similarities are computed once and shared by all its tasks. Results are cached
 * per workload under a key covering the base vectors and every task's exact parameters.
 */
public final class GroundTruth {
  private final BruteForce bruteForce;
  private final FilterMatcher matcher;
  private final Map<Filter, BitSet> filterBits = new ConcurrentHashMap<>();

  public GroundTruth(BruteForce bruteForce, FilterMatcher matcher) {
    this.bruteForce = bruteForce;
    this.matcher = matcher;
  }

  /** Truth for each workload id, from the cache where possible. */
  public Map<String, WorkloadTruth> load(List<Workload> workloads, CacheFiles cache, int threads) {
    long base = Vectors.fingerprint(bruteForce.base().vectors());
    Map<String, WorkloadTruth> out = new LinkedHashMap<>();
    List<Workload> missing = new ArrayList<>();
    Map<String, Long> keys = new LinkedHashMap<>();
    for (Workload w : workloads) {
      long key = key(base, w);
      keys.put(w.id(), key);
      WorkloadTruth cached = cache.read("truth", key, in -> read(in, w));
      if (cached == null) {
        missing.add(w);
      } else {
        out.put(w.id(), cached);
      }
    }
    if (!missing.isEmpty()) {
      for (Map.Entry<String, WorkloadTruth> e : compute(missing, threads).entrySet()) {
        out.put(e.getKey(), e.getValue());
        cache.write("truth", keys.get(e.getKey()), o -> write(o, e.getValue()));
      }
    }
    Map<String, WorkloadTruth> ordered = new LinkedHashMap<>();
    workloads.forEach(w -> ordered.put(w.id(), out.get(w.id())));
    return ordered;
  }

  /** Computes without the cache; one similarity pass per query covers all its tasks. */
  public Map<String, WorkloadTruth> compute(List<Workload> workloads, int threads) {
    int queries = 1 + workloads.stream().flatMap(w -> allTasks(w).stream()).mapToInt(QueryTask::query).max().orElse(-1);
    TaskTruth[][][] results = new TaskTruth[workloads.size()][2][];
    List<List<int[]>> byQuery = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      byQuery.add(new ArrayList<>());
    }
    for (int w = 0; w < workloads.size(); w++) {
      for (Split split : Split.values()) {
        List<QueryTask> tasks = workloads.get(w).tasks(split);
        results[w][split.ordinal()] = new TaskTruth[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
          byQuery.get(tasks.get(t).query()).add(new int[] {w, split.ordinal(), t});
        }
      }
    }
    Parallel.forEachQuery("Ground truth", queries, threads, q -> {
      float[] sims = null;
      Map<float[], float[]> negatives = new IdentityHashMap<>();
      for (int[] ref : byQuery.get(q)) {
        QueryTask task = workloads.get(ref[0]).tasks(Split.values()[ref[1]]).get(ref[2]);
        sims = sims != null ? sims : bruteForce.similarities(task.vector());
        float[] simsB = task.negative() == null ? null
            : negatives.computeIfAbsent(task.negative(), bruteForce::similarities);
        results[ref[0]][ref[1]][ref[2]] = solve(task, sims, simsB);
      }
    });
    Map<String, WorkloadTruth> out = new LinkedHashMap<>();
    for (int w = 0; w < workloads.size(); w++) {
      out.put(workloads.get(w).id(), new WorkloadTruth(List.of(results[w][0]), List.of(results[w][1])));
    }
    return out;
  }

  /** The exact answer to one task, given sim(x, Q) and (for vector NOT) sim(x, B) for all rows. */
  public TaskTruth solve(QueryTask task, float[] sims, float[] simsB) {
    int n = sims.length;
    BitSet allowed = task.filter() == null ? null : filterBits.computeIfAbsent(task.filter(), matcher::matching);
    int filterMatching = allowed == null ? n : allowed.cardinality();
    int negativeCount = 0;
    if (simsB != null) {
      BitSet excluded = BruteForce.above(simsB, task.beta());
      negativeCount = excluded.cardinality();
      BitSet kept = allowed == null ? all(n) : (BitSet) allowed.clone();
      kept.andNot(excluded);
      allowed = kept;
    }
    if (task.isRange()) {
      int matching = countAtLeast(sims, allowed, task.threshold());
      Ranked r = BruteForce.atLeast(sims, allowed, task.threshold(), task.k());
      return new TaskTruth(r.size(), task.threshold(), matching, filterMatching, negativeCount, r.rows());
    }
    int matching = allowed == null ? n : allowed.cardinality();
    Ranked r = BruteForce.topK(sims, allowed, task.k());
    float boundary = r.size() == 0 ? Float.NaN : r.similarities()[r.size() - 1];
    return new TaskTruth(r.size(), boundary, matching, filterMatching, negativeCount, r.rows());
  }

  private static int countAtLeast(float[] sims, BitSet allowed, float threshold) {
    int c = 0;
    for (int i = 0; i < sims.length; i++) {
      if (sims[i] >= threshold && (allowed == null || allowed.get(i))) {
        c++;
      }
    }
    return c;
  }

  private static BitSet all(int n) {
    BitSet b = new BitSet(n);
    b.set(0, n);
    return b;
  }

  private static List<QueryTask> allTasks(Workload w) {
    List<QueryTask> all = new ArrayList<>(w.tuning());
    all.addAll(w.reported());
    return all;
  }

  static long key(long base, Workload w) {
    long h = Vectors.mix(base, hash(w.id()));
    for (QueryTask t : allTasks(w)) {
      h = Vectors.mix(h, t.query());
      h = Vectors.mix(h, t.family().ordinal() * 1_000_003L + t.k());
      h = Vectors.mix(h, Vectors.fingerprint(new float[][] {t.vector()}));
      h = Vectors.mix(h, t.filter() == null ? 0 : hash(t.filter().toString()));
      h = Vectors.mix(h, t.negative() == null ? 0 : Vectors.fingerprint(new float[][] {t.negative()}));
      h = Vectors.mix(h, ((long) Float.floatToIntBits(t.beta()) << 32) ^ Float.floatToIntBits(t.threshold()));
    }
    return h;
  }

  private static long hash(String s) {
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return Vectors.mix(h, s.length());
  }

  private static void write(DataOutputStream out, WorkloadTruth truth) throws IOException {
    for (Split split : Split.values()) {
      List<TaskTruth> list = truth.of(split);
      out.writeInt(list.size());
      for (TaskTruth t : list) {
        out.writeInt(t.expected());
        out.writeFloat(t.boundary());
        out.writeInt(t.matching());
        out.writeInt(t.filterMatching());
        out.writeInt(t.negativeCount());
        out.writeInt(t.rows().length);
        for (int r : t.rows()) {
          out.writeInt(r);
        }
      }
    }
  }

  private static WorkloadTruth read(DataInputStream in, Workload w) throws IOException {
    List<List<TaskTruth>> parts = new ArrayList<>();
    for (Split split : Split.values()) {
      int n = in.readInt();
      if (n != w.tasks(split).size()) {
        throw new IOException("task count " + n + " != " + w.tasks(split).size());
      }
      List<TaskTruth> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int expected = in.readInt();
        float boundary = in.readFloat();
        int matching = in.readInt();
        int filterMatching = in.readInt();
        int negativeCount = in.readInt();
        int[] rows = new int[in.readInt()];
        for (int r = 0; r < rows.length; r++) {
          rows[r] = in.readInt();
        }
        list.add(new TaskTruth(expected, boundary, matching, filterMatching, negativeCount, rows));
      }
      parts.add(list);
    }
    return new WorkloadTruth(parts.get(0), parts.get(1));
  }
}
