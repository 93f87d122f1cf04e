package io.venndb.query;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A condition on a row, as an immutable tree. SQL three-valued logic: on a NULL column a
 * comparison is unknown, and NOT unknown is unknown, so {@code NOT (x = 1)} does not match rows
 * whose x is NULL. A vector condition ({@code similarity(col, Q) > 0.8}) is a leaf like any
 * other: a row without a vector in that column makes it unknown.
 *
 * <p>Build with the static factories ({@code Predicate.eq("section", "editors")}, {@code and(...)},
 * {@code similarityAbove("embedding", q, 0.8f)}).
 */
public sealed interface Predicate {

  /** Comparison operators. */
  enum Op {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The operator that holds exactly when this one fails on a non-null value. */
    Op negate() {
      return switch (this) {
        case EQ -> NE;
        case NE -> EQ;
        case LT -> GE;
        case LE -> GT;
        case GT -> LE;
        case GE -> LT;
      };
    }
  }

  /** {@code column op value}. */
  record Compare(String column, Op op, Object value) implements Predicate {
    public Compare {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value of comparison on " + column + " (use isNull for NULL)");
    }

    @Override
    public String toString() {
      return column + " " + op.symbol + " " + literal(value);
    }
  }

  /**
   * {@code column} between two bounds, each inclusive or not; a null bound is open. One leaf, so
   * a sorted index answers it with one slice instead of intersecting two half-open ranges.
   */
  record Range(String column, Object low, boolean lowInclusive, Object high, boolean highInclusive)
      implements Predicate {
    public Range {
      Objects.requireNonNull(column, "column");
      if (low == null && high == null) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "range on '" + column + "' needs at least one bound");
      }
    }

    @Override
    public String toString() {
      return column + " in " + (lowInclusive ? "[" : "(") + low + ", " + high + (highInclusive ? "]" : ")");
    }
  }

  /** {@code column IN (values)}. */
  record In(String column, List<?> values) implements Predicate {
    public In {
      Objects.requireNonNull(column, "column");
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return column + " IN " + values.stream().map(Predicate::literal).toList();
    }
  }

  /** Tag containment: ANY = the row has at least one of the tags, ALL = it has every one. */
  record Tags(String column, boolean all, List<String> tags) implements Predicate {
    public Tags {
      Objects.requireNonNull(column, "column");
      tags = List.copyOf(tags);
    }

    @Override
    public String toString() {
      return column + " CONTAINS " + (all ? "ALL " : "ANY ") + tags.stream().map(Predicate::literal).toList();
    }
  }

  /** {@code column IS NULL}; never unknown. */
  record IsNull(String column) implements Predicate {
    public IsNull {
      Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
      return column + " IS NULL";
    }
  }

  /** What a vector condition compares: the metric's similarity (larger is closer) or distance. */
  enum Measure {
    SIMILARITY, DISTANCE
  }

  /**
   * {@code similarity(column, vector) op value} or {@code distance(column, vector) op value}, with
   * op one of &lt;, &lt;=, &gt;, &gt;=. Unknown on rows without a vector in {@code column}.
   */
  record VectorCompare(String column, float[] vector, Measure measure, Op op, float value) implements Predicate {
    public VectorCompare {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(vector, "query vector of condition on " + column);
      Objects.requireNonNull(measure, "measure");
      Objects.requireNonNull(op, "op");
      if (op == Op.EQ || op == Op.NE) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, measure.name().toLowerCase(java.util.Locale.ROOT)
            + " on '" + column + "' compared with " + op.symbol + "; use <, <=, > or >=");
      }
      vector = vector.clone();
    }

    /** The same condition with the operator that holds exactly when this one fails on a row with a vector. */
    public VectorCompare negate() {
      return new VectorCompare(column, vector, measure, op.negate(), value);
    }

    /** True when the condition keeps rows near the vector (similarity above, distance below). */
    public boolean keepsNear() {
      boolean above = op == Op.GT || op == Op.GE;
      return measure == Measure.SIMILARITY ? above : !above;
    }

    @Override
    public float[] vector() {
      return vector.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof VectorCompare v && column.equals(v.column) && Arrays.equals(vector, v.vector)
          && measure == v.measure && op == v.op && Float.compare(value, v.value) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(column, Arrays.hashCode(vector), measure, op, value);
    }

    @Override
    public String toString() {
      return measure.name().toLowerCase(java.util.Locale.ROOT) + "(" + column + ", " + describe(vector) + ") "
          + op.symbol + " " + value;
    }

    private static String describe(float[] v) {
      return "[" + v.length + "-d " + Integer.toHexString(Arrays.hashCode(v)) + "]";
    }
  }

  /** TRUE or FALSE for every row; what constant folding leaves behind. */
  record Constant(boolean value) implements Predicate {
    @Override
    public String toString() {
      return value ? "TRUE" : "FALSE";
    }
  }

  record And(List<Predicate> children) implements Predicate {
    public And {
      children = List.copyOf(children);
    }

    @Override
    public String toString() {
      return "(" + String.join(" AND ", children.stream().map(Object::toString).toList()) + ")";
    }
  }

  record Or(List<Predicate> children) implements Predicate {
    public Or {
      children = List.copyOf(children);
    }

    @Override
    public String toString() {
      return "(" + String.join(" OR ", children.stream().map(Object::toString).toList()) + ")";
    }
  }

  record Not(Predicate child) implements Predicate {
    public Not {
      Objects.requireNonNull(child, "child");
    }

    @Override
    public String toString() {
      return "NOT " + child;
    }
  }

  /** A literal as a query would spell it: strings quoted. */
  private static String literal(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  static Predicate eq(String column, Object value) {
    return new Compare(column, Op.EQ, value);
  }

  static Predicate ne(String column, Object value) {
    return new Compare(column, Op.NE, value);
  }

  static Predicate lt(String column, Object value) {
    return new Compare(column, Op.LT, value);
  }

  static Predicate le(String column, Object value) {
    return new Compare(column, Op.LE, value);
  }

  static Predicate gt(String column, Object value) {
    return new Compare(column, Op.GT, value);
  }

  static Predicate ge(String column, Object value) {
    return new Compare(column, Op.GE, value);
  }

  /** {@code column BETWEEN low AND high}, both inclusive. */
  static Predicate between(String column, Object low, Object high) {
    return new Range(column, Objects.requireNonNull(low, "low"), true, Objects.requireNonNull(high, "high"), true);
  }

  static Predicate in(String column, List<?> values) {
    return new In(column, values);
  }

  static Predicate containsTag(String column, String tag) {
    return new Tags(column, false, List.of(tag));
  }

  static Predicate containsAny(String column, List<String> tags) {
    return new Tags(column, false, tags);
  }

  static Predicate containsAll(String column, List<String> tags) {
    return new Tags(column, true, tags);
  }

  static Predicate isNull(String column) {
    return new IsNull(column);
  }

  static Predicate isNotNull(String column) {
    return new Not(new IsNull(column));
  }

  /** {@code similarity(column, vector) > threshold}: rows like the vector. */
  static Predicate similarityAbove(String column, float[] vector, float threshold) {
    return new VectorCompare(column, vector, Measure.SIMILARITY, Op.GT, threshold);
  }

  /** {@code similarity(column, vector) >= threshold}. */
  static Predicate similarityAtLeast(String column, float[] vector, float threshold) {
    return new VectorCompare(column, vector, Measure.SIMILARITY, Op.GE, threshold);
  }

  /** {@code distance(column, vector) < radius}. */
  static Predicate distanceBelow(String column, float[] vector, float radius) {
    return new VectorCompare(column, vector, Measure.DISTANCE, Op.LT, radius);
  }

  /** {@code distance(column, vector) <= radius}. */
  static Predicate distanceAtMost(String column, float[] vector, float radius) {
    return new VectorCompare(column, vector, Measure.DISTANCE, Op.LE, radius);
  }

  static Predicate alwaysTrue() {
    return new Constant(true);
  }

  static Predicate alwaysFalse() {
    return new Constant(false);
  }

  static Predicate and(Predicate... children) {
    return new And(List.of(children));
  }

  static Predicate or(Predicate... children) {
    return new Or(List.of(children));
  }

  static Predicate not(Predicate child) {
    return new Not(child);
  }
}
