package io.venndb.plan;

import io.venndb.query.Predicate;
import java.util.List;

/**
 * Three-valued evaluation of one leaf condition on one stored value, for columns without an index
 * and for checking indexes in tests. Returns TRUE, FALSE or null (unknown).
 */
final class RowTruth {
  private RowTruth() {}

  /** {@code value} is the column's stored value (null = SQL NULL), already normalised. */
  static Boolean leaf(Predicate leaf, Object value) {
    if (leaf instanceof Predicate.IsNull) {
      return value == null;
    }
    if (value == null) {
      return null;
    }
    return switch (leaf) {
      case Predicate.Compare c -> compare(c.op(), value, c.value());
      case Predicate.In in -> in.values().contains(value);
      case Predicate.Range r -> inRange(r, value);
      case Predicate.Tags t -> t.all() ? ((List<?>) value).containsAll(t.tags()) : containsAny((List<?>) value, t.tags());
      default -> throw new IllegalArgumentException("not a leaf: " + leaf);
    };
  }

  static boolean inRange(Predicate.Range r, Object value) {
    boolean aboveLow = r.low() == null || compare(r.lowInclusive() ? Predicate.Op.GE : Predicate.Op.GT, value, r.low());
    boolean belowHigh = r.high() == null || compare(r.highInclusive() ? Predicate.Op.LE : Predicate.Op.LT, value, r.high());
    return aboveLow && belowHigh;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static boolean compare(Predicate.Op op, Object value, Object literal) {
    int c = ((Comparable) value).compareTo(literal);
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
    };
  }

  private static boolean containsAny(List<?> values, List<String> tags) {
    for (String t : tags) {
      if (values.contains(t)) {
        return true;
      }
    }
    return false;
  }
}
