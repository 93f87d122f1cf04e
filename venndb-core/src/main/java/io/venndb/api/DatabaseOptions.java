package io.venndb.api;

/**
 * How a database is opened.
 *
 * @param syncEveryCommit when true (the default) every acknowledged commit has been fsynced;
 *     when false commits reach the OS (they survive a killed process, not a power cut) until a
 *     {@link BulkWriter#flush()} or close syncs them — group commit for bulk loads.
 * @param calibrateCosts when true (the default) the planner measures its unit costs (a distance
 *     computation, a row read, ...) on each collection's own data at its first query; when false
 *     it uses fixed nominal costs, so plans are reproducible across machines (tests, docs).
 */
public record DatabaseOptions(boolean syncEveryCommit, boolean calibrateCosts) {
  public DatabaseOptions(boolean syncEveryCommit) {
    this(syncEveryCommit, true);
  }

  public static DatabaseOptions defaults() {
    return new DatabaseOptions(true, true);
  }

  public DatabaseOptions withNominalCosts() {
    return new DatabaseOptions(syncEveryCommit, false);
  }
}
