package io.venndb.api;

import io.venndb.plan.UnitCosts;

/**
 * How a database is opened.
 *
 * @param syncEveryCommit when true (the default) every acknowledged commit has been fsynced;
 *     when false commits reach the OS (they survive a killed process, not a power cut) until a
 *     {@link BulkWriter#flush()} or close syncs them — group commit for bulk loads.
 * @param plannerCosts null (the default) to let the planner measure its unit costs (a distance
 *     computation, a row read, ...) on each collection's own data at its first query; else fixed
 *     costs, so plans are reproducible across machines ({@link #withNominalCosts()} for tests and
 *     docs, or a deliberate cost regime).
 */
public record DatabaseOptions(boolean syncEveryCommit, UnitCosts plannerCosts) {
  public DatabaseOptions(boolean syncEveryCommit) {
    this(syncEveryCommit, null);
  }

  public static DatabaseOptions defaults() {
    return new DatabaseOptions(true, null);
  }

  /** Plans from {@link UnitCosts#NOMINAL} instead of measured costs. */
  public DatabaseOptions withNominalCosts() {
    return withPlannerCosts(UnitCosts.NOMINAL);
  }

  public DatabaseOptions withPlannerCosts(UnitCosts costs) {
    return new DatabaseOptions(syncEveryCommit, costs);
  }
}
