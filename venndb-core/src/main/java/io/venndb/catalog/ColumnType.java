package io.venndb.catalog;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.util.Locale;

/** The value types a column can hold. Each type has one Java representation in rows. */
public enum ColumnType {
  /** 64-bit integer; Java {@code Long}. */
  LONG(IndexKind.SORTED),
  /** 64-bit float; Java {@code Double}. NaN is rejected. */
  DOUBLE(IndexKind.SORTED),
  BOOLEAN(IndexKind.BITMAP),
  /** A short string compared whole (section, priority); Java {@code String}. */
  KEYWORD(IndexKind.BITMAP),
  /** Microseconds since the epoch, UTC; Java {@code java.time.Instant} or {@code Long} micros. */
  TIMESTAMP(IndexKind.SORTED),
  /** A set of keywords (debtags); Java {@code List<String>}. Multi-valued bitmap index. */
  TAGS(IndexKind.BITMAP),
  /** Free text, stored and returned but not indexed. */
  TEXT(IndexKind.NONE),
  /** A fixed-dimension float vector; Java {@code float[]}. */
  VECTOR(IndexKind.NONE);

  private final IndexKind defaultIndex;

  ColumnType(IndexKind defaultIndex) {
    this.defaultIndex = defaultIndex;
  }

  /** The scalar index a column of this type gets unless the schema says otherwise. */
  public IndexKind defaultIndex() {
    return defaultIndex;
  }

  public boolean isNumeric() {
    return this == LONG || this == DOUBLE || this == TIMESTAMP;
  }

  public static ColumnType parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "unknown column type '" + name + "'");
    }
  }
}
