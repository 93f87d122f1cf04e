package io.venndb.bench.data;

import java.util.BitSet;
import java.util.Objects;

/** A numeric column (sizes, months as yyyymm, popularity rank); {@code nulls} marks NULL rows. */
public record LongColumn(String name, long[] values, BitSet nulls) implements Column {
  public LongColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    nulls = nulls == null ? new BitSet() : nulls;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isNull(int row) {
    return nulls.get(row);
  }

  @Override
  public Long value(int row) {
    return nulls.get(row) ? null : values[row];
  }

  /** The raw value; meaningless when the row is NULL. */
  public long get(int row) {
    return values[row];
  }

  @Override
  public LongColumn select(int[] rows) {
    long[] out = new long[rows.length];
    BitSet outNulls = new BitSet();
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
      if (nulls.get(rows[i])) {
        outNulls.set(i);
      }
    }
    return new LongColumn(name, out, outNulls);
  }
}
