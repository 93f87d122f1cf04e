package io.venndb.bench.workload;

import io.venndb.bench.filter.CorrelatedCandidates;
import io.venndb.bench.filter.FilterRecipe;
import java.util.Locale;
import java.util.function.Supplier;

/** What one workload asks, before it is instantiated on the data and queries. */
public sealed interface WorkloadSpec {

  String id();

  Family family();

  /** (a) plain top-k. */
  record TopK(int k) implements WorkloadSpec {
    @Override
    public String id() {
      return "a.top-k.k" + k;
    }

    @Override
    public Family family() {
      return Family.TOPK;
    }
  }

  /** (b) top-k under a filter made by {@code recipe} at {@code target} selectivity. */
  record Scalar(FilterRecipe recipe, double target, int k) implements WorkloadSpec {
    @Override
    public String id() {
      return "b." + recipe.name() + "." + percent(target) + (k == 10 ? "" : ".k" + k);
    }

    @Override
    public Family family() {
      return Family.FILTERED;
    }
  }

  /** (b) a per-query filter, correlated or anti-correlated with the query's neighbourhood. */
  record Correlated(String name, String shape, Supplier<CorrelatedCandidates> candidates, boolean correlated, int k)
      implements WorkloadSpec {
    @Override
    public String id() {
      return "b." + name + (correlated ? "-correlated" : "-anticorrelated");
    }

    @Override
    public Family family() {
      return Family.FILTERED;
    }
  }

  /**
   * (c) top-k near Q excluding sim(x, B) > β, β set per query so that {@code exclude} of Q's
   * unfiltered top-100 is excluded; optionally with a scalar filter.
   */
  record VectorNot(double exclude, FilterRecipe recipe, double target, int k) implements WorkloadSpec {
    @Override
    public String id() {
      String filter = recipe == null ? "" : "+" + recipe.name() + "." + percent(target);
      return "c.not" + filter + ".x" + Math.round(exclude * 100);
    }

    @Override
    public Family family() {
      return Family.VECTOR_NOT;
    }
  }

  /** (d) all rows with sim ≥ t, t set per query so that {@code size} rows qualify. */
  record Range(int size) implements WorkloadSpec {
    @Override
    public String id() {
      return "d.range.n" + size;
    }

    @Override
    public Family family() {
      return Family.RANGE;
    }
  }

  /** 0.1 → "10pct", 0.001 → "0.1pct". */
  static String percent(double fraction) {
    double p = fraction * 100;
    String s = p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%s", p);
    return s + "pct";
  }
}
