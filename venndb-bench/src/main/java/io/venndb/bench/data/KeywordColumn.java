package io.venndb.bench.data;

import java.util.Objects;

/** A single-valued string column (Debian section, priority); null entries are NULL. */
public record KeywordColumn(String name, String[] values) implements Column {
  public KeywordColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isNull(int row) {
    return values[row] == null;
  }

  @Override
  public String value(int row) {
    return values[row];
  }

  @Override
  public KeywordColumn select(int[] rows) {
    String[] out = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new KeywordColumn(name, out);
  }
}
