package io.venndb.cli;

import static io.venndb.query.Predicate.and;
import static io.venndb.query.Predicate.containsAll;
import static io.venndb.query.Predicate.containsTag;
import static io.venndb.query.Predicate.eq;
import static io.venndb.query.Predicate.lt;
import static io.venndb.query.Predicate.not;

import io.venndb.api.Collection;
import io.venndb.datasets.DebianPackages;
import io.venndb.embed.Embedder;
import io.venndb.query.Predicate;
import io.venndb.query.SearchHit;
import io.venndb.query.SearchRequest;
import java.util.List;

/** The hybrid queries the demo runs: a vector ranking combined with scalar filters, all exact. */
final class DemoQueries {
  private DemoQueries() {}

  /** One demo query: a text to embed, a filter (null for none), a limit and an optional threshold. */
  record Spec(String title, String text, Predicate filter, int limit, float minSimilarity) {}

  static final List<Spec> SPECS = List.of(
      new Spec("'text editor' among section = editors", "text editor",
          eq("section", "editors"), 8, Float.NaN),
      new Spec("'image viewer' tagged interface::x11, installed size < 5 MB", "image viewer",
          and(containsTag("tags", "interface::x11"), lt("installed_size_kb", 5_000L)), 8, Float.NaN),
      new Spec("'http client library' in section python, NOT priority = extra",
          "http client library", and(eq("section", "python"), not(eq("priority", "extra"))), 5, Float.NaN),
      new Spec("'network time synchronization', similarity >= 0.6, any section",
          "network time synchronization", null, 10, 0.6f),
      new Spec("'find files fast', tagged interface::commandline AND use::searching",
          "find files fast", containsAll("tags", List.of("interface::commandline", "use::searching")), 5, Float.NaN));

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
    SearchRequest request = SearchRequest.nearest(DebianPackages.EMBEDDING, q, spec.limit())
        .withFilter(spec.filter()).withColumns(List.of("section", "installed_size_kb", "description"));
    if (!Float.isNaN(spec.minSimilarity())) {
      request = request.withMinSimilarity(spec.minSimilarity());
    }
    Timing hnsw = time(packages, request);
    Timing exact = time(packages, request.withExact(true));
    long matching = spec.filter() == null ? packages.size() : packages.count(spec.filter());
    System.out.printf("%n== %s%n   filter matches %,d of %,d rows; embed %.1f ms%n", spec.title(), matching,
        packages.size(), embedMillis);
    System.out.printf("   hnsw %.2f ms, exact %.2f ms (medians of the last %d of %d runs; first runs %.1f / %.1f ms);"
        + " %d rows, %d of them in the exact answer%n", hnsw.medianMillis(), exact.medianMillis(), TIMED, RUNS,
        hnsw.firstMillis(), exact.firstMillis(), hnsw.hits().size(), overlap(hnsw.hits(), exact.hits()));
    List<SearchHit> hits = hnsw.hits();
    for (SearchHit h : hits) {
      System.out.printf("   %.3f  %-28s %-12s %8s kB  %s%n", h.similarity(), h.key(), h.row().get("section"),
          h.row().get("installed_size_kb"), truncate(String.valueOf(h.row().get("description")), 60));
    }
  }

  /** The last answer of a timed series, its median warm time and its first (cold) time. */
  record Timing(List<SearchHit> hits, double medianMillis, double firstMillis) {}

  private static Timing time(Collection packages, SearchRequest request) {
    double[] millis = new double[RUNS];
    List<SearchHit> hits = List.of();
    for (int run = 0; run < RUNS; run++) {
      long start = System.nanoTime();
      hits = packages.search(request);
      millis[run] = (System.nanoTime() - start) / 1e6;
    }
    return new Timing(hits, warmMedian(millis), millis[0]);
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
