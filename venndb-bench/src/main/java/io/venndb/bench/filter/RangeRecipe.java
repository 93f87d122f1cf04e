package io.venndb.bench.filter;

import io.venndb.bench.data.LongColumn;
import io.venndb.bench.data.Table;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A range on a numeric column, tuned to a selectivity: {@code col <= v} (LOW), {@code col >= v}
 * (HIGH) or the best window {@code col BETWEEN a AND b} (WINDOW), optionally ANDed or ORed with a
 * fixed companion filter (then the range is tuned so the combination hits the target). Candidates
 * are the column's distinct values, so the result is the closest achievable on the data (ties in
 * the data can make it coarse).
 */
public record RangeRecipe(String name, String column, Mode mode, Filter companion, Combine combine)
    implements FilterRecipe {

  /** Which side of the range is open. */
  public enum Mode { LOW, HIGH, WINDOW }

  /** How the companion filter joins the range. */
  public enum Combine { NONE, AND, OR }

  public static RangeRecipe of(String name, String column, Mode mode) {
    return new RangeRecipe(name, column, mode, null, Combine.NONE);
  }

  @Override
  public String shape() {
    String range = switch (mode) {
      case LOW -> column + " <= v";
      case HIGH -> column + " >= v";
      case WINDOW -> column + " BETWEEN a AND b";
    };
    return combine == Combine.NONE ? range : "(" + companion + ") " + combine + " " + range;
  }

  @Override
  public Filter make(Table table, double target) {
    LongColumn col = (LongColumn) table.column(column);
    FilterMatcher matcher = new FilterMatcher(table);
    BitSet fixed = companion == null ? null : matcher.matching(companion);
    long offset = combine == Combine.OR ? fixed.cardinality() : 0;
    long[] values = scopeValues(col, fixed);
    Arrays.sort(values);
    double wanted = target * table.size() - offset;
    long[] range = values.length == 0 ? new long[] {0, 0} : switch (mode) {
      case LOW -> low(values, wanted);
      case HIGH -> high(values, wanted);
      case WINDOW -> window(values, wanted);
    };
    Filter f = new Filter.LongRange(column, range[0], range[1]);
    return switch (combine) {
      case NONE -> f;
      case AND -> Filter.and(companion, f);
      case OR -> new Filter.Or(java.util.List.of(companion, f));
    };
  }

  /** Non-null values of rows in scope: all rows, those the companion admits (AND) or rejects (OR). */
  private long[] scopeValues(LongColumn col, BitSet fixed) {
    long[] out = new long[col.size()];
    int n = 0;
    for (int i = 0; i < col.size(); i++) {
      boolean inScope = switch (combine) {
        case NONE -> true;
        case AND -> fixed.get(i);
        case OR -> !fixed.get(i);
      };
      if (inScope && !col.isNull(i)) {
        out[n++] = col.get(i);
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static long[] low(long[] sorted, double wanted) {
    long best = sorted[0];
    double bestErr = Double.MAX_VALUE;
    for (int i = 0; i < sorted.length; i++) {
      if (i + 1 < sorted.length && sorted[i + 1] == sorted[i]) {
        continue; // count(<= v) is taken at the last copy of v
      }
      double err = Math.abs(i + 1 - wanted);
      if (err < bestErr) {
        bestErr = err;
        best = sorted[i];
      }
    }
    return new long[] {Long.MIN_VALUE, best};
  }

  private static long[] high(long[] sorted, double wanted) {
    long best = sorted[sorted.length - 1];
    double bestErr = Double.MAX_VALUE;
    for (int i = sorted.length - 1; i >= 0; i--) {
      if (i > 0 && sorted[i - 1] == sorted[i]) {
        continue; // count(>= v) is taken at the first copy of v
      }
      double err = Math.abs(sorted.length - i - wanted);
      if (err < bestErr) {
        bestErr = err;
        best = sorted[i];
      }
    }
    return new long[] {best, Long.MAX_VALUE};
  }

  /** The window of distinct values whose row count is closest; ties go to the latest window. */
  private static long[] window(long[] sorted, double wanted) {
    long[] distinct = Arrays.stream(sorted).distinct().toArray();
    long[] cum = new long[distinct.length + 1];
    for (int d = 0, i = 0; d < distinct.length; d++) {
      while (i < sorted.length && sorted[i] == distinct[d]) {
        i++;
      }
      cum[d + 1] = i;
    }
    long[] best = {distinct[0], distinct[0]};
    double bestErr = Double.MAX_VALUE;
    for (int a = 0; a < distinct.length; a++) {
      int b = Arrays.binarySearch(cum, a + 1, cum.length, cum[a] + (long) Math.ceil(wanted));
      int end = b >= 0 ? b : -b - 1;
      for (int j = Math.max(a + 1, end - 1); j <= Math.min(cum.length - 1, end); j++) {
        double err = Math.abs(cum[j] - cum[a] - wanted);
        if (err <= bestErr) {
          bestErr = err;
          best = new long[] {distinct[a], distinct[j - 1]};
        }
      }
    }
    return best;
  }
}
