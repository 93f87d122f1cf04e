package io.venndb.query;

import java.util.List;
import java.util.Objects;

/**
 * A vector search: the {@code limit} rows nearest to {@code vector} in {@code column}, optionally
 * only rows with similarity ≥ {@code minSimilarity} and only rows matching {@code filter}.
 * Immutable; build with {@link #nearest} and the {@code with*} methods.
 *
 * <p>A column with an HNSW index is searched approximately unless {@code exact}; a column without
 * one is always searched exactly. Either way the result has {@code min(limit, matching rows)} rows.
 *
 * @param filter null for no filter
 * @param minSimilarity NaN for no threshold
 * @param columns the columns to return; null for all
 * @param exact true to force the exact (flat) search even where an HNSW index exists
 * @param ef HNSW beam width for this query; 0 for the column's default
 */
public record SearchRequest(String column, float[] vector, int limit, float minSimilarity, Predicate filter,
    List<String> columns, boolean exact, int ef) {

  /** Largest limit accepted; larger result sets should page with a threshold instead. */
  public static final int MAX_LIMIT = 10_000;

  public SearchRequest {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(vector, "vector");
    vector = vector.clone();
    columns = columns == null ? null : List.copyOf(columns);
  }

  public static SearchRequest nearest(String column, float[] vector, int limit) {
    return new SearchRequest(column, vector, limit, Float.NaN, null, null, false, 0);
  }

  public SearchRequest withFilter(Predicate newFilter) {
    return new SearchRequest(column, vector, limit, minSimilarity, newFilter, columns, exact, ef);
  }

  public SearchRequest withMinSimilarity(float threshold) {
    return new SearchRequest(column, vector, limit, threshold, filter, columns, exact, ef);
  }

  public SearchRequest withColumns(List<String> newColumns) {
    return new SearchRequest(column, vector, limit, minSimilarity, filter, newColumns, exact, ef);
  }

  /** Forces (true) or allows (false) the exact flat search. */
  public SearchRequest withExact(boolean newExact) {
    return new SearchRequest(column, vector, limit, minSimilarity, filter, columns, newExact, ef);
  }

  /** The HNSW beam width for this query (recall/speed trade-off); 0 restores the default. */
  public SearchRequest withEf(int newEf) {
    return new SearchRequest(column, vector, limit, minSimilarity, filter, columns, exact, newEf);
  }

  public boolean hasThreshold() {
    return !Float.isNaN(minSimilarity);
  }
}
