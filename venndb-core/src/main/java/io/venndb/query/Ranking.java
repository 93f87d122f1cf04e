package io.venndb.query;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** How a query orders its rows before LIMIT and OFFSET. */
public sealed interface Ranking {

  /** Nearest first by distance to {@code vector} in {@code column} (top-k, exact or approximate). */
  record ByVector(String column, float[] vector) implements Ranking {
    public ByVector {
      Objects.requireNonNull(column, "column");
      vector = Objects.requireNonNull(vector, "vector").clone();
    }

    @Override
    public float[] vector() {
      return vector.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ByVector v && column.equals(v.column) && Arrays.equals(vector, v.vector);
    }

    @Override
    public int hashCode() {
      return 31 * column.hashCode() + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
      return "distance(" + column + ", [" + vector.length + "-d])";
    }
  }

  /**
   * By a scalar column, ascending or descending; NULLs last either way, ties in insertion (doc id)
   * order.
   */
  record ByColumn(String column, boolean descending) implements Ranking {
    public ByColumn {
      Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
      return column + (descending ? " DESC" : " ASC");
    }
  }

  /** One part of a {@link WeightedDistance}: {@code weight · distance(column, vector)}. */
  record Term(String column, float[] vector, float weight) {
    public Term {
      Objects.requireNonNull(column, "column");
      vector = Objects.requireNonNull(vector, "vector").clone();
    }

    @Override
    public float[] vector() {
      return vector.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Term t && column.equals(t.column) && Arrays.equals(vector, t.vector)
          && Float.compare(weight, t.weight) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(column, Arrays.hashCode(vector), weight);
    }

    @Override
    public String toString() {
      return weight + "·distance(" + column + ", [" + vector.length + "-d])";
    }
  }

  /** How a multi-cursor ranking decides which cursor to pull next. */
  enum Schedule {
    /** Pull from the cursor whose pulls raise the stopping bound fastest (weight × recent distance growth). */
    ADAPTIVE,
    /** Pull from each cursor in turn. */
    ROUND_ROBIN
  }

  /**
   * Nearest first by {@code Σ weight_i · distance(column_i, vector_i)} over two or more vector
   * terms of the same row (VBASE's multi-column top-k). Rows without a vector in any term's column
   * cannot be scored and are not returned. Weights must be positive and finite.
   */
  record WeightedDistance(List<Term> terms, Schedule schedule) implements Ranking {
    public WeightedDistance {
      terms = List.copyOf(terms);
      Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public String toString() {
      return String.join(" + ", terms.stream().map(Term::toString).toList());
    }
  }

  /** How negative examples lower a row's rank. */
  enum SoftNegatives {
    /**
     * Rank by distance to {@code mean(pos) + (mean(pos) − mean(neg))} (vectors as the metric stores
     * them, so unit length under cosine): one ordinary nearest-neighbour ranking.
     */
    AVERAGE_VECTOR,
    /**
     * A row whose best similarity to a positive beats its best similarity to a negative ranks by
     * that positive similarity; a row closer to some negative than to every positive sinks below
     * all of those, ranked by how little it resembles its nearest negative.
     */
    BEST_SCORE
  }

  /**
   * Recommendation-style ranking in one vector column: towards the positive examples and away from
   * the negative ones. Soft: negatives lower a row's rank; a hard NOT ({@code not(similarityAbove(
   * column, b, β))} in the filter) removes rows. Both may be used in one query.
   */
  record Recommend(String column, List<float[]> positives, List<float[]> negatives, SoftNegatives strategy)
      implements Ranking {
    public Recommend {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(strategy, "strategy");
      positives = positives.stream().map(float[]::clone).toList();
      negatives = negatives.stream().map(float[]::clone).toList();
    }

    @Override
    public List<float[]> positives() {
      return positives.stream().map(float[]::clone).toList();
    }

    @Override
    public List<float[]> negatives() {
      return negatives.stream().map(float[]::clone).toList();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Recommend r && column.equals(r.column) && strategy == r.strategy
          && sameVectors(positives, r.positives) && sameVectors(negatives, r.negatives);
    }

    private static boolean sameVectors(List<float[]> a, List<float[]> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!Arrays.equals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return Objects.hash(column, strategy, positives.size(), negatives.size());
    }

    @Override
    public String toString() {
      return "recommend(" + column + ", " + positives.size() + " positive, " + negatives.size() + " negative, "
          + strategy + ")";
    }
  }

  /** No order: rows in doc-id (insertion) order. */
  record Unordered() implements Ranking {
    @Override
    public String toString() {
      return "insertion order";
    }
  }

  static Ranking nearestTo(String column, float[] vector) {
    return new ByVector(column, vector);
  }

  static Ranking ascending(String column) {
    return new ByColumn(column, false);
  }

  static Ranking descending(String column) {
    return new ByColumn(column, true);
  }

  /** {@code Σ weight · distance} over the terms, adaptive cursor scheduling. */
  static Ranking weightedSum(Term... terms) {
    return new WeightedDistance(List.of(terms), Schedule.ADAPTIVE);
  }

  static Term term(String column, float[] vector, float weight) {
    return new Term(column, vector, weight);
  }

  static Ranking recommend(String column, List<float[]> positives, List<float[]> negatives, SoftNegatives strategy) {
    return new Recommend(column, positives, negatives, strategy);
  }

  static Ranking unordered() {
    return new Unordered();
  }
}
