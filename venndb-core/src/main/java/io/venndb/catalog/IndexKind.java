package io.venndb.catalog;

/** The scalar index kept for a column. Vector indexes are declared separately. */
public enum IndexKind {
  /** No index: conditions on the column are evaluated by reading rows. */
  NONE,
  /** value → doc-id bitmap; equality, IN, tag containment; exact counts. */
  BITMAP,
  /** ordered value → doc-id bitmap; equality and ranges; exact counts. */
  SORTED
}
