package io.venndb.bench.filter;

import io.venndb.bench.data.Table;

/**
 * Makes a filter of a given shape whose selectivity — the fraction of all rows where it is TRUE —
 * is as close to a target as the data allows. The generated filter's actual selectivity is
 * measured and recorded with every result; the target only steers the choice.
 */
public interface FilterRecipe {

  /** Short label for workload ids, e.g. "size-le". */
  String name();

  /** The shape, e.g. "installed_size_kb <= v". */
  String shape();

  Filter make(Table table, double target);
}
