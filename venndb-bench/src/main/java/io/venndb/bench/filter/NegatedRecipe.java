package io.venndb.bench.filter;

import io.venndb.bench.data.Table;

/**
 * {@code NOT inner}, with the inner filter tuned to 1 − target. Exact when the inner filter's
 * columns have no NULLs; with NULLs, NOT matches fewer rows (three-valued logic), and the measured
 * selectivity shows it.
 */
public record NegatedRecipe(String name, FilterRecipe inner) implements FilterRecipe {

  @Override
  public String shape() {
    return "NOT (" + inner.shape() + ")";
  }

  @Override
  public Filter make(Table table, double target) {
    return Filter.not(inner.make(table, 1 - target));
  }
}
