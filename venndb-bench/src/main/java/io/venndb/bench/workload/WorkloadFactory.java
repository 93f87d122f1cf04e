package io.venndb.bench.workload;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Vectors;
import io.venndb.bench.filter.CorrelatedCandidates;
import io.venndb.bench.filter.Filter;
import io.venndb.bench.query.BenchQuery;
import io.venndb.bench.query.QuerySet;
import io.venndb.bench.query.Split;
import io.venndb.bench.truth.QueryProfiles;
import io.venndb.bench.truth.Ranked;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instantiates workload specs on the base set and the queries: tunes scalar filters to their
 * target selectivity, picks per-query correlated filters, sets β per query for vector NOT and the
 * threshold per query for range search, all from the queries' exact neighbourhoods.
 */
public final class WorkloadFactory {
  /** Vector NOT calibrates β against this many of Q's unfiltered nearest rows. */
  public static final int NOT_WINDOW = 100;
  /** Thresholds sit in gaps wider than this (4 × the scoring tolerance) between similarities. */
  static final float MIN_GAP = 4 * io.venndb.bench.truth.Scoring.EPSILON;

  private final Dataset base;
  private final QuerySet queries;
  private final QueryProfiles profiles;
  private final Map<String, Filter> tunedFilters = new HashMap<>();

  public WorkloadFactory(Dataset base, QuerySet queries, QueryProfiles profiles) {
    this.base = base;
    this.queries = queries;
    this.profiles = profiles;
  }

  public List<Workload> build(List<WorkloadSpec> specs) {
    return specs.stream().map(this::build).toList();
  }

  public Workload build(WorkloadSpec spec) {
    return switch (spec) {
      case WorkloadSpec.TopK s -> workload(s, "top-" + s.k() + " nearest, no filter", s.k(), "none", Double.NaN,
          "none", Double.NaN, 0, q -> QueryTask.topK(q, Family.TOPK, s.k(), vector(q), null));
      case WorkloadSpec.Scalar s -> scalar(s);
      case WorkloadSpec.Correlated s -> correlated(s);
      case WorkloadSpec.VectorNot s -> vectorNot(s);
      case WorkloadSpec.Range s -> workload(s, "every row with sim(x, Q) >= t, t set per query so that "
              + s.size() + " rows qualify", Workload.RANGE_CAP, "none", Double.NaN, "none", Double.NaN, s.size(),
          q -> QueryTask.range(q, vector(q), threshold(q, s.size())));
    };
  }

  private Workload scalar(WorkloadSpec.Scalar s) {
    Filter f = tuned(s.recipe(), s.target());
    return workload(s, "top-" + s.k() + " with " + s.recipe().shape(), s.k(), f.toString(), s.target(), "none",
        Double.NaN, 0, q -> QueryTask.topK(q, Family.FILTERED, s.k(), vector(q), f));
  }

  private Workload correlated(WorkloadSpec.Correlated s) {
    CorrelatedCandidates candidates = s.candidates().get();
    String how = s.correlated() ? "admitting the most" : "admitting the fewest";
    return workload(s, "top-" + s.k() + " with " + s.shape() + ", " + how + " of Q's top-" + NOT_WINDOW,
        s.k(), s.shape(), Double.NaN, s.correlated() ? "correlated" : "anti-correlated", Double.NaN, 0,
        q -> QueryTask.topK(q, Family.FILTERED, s.k(), vector(q),
            candidates.choose(top(q, NOT_WINDOW), s.correlated())));
  }

  private Workload vectorNot(WorkloadSpec.VectorNot s) {
    Filter f = s.recipe() == null ? null : tuned(s.recipe(), s.target());
    String desc = "top-" + s.k() + " near Q excluding sim(x, B) > beta, beta set per query to exclude "
        + Math.round(s.exclude() * 100) + "% of Q's unfiltered top-" + NOT_WINDOW
        + (f == null ? "" : ", with " + s.recipe().shape());
    return workload(s, desc, s.k(), f == null ? "none" : f.toString(), s.target(), "none", s.exclude(), 0, q -> {
      BenchQuery query = queries.get(q);
      float beta = beta(q, query.negative(), s.exclude());
      return QueryTask.vectorNot(q, s.k(), vector(q), f, query.negative(), beta);
    });
  }

  private Filter tuned(io.venndb.bench.filter.FilterRecipe recipe, double target) {
    return tunedFilters.computeIfAbsent(recipe.name() + "@" + target, k -> recipe.make(base.table(), target));
  }

  /**
   * β between the m-th and (m+1)-th similarity to B among Q's top rows, m = exclude × window, within
   * the metric's similarity range: exact duplicates of B score a hair above 1 in float arithmetic
   * (1.0000001), and a cut inside such a run would otherwise be a threshold no engine accepts.
   */
  float beta(int q, float[] negative, double exclude) {
    int[] near = top(q, NOT_WINDOW);
    float[] sims = new float[near.length];
    for (int i = 0; i < near.length; i++) {
      sims[i] = Vectors.similarity(base.metric(), base.vectors()[near[i]], negative);
    }
    Arrays.sort(sims);
    float[] desc = new float[sims.length];
    for (int i = 0; i < sims.length; i++) {
      desc[i] = sims[sims.length - 1 - i];
    }
    float beta = cut(desc, Math.clamp(Math.round(exclude * near.length), 1, near.length - 1));
    return Math.clamp(beta, base.metric().minSimilarity(), base.metric().maxSimilarity());
  }

  /** A threshold between the n-th and (n+1)-th most similar rows, so n rows qualify. */
  float threshold(int q, int n) {
    Ranked r = profiles.of(q);
    if (r.size() <= n) {
      throw new IllegalStateException("profile of query " + q + " has " + r.size() + " rows; range size " + n
          + " needs " + (n + 1));
    }
    return Math.min(cut(r.similarities(), n), base.metric().maxSimilarity());
  }

  /**
   * A cut after about {@code n} of {@code desc} (sorted, most similar first), halfway across the
   * first gap wider than {@link #MIN_GAP} at or after position n (before it, if there is none).
   * Exact duplicates are common in real catalogs ("Add your description here" × 525); a cut
   * inside a run of equal similarities would let each implementation's float rounding decide
   * which rows qualify, so the cut moves to the nearest real gap and the truth records the count.
   * With no real gap anywhere (a held-out duplicate whose whole window is copies of B, all at a
   * self-similarity of 1 ± 1e-7 depending on who rounds), the cut goes {@link #MIN_GAP} below the
   * last value: everything in the window is on the upper side, again with room for rounding.
   */
  static float cut(float[] desc, int n) {
    for (int i = n; i < desc.length; i++) {
      if (desc[i - 1] - desc[i] > MIN_GAP) {
        return desc[i] + (desc[i - 1] - desc[i]) / 2;
      }
    }
    for (int i = n - 1; i >= 1; i--) {
      if (desc[i - 1] - desc[i] > MIN_GAP) {
        return desc[i] + (desc[i - 1] - desc[i]) / 2;
      }
    }
    return desc[desc.length - 1] - MIN_GAP;
  }

  private int[] top(int q, int n) {
    Ranked r = profiles.of(q);
    return Arrays.copyOf(r.rows(), Math.min(n, r.size()));
  }

  private float[] vector(int q) {
    return queries.get(q).vector();
  }

  private interface TaskMaker {
    QueryTask make(int query);
  }

  private Workload workload(WorkloadSpec spec, String description, int k, String filterLabel, double target,
      String correlation, double exclude, int rangeSize, TaskMaker maker) {
    List<QueryTask> tuning = new ArrayList<>();
    List<QueryTask> reported = new ArrayList<>();
    for (int q = 0; q < queries.size(); q++) {
      (queries.get(q).split() == Split.TUNING ? tuning : reported).add(maker.make(q));
    }
    return new Workload(spec.id(), spec.family(), description, k, filterLabel, target, correlation, exclude,
        rangeSize, tuning, reported);
  }
}
