package io.venndb.api;

/**
 * How a database is opened.
 *
 * @param syncEveryCommit when true (the default) every acknowledged commit has been fsynced;
 *     when false commits reach the OS (they survive a killed process, not a power cut) until a
 *     {@link BulkWriter#flush()} or close syncs them — group commit for bulk loads.
 */
public record DatabaseOptions(boolean syncEveryCommit) {
  public static DatabaseOptions defaults() {
    return new DatabaseOptions(true);
  }
}
