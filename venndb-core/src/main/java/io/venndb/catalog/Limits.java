package io.venndb.catalog;

/** Documented size limits; anything larger is rejected with TOO_LARGE before it is stored. */
public final class Limits {
  /** A keyword or tag value: meant for short codes, not documents. */
  public static final int MAX_KEYWORD_BYTES = 16 * 1024;
  /** A free-text value. */
  public static final int MAX_TEXT_BYTES = 1024 * 1024;
  /** Tags on one row. */
  public static final int MAX_TAGS = 4096;
  /** One encoded row, all columns together. */
  public static final int MAX_ROW_BYTES = 8 * 1024 * 1024;
  /** Mutations in one atomic batch. */
  public static final int MAX_BATCH_ROWS = 100_000;

  private Limits() {}
}
