package io.venndb.bench.workload;

import io.venndb.bench.data.DebianSource;
import io.venndb.bench.data.PypiSource;
import io.venndb.bench.data.Table;
import io.venndb.bench.filter.CorrelatedCandidates;
import io.venndb.bench.filter.Filter;
import io.venndb.bench.filter.FilterRecipe;
import io.venndb.bench.filter.NegatedRecipe;
import io.venndb.bench.filter.RangeRecipe;
import io.venndb.bench.filter.ValueSetRecipe;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which workloads a run measures, per dataset. Selectivity targets for scalar filters are 90%,
 * 50%, 10%, 1% and 0.1%; each filter shape appears at the targets its data can reach. {@code
 * --quick} keeps a subset that still covers every family and the full selectivity range once
 * (range search up to 1,000 rows; the full run goes to 10,000).
 */
public final class WorkloadPlan {
  static final double[] ALL_TARGETS = {0.9, 0.5, 0.1, 0.01, 0.001};
  static final double[] EXCLUDE = {0.1, 0.3, 0.6};
  static final int[] RANGE_SIZES = {10, 100, 1_000, 10_000};

  private WorkloadPlan() {}

  public static List<WorkloadSpec> plan(String dataset, Table table, boolean quick, Set<Family> families) {
    List<WorkloadSpec> specs = new ArrayList<>();
    specs.add(new WorkloadSpec.TopK(10));
    specs.add(new WorkloadSpec.TopK(100));
    switch (dataset) {
      case DebianSource.NAME -> debian(table, quick, specs);
      case PypiSource.NAME -> pypi(table, quick, specs);
      default -> { } // vector files: no metadata, so no scalar filters
    }
    for (double x : EXCLUDE) {
      specs.add(new WorkloadSpec.VectorNot(x, null, Double.NaN, 10));
    }
    for (int n : RANGE_SIZES) {
      if (n * 2 <= table.size() && !(quick && n > 1_000)) {
        specs.add(new WorkloadSpec.Range(n));
      }
    }
    EnumSet<Family> wanted = families.isEmpty() ? EnumSet.allOf(Family.class) : EnumSet.copyOf(families);
    return specs.stream().filter(s -> wanted.contains(s.family())).toList();
  }

  private static void debian(Table table, boolean quick, List<WorkloadSpec> specs) {
    FilterRecipe size = RangeRecipe.of("size-le", "installed_size_kb", RangeRecipe.Mode.LOW);
    FilterRecipe section = new ValueSetRecipe("section-any", "section", 8);
    FilterRecipe tag = new ValueSetRecipe("tag-any", "tags", 4);
    FilterRecipe notSection = new NegatedRecipe("not-section", section);
    FilterRecipe programAndSize = new RangeRecipe("program-and-size", "installed_size_kb",
        RangeRecipe.Mode.LOW, new Filter.HasTag("tags", "role::program"), RangeRecipe.Combine.AND);
    FilterRecipe sectionOrSize = new RangeRecipe("games-or-size", "installed_size_kb",
        RangeRecipe.Mode.HIGH, new Filter.Keyword("section", "games"), RangeRecipe.Combine.OR);
    scalar(specs, size, ALL_TARGETS);
    if (quick) {
      scalar(specs, section, 0.01);
      scalar(specs, tag, 0.01);
      scalar(specs, notSection, 0.9);
      scalar(specs, sectionOrSize, 0.1);
    } else {
      scalar(specs, section, 0.5, 0.1, 0.01, 0.001);
      scalar(specs, tag, 0.1, 0.01, 0.001);
      scalar(specs, notSection, 0.9, 0.5);
      scalar(specs, programAndSize, 0.1, 0.01);
      scalar(specs, sectionOrSize, 0.1, 0.01);
    }
    correlated(specs, "section", "section = (value chosen per query)",
        () -> CorrelatedCandidates.keywordBand(table, "section", 0.005, 0.05));
    notWithFilter(specs, size, 0.5);
  }

  private static void pypi(Table table, boolean quick, List<WorkloadSpec> specs) {
    FilterRecipe month = RangeRecipe.of("month-window", "month", RangeRecipe.Mode.WINDOW);
    FilterRecipe rank = RangeRecipe.of("rank-le", "rank", RangeRecipe.Mode.LOW);
    FilterRecipe notMonth = new NegatedRecipe("not-month", month);
    FilterRecipe popularOrRecent = new RangeRecipe("popular-or-recent", "month", RangeRecipe.Mode.HIGH,
        new Filter.LongRange("rank", Long.MIN_VALUE, 1000), RangeRecipe.Combine.OR);
    scalar(specs, month, ALL_TARGETS);
    scalar(specs, rank, 0.01, 0.001);
    if (!quick) {
      scalar(specs, notMonth, 0.9, 0.5);
      scalar(specs, popularOrRecent, 0.1, 0.01);
    }
    correlated(specs, "month", "month BETWEEN a AND b (~5% of rows, window chosen per query)",
        () -> CorrelatedCandidates.windows(table, "month", 0.05));
    notWithFilter(specs, month, 0.5);
  }

  private static void scalar(List<WorkloadSpec> specs, FilterRecipe recipe, double... targets) {
    for (double t : targets) {
      specs.add(new WorkloadSpec.Scalar(recipe, t, 10));
    }
  }

  private static void correlated(List<WorkloadSpec> specs, String name, String shape,
      java.util.function.Supplier<CorrelatedCandidates> candidates) {
    var memo = new java.util.concurrent.atomic.AtomicReference<CorrelatedCandidates>();
    java.util.function.Supplier<CorrelatedCandidates> once = () -> memo.updateAndGet(c -> c != null ? c : candidates.get());
    specs.add(new WorkloadSpec.Correlated(name, shape, once, true, 10));
    specs.add(new WorkloadSpec.Correlated(name, shape, once, false, 10));
  }

  private static void notWithFilter(List<WorkloadSpec> specs, FilterRecipe recipe, double target) {
    specs.add(new WorkloadSpec.VectorNot(0.3, recipe, target, 10));
  }
}
