package io.venndb.bench.workload;

import io.venndb.bench.filter.Filter;
import java.util.Objects;

/**
 * One query of one workload, self-contained: what every system is asked and what the ground
 * truth answers. Top-k tasks return at most {@code k} rows; range tasks return every row with
 * similarity ≥ {@code threshold} (at most {@link Workload#RANGE_CAP}).
 *
 * @param query index into the run's query set
 * @param filter scalar filter, or null
 * @param negative the vector B of a vector-NOT task (exclude sim(x, B) > beta), or null
 * @param threshold the similarity threshold of a range task; NaN otherwise
 */
public record QueryTask(int query, Family family, int k, float[] vector, Filter filter,
    float[] negative, float beta, float threshold) {

  public QueryTask {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(vector, "vector");
    if ((family == Family.VECTOR_NOT) != (negative != null)) {
      throw new IllegalArgumentException("a negative vector belongs to vector-NOT tasks only");
    }
    if ((family == Family.RANGE) == Float.isNaN(threshold)) {
      throw new IllegalArgumentException("a threshold belongs to range tasks only");
    }
  }

  public static QueryTask topK(int query, Family family, int k, float[] vector, Filter filter) {
    return new QueryTask(query, family, k, vector, filter, null, Float.NaN, Float.NaN);
  }

  public static QueryTask vectorNot(int query, int k, float[] vector, Filter filter, float[] negative, float beta) {
    return new QueryTask(query, Family.VECTOR_NOT, k, vector, filter, negative, beta, Float.NaN);
  }

  public static QueryTask range(int query, float[] vector, float threshold) {
    return new QueryTask(query, Family.RANGE, Workload.RANGE_CAP, vector, null, null, Float.NaN, threshold);
  }

  /** The same question with another k (the client-side baseline asks for more rows). */
  public QueryTask withK(int newK) {
    return new QueryTask(query, family, newK, vector, filter, negative, beta, threshold);
  }

  public boolean isRange() {
    return family == Family.RANGE;
  }
}
