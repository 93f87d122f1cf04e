package io.venndb.cli;

import static io.venndb.query.Predicate.and;
import static io.venndb.query.Predicate.containsAll;
import static io.venndb.query.Predicate.containsTag;
import static io.venndb.query.Predicate.eq;
import static io.venndb.query.Predicate.lt;
import static io.venndb.query.Predicate.not;
import static io.venndb.query.Predicate.similarityAbove;
import static io.venndb.query.Predicate.similarityAtLeast;

import io.venndb.api.Collection;
import io.venndb.datasets.DebianPackages;
import io.venndb.embed.Embedder;
import io.venndb.query.Predicate;
import io.venndb.plan.QueryExplanation;
import io.venndb.query.Query;
import io.venndb.query.Ranking;
import io.venndb.query.SearchHit;
import java.util.List;
import java.util.function.Function;

/**
 * The hybrid queries the demo runs: vector rankings and vector conditions combined with scalar
 * filters, each planned by cost, run approximately (HNSW) and exactly, and compared.
 */
final class DemoQueries {
  private DemoQueries() {}

  /**
   * One demo query. {@code filter} receives an embedding function, because a vector condition
   * ("not similar to 'vim'") needs its own query vector; {@code orderBy} is null to rank by
   * similarity to {@code text}, else a column to sort by, largest first.
   */
  record Spec(String title, String text, Function<Function<String, float[]>, Predicate> filter, int limit,
      String orderBy, boolean explain) {}

  static final String EMB = DebianPackages.EMBEDDING;

  static final List<Spec> SPECS = List.of(
      new Spec("'text editor' among section = editors", "text editor",
          e -> eq("section", "editors"), 8, null, false),
      new Spec("'image viewer' tagged interface::x11, installed size < 5 MB", "image viewer",
          e -> and(containsTag("tags", "interface::x11"), lt("installed_size_kb", 5_000L)), 8, null, false),
      new Spec("'http client library' in section python, NOT priority = extra",
          "http client library", e -> and(eq("section", "python"), not(eq("priority", "extra"))), 5, null, false),
      new Spec("'network time synchronization', similarity >= 0.6, any section",
          "network time synchronization", e -> similarityAtLeast(EMB, e.apply("network time synchronization"), 0.6f),
          10, null, false),
      new Spec("'find files fast', tagged interface::commandline AND use::searching",
          "find files fast", e -> containsAll("tags", List.of("interface::commandline", "use::searching")), 5, null,
          false),
      new Spec("'text editor', NOT similar to 'vi improved modal editor' above 0.5 (like Q, not like B)",
          "text editor", e -> not(similarityAbove(EMB, e.apply("vi improved modal editor"), 0.5f)), 8, null, true),
      new Spec("similar to 'web browser' above 0.55, section web, largest installed size first",
          "web browser", e -> and(eq("section", "web"), similarityAbove(EMB, e.apply("web browser"), 0.55f)), 5,
          "installed_size_kb", true));

  static void run(Collection packages, Embedder embedder) {
    for (Spec spec : SPECS) {
      runOne(packages, embedder, spec);
    }
  }

  /**
   * Runs of each query. The first pays for class loading and JIT compilation of the kernels; the
   * median is taken over the last {@link #TIMED} runs, once the JIT has compiled the hot paths.
   */
  static final int RUNS = 30;
  static final int TIMED = 10;

  private static void runOne(Collection packages, Embedder embedder, Spec spec) {
    long t0 = System.nanoTime();
    float[] q = embedder.embed(spec.text());
    double embedMillis = (System.nanoTime() - t0) / 1e6;
    Predicate filter = spec.filter().apply(embedder::embed);
    Query query = Query.where(filter).withLimit(spec.limit())
        .rankedBy(spec.orderBy() == null ? Ranking.nearestTo(EMB, q) : Ranking.descending(spec.orderBy()))
        .withColumns(List.of("section", "installed_size_kb", "description"));
    Timing[] timings = time(packages, query, query.withExact(true));
    Timing hnsw = timings[0];
    Timing exact = timings[1];
    long matching = packages.count(filter);
    QueryExplanation plan = packages.explain(query);
    System.out.printf("%n== %s%n   filter matches %,d of %,d rows; embed %.1f ms; plan %s (runner-up %s)%n",
        spec.title(), matching, packages.size(), embedMillis, plan.strategy(), plan.runnerUp());
    System.out.printf("   hnsw %.2f ms, exact %.2f ms (medians of the last %d of %d runs; first runs %.1f / %.1f ms);"
        + " %d rows, %d of them in the exact answer%n", hnsw.medianMillis(), exact.medianMillis(), TIMED, RUNS,
        hnsw.firstMillis(), exact.firstMillis(), hnsw.hits().size(), overlap(hnsw.hits(), exact.hits()));
    for (SearchHit h : hnsw.hits()) {
      String score = Float.isNaN(h.similarity()) ? "     " : String.format("%.3f", h.similarity());
      System.out.printf("   %s  %-28s %-12s %8s kB  %s%n", score, h.key(), h.row().get("section"),
          h.row().get("installed_size_kb"), truncate(String.valueOf(h.row().get("description")), 60));
    }
    if (spec.explain()) {
      System.out.println("   EXPLAIN ANALYZE:");
      packages.explainAnalyze(query).text().lines().forEach(line -> System.out.println("     " + line));
    }
  }

  /** The last answer of a timed series, its median warm time and its first (cold) time. */
  record Timing(List<SearchHit> hits, double medianMillis, double firstMillis) {}

  /**
   * Runs the queries in turn, {@link #RUNS} times each, so that both see the same machine: the JIT
   * compiling the first queries' paths in the background slowed whichever ran first (on 2 cores,
   * an exact plan timed at 10 ms in the first series and 0.9 ms in the second).
   */
  private static Timing[] time(Collection packages, Query... queries) {
    double[][] millis = new double[queries.length][RUNS];
    List<List<SearchHit>> hits = new java.util.ArrayList<>(java.util.Collections.nCopies(queries.length, List.of()));
    for (int run = 0; run < RUNS; run++) {
      for (int i = 0; i < queries.length; i++) {
        long start = System.nanoTime();
        hits.set(i, packages.query(queries[i]));
        millis[i][run] = (System.nanoTime() - start) / 1e6;
      }
    }
    Timing[] out = new Timing[queries.length];
    for (int i = 0; i < queries.length; i++) {
      out[i] = new Timing(hits.get(i), warmMedian(millis[i]), millis[i][0]);
    }
    return out;
  }

  private static long overlap(List<SearchHit> approximate, List<SearchHit> exact) {
    java.util.Set<Object> truth = new java.util.HashSet<>();
    exact.forEach(h -> truth.add(h.key()));
    return approximate.stream().filter(h -> truth.contains(h.key())).count();
  }

  private static double warmMedian(double[] millis) {
    double[] warm = java.util.Arrays.copyOfRange(millis, millis.length - TIMED, millis.length);
    java.util.Arrays.sort(warm);
    return warm[warm.length / 2];
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
