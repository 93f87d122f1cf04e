package io.venndb.catalog;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The immutable schema of one collection: a primary key and ordered columns. Column positions are
 * the order of {@link #columns()}; rows are encoded in that order.
 */
public final class CollectionSchema {
  private final String name;
  private final String primaryKey;
  private final KeyType keyType;
  private final List<ColumnDef> columns;
  private final Map<String, Integer> positions;

  public CollectionSchema(String name, String primaryKey, KeyType keyType, List<ColumnDef> columns) {
    ColumnDef.checkName(name, "collection");
    ColumnDef.checkName(primaryKey, "primary key");
    if (keyType == null) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "collection '" + name + "' needs a key type");
    }
    this.name = name;
    this.primaryKey = primaryKey;
    this.keyType = keyType;
    this.columns = List.copyOf(columns);
    this.positions = indexPositions(this.columns, primaryKey);
  }

  private static Map<String, Integer> indexPositions(List<ColumnDef> columns, String primaryKey) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String key = columns.get(i).name().toLowerCase(Locale.ROOT);
      if (positions.put(key, i) != null || key.equals(primaryKey.toLowerCase(Locale.ROOT))) {
        throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, "duplicate column name '" + columns.get(i).name() + "'");
      }
    }
    return Map.copyOf(positions);
  }

  public String name() {
    return name;
  }

  public String primaryKey() {
    return primaryKey;
  }

  public KeyType keyType() {
    return keyType;
  }

  public List<ColumnDef> columns() {
    return columns;
  }

  /** Position of a column (names are case-insensitive), or -1. */
  public int position(String column) {
    Integer p = column == null ? null : positions.get(column.toLowerCase(Locale.ROOT));
    return p == null ? -1 : p;
  }

  /** The column named so; an UNKNOWN_NAME error listing the columns otherwise. */
  public ColumnDef column(String column) {
    int p = position(column);
    if (p < 0) {
      throw new InvalidInputException(ErrorCode.UNKNOWN_NAME,
          "unknown column '" + column + "' in collection '" + name + "'; columns are " + columnNames());
    }
    return columns.get(p);
  }

  public boolean isPrimaryKey(String column) {
    return column != null && column.equalsIgnoreCase(primaryKey);
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnDef::name).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CollectionSchema s
        && name.equals(s.name) && primaryKey.equals(s.primaryKey)
        && keyType == s.keyType && columns.equals(s.columns);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + columns.hashCode();
  }

  @Override
  public String toString() {
    return "CollectionSchema[" + name + ", key " + primaryKey + " " + keyType + ", " + columns + "]";
  }
}
