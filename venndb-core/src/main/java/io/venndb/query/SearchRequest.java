package io.venndb.query;

import java.util.List;
import java.util.Objects;

/**
 * An exact vector search: the {@code limit} rows nearest to {@code vector} in {@code column},
 * optionally only rows with similarity ≥ {@code minSimilarity} and only rows matching
 * {@code filter}. Immutable; build with {@link #nearest} and the {@code with*} methods.
 *
 * @param filter null for no filter
 * @param minSimilarity NaN for no threshold
 * @param columns the columns to return; null for all
 */
public record SearchRequest(String column, float[] vector, int limit, float minSimilarity, Predicate filter,
    List<String> columns) {

  /** Largest limit accepted; larger result sets should page with a threshold instead. */
  public static final int MAX_LIMIT = 10_000;

  public SearchRequest {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(vector, "vector");
    vector = vector.clone();
    columns = columns == null ? null : List.copyOf(columns);
  }

  public static SearchRequest nearest(String column, float[] vector, int limit) {
    return new SearchRequest(column, vector, limit, Float.NaN, null, null);
  }

  public SearchRequest withFilter(Predicate newFilter) {
    return new SearchRequest(column, vector, limit, minSimilarity, newFilter, columns);
  }

  public SearchRequest withMinSimilarity(float threshold) {
    return new SearchRequest(column, vector, limit, threshold, filter, columns);
  }

  public SearchRequest withColumns(List<String> newColumns) {
    return new SearchRequest(column, vector, limit, minSimilarity, filter, newColumns);
  }

  public boolean hasThreshold() {
    return !Float.isNaN(minSimilarity);
  }
}
