package io.venndb.ingest;

import java.util.Map;

/** One write in a batch. Rows are maps of column name → value, the primary key included. */
public sealed interface Mutation {
  /** Adds a row; fails the batch if its key exists. */
  record Insert(Map<String, ?> row) implements Mutation {}

  /** Adds a row or replaces the row with the same key. */
  record Upsert(Map<String, ?> row) implements Mutation {}

  /** Removes the row with this key, if any. */
  record Delete(Object key) implements Mutation {}
}
