package io.venndb.bench.data;

import java.util.List;

/** The metadata columns of a dataset, all of the same length. Empty for plain vector files. */
public record Table(int size, List<Column> columns) {
  public Table {
    columns = List.copyOf(columns);
    for (Column c : columns) {
      if (c.size() != size) {
        throw new IllegalArgumentException(
            "column '" + c.name() + "' has " + c.size() + " rows; the table has " + size);
      }
    }
  }

  public static Table empty(int size) {
    return new Table(size, List.of());
  }

  public Column column(String name) {
    for (Column c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no column '" + name + "'; columns are "
        + columns.stream().map(Column::name).toList());
  }

  public Table select(int[] rows) {
    return new Table(rows.length, columns.stream().map(c -> c.select(rows)).toList());
  }
}
