package io.venndb.bench.filter;

import io.venndb.bench.data.Column;
import io.venndb.bench.data.KeywordColumn;
import io.venndb.bench.data.LongColumn;
import io.venndb.bench.data.Table;
import io.venndb.bench.data.TagsColumn;
import java.util.BitSet;

/**
 * The brute-force meaning of a {@link Filter}: evaluates the tree on one row at a time with
 * three-valued logic, straight from the definition. Deliberately naive; it is the oracle.
 */
public final class FilterMatcher {
  static final byte FALSE = 0;
  static final byte TRUE = 1;
  static final byte UNKNOWN = 2;

  private final Table table;

  public FilterMatcher(Table table) {
    this.table = table;
  }

  /** True when the filter is TRUE on {@code row} (null filter: every row). */
  public boolean matches(Filter filter, int row) {
    return filter == null || eval(filter, row) == TRUE;
  }

  /** Every row where the filter is TRUE. */
  public BitSet matching(Filter filter) {
    BitSet out = new BitSet(table.size());
    for (int row = 0; row < table.size(); row++) {
      if (matches(filter, row)) {
        out.set(row);
      }
    }
    return out;
  }

  public double selectivity(Filter filter) {
    return table.size() == 0 ? 0 : (double) matching(filter).cardinality() / table.size();
  }

  byte eval(Filter filter, int row) {
    return switch (filter) {
      case Filter.Not n -> not(eval(n.child(), row));
      case Filter.And a -> {
        byte r = TRUE;
        for (Filter c : a.children()) {
          byte v = eval(c, row);
          if (v == FALSE) {
            yield FALSE;
          }
          r = v == UNKNOWN ? UNKNOWN : r;
        }
        yield r;
      }
      case Filter.Or o -> {
        byte r = FALSE;
        for (Filter c : o.children()) {
          byte v = eval(c, row);
          if (v == TRUE) {
            yield TRUE;
          }
          r = v == UNKNOWN ? UNKNOWN : r;
        }
        yield r;
      }
      default -> leaf(filter, row);
    };
  }

  private byte leaf(Filter leaf, int row) {
    Column column = table.column(LuceneFilters.columnOf(leaf));
    if (column.isNull(row)) {
      return UNKNOWN;
    }
    boolean hit = switch (leaf) {
      case Filter.Keyword k -> k.value().equals(((KeywordColumn) column).value(row));
      case Filter.HasTag t -> ((TagsColumn) column).contains(row, t.tag());
      case Filter.LongRange r -> {
        long v = ((LongColumn) column).get(row);
        yield v >= r.min() && v <= r.max();
      }
      default -> throw new IllegalArgumentException("not a leaf: " + leaf);
    };
    return hit ? TRUE : FALSE;
  }

  private static byte not(byte v) {
    return v == UNKNOWN ? UNKNOWN : (v == TRUE ? FALSE : TRUE);
  }
}
