package io.venndb.bench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A multi-valued string column (Debian debtags). A null entry is NULL; an empty array is a
 * present, empty set, as VennDB stores an empty tag list (so {@code NOT contains(t)} is TRUE on it).
 */
public record TagsColumn(String name, String[][] values) implements Column {
  public TagsColumn {
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
  public List<String> value(int row) {
    return values[row] == null ? null : Arrays.asList(values[row]);
  }

  public boolean contains(int row, String tag) {
    String[] tags = values[row];
    if (tags != null) {
      for (String t : tags) {
        if (t.equals(tag)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public TagsColumn select(int[] rows) {
    String[][] out = new String[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new TagsColumn(name, out);
  }
}
