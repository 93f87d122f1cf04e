package io.venndb.bench.data;

/**
 * One metadata column of a benchmark dataset, stored by row ordinal. A value is what VennDB's
 * typed API accepts for the column ({@code String}, {@code List<String>} or {@code Long}); null is
 * SQL NULL. Filters are evaluated over these columns by three independent implementations (VennDB,
 * Lucene, the brute-force matcher), so the column is the one source of truth they share.
 */
public sealed interface Column permits KeywordColumn, TagsColumn, LongColumn {

  String name();

  /** Number of rows. */
  int size();

  boolean isNull(int row);

  /** The row's value as VennDB's write API takes it; null for NULL. */
  Object value(int row);

  /** The rows at {@code rows}, in that order. */
  Column select(int[] rows);
}
