package io.venndb.bench.filter;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A scalar filter described once and compiled three ways — a VennDB {@link
 * io.venndb.query.Predicate} ({@link VennFilters}), a Lucene query ({@link LuceneFilters}) and a
 * brute-force row test ({@link FilterMatcher}) — so the systems and the ground truth cannot
 * disagree about what a workload asks. Semantics are SQL's three-valued logic: a comparison on a
 * NULL is unknown, NOT unknown is unknown, and only TRUE rows match.
 */
public sealed interface Filter {

  /** {@code column = value} on a keyword column. */
  record Keyword(String column, String value) implements Filter {
    public Keyword {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return column + " = '" + value + "'";
    }
  }

  /** The tag set of {@code column} contains {@code tag}. */
  record HasTag(String column, String tag) implements Filter {
    public HasTag {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(tag, "tag");
    }

    @Override
    public String toString() {
      return column + " HAS '" + tag + "'";
    }
  }

  /** {@code min <= column <= max}; {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE} leave a side open. */
  record LongRange(String column, long min, long max) implements Filter {
    public LongRange {
      Objects.requireNonNull(column, "column");
      if (min > max) {
        throw new IllegalArgumentException("empty range " + min + ".." + max + " on " + column);
      }
    }

    public boolean openBelow() {
      return min == Long.MIN_VALUE;
    }

    public boolean openAbove() {
      return max == Long.MAX_VALUE;
    }

    @Override
    public String toString() {
      if (openBelow()) {
        return column + " <= " + max;
      }
      return openAbove() ? column + " >= " + min : column + " BETWEEN " + min + " AND " + max;
    }
  }

  record And(List<Filter> children) implements Filter {
    public And {
      children = List.copyOf(children);
    }

    @Override
    public String toString() {
      return children.stream().map(Filter::group).collect(Collectors.joining(" AND "));
    }
  }

  record Or(List<Filter> children) implements Filter {
    public Or {
      children = List.copyOf(children);
    }

    @Override
    public String toString() {
      return children.stream().map(Filter::group).collect(Collectors.joining(" OR "));
    }
  }

  record Not(Filter child) implements Filter {
    public Not {
      Objects.requireNonNull(child, "child");
    }

    @Override
    public String toString() {
      return "NOT " + group(child);
    }
  }

  static Filter and(Filter... children) {
    return children.length == 1 ? children[0] : new And(List.of(children));
  }

  static Filter or(List<Filter> children) {
    return children.size() == 1 ? children.getFirst() : new Or(children);
  }

  static Filter not(Filter child) {
    return new Not(child);
  }

  private static String group(Filter f) {
    return f instanceof And || f instanceof Or ? "(" + f + ")" : f.toString();
  }
}
