package io.venndb.catalog;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns a caller's value into the one Java representation each column type stores, or rejects it
 * naming the column and the value. Accepting a little more than the stored type (Integer for a
 * LONG, Instant or ISO text for a TIMESTAMP, double[] for a vector) keeps the API pleasant without
 * making any stored value ambiguous.
 */
public final class ValueNormalizer {
  private ValueNormalizer() {}

  public static Object primaryKey(KeyType type, String keyName, Object key) {
    if (key == null) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "primary key '" + keyName + "' is missing");
    }
    if (type == KeyType.LONG) {
      return toLong(keyName, key);
    }
    if (!(key instanceof String s)) {
      throw mismatch(keyName, "STRING", key);
    }
    if (s.isEmpty()) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "primary key '" + keyName + "' is empty");
    }
    return s;
  }

  /** The stored form of {@code value} for {@code column}; null stays null (SQL NULL). */
  public static Object value(ColumnDef column, Object value) {
    if (value == null) {
      return null;
    }
    String name = column.name();
    return switch (column.type()) {
      case LONG -> toLong(name, value);
      case DOUBLE -> toDouble(name, value);
      case BOOLEAN -> toBoolean(name, value);
      case KEYWORD -> toText(name, value, Limits.MAX_KEYWORD_BYTES);
      case TEXT -> toText(name, value, Limits.MAX_TEXT_BYTES);
      case TIMESTAMP -> toMicros(name, value);
      case TAGS -> toTags(name, value);
      case VECTOR -> VectorValues.checked(column, value);
    };
  }

  public static Long toLong(String name, Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    throw mismatch(name, "LONG", value);
  }

  public static Double toDouble(String name, Object value) {
    if (!(value instanceof Number n)) {
      throw mismatch(name, "DOUBLE", value);
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "column '" + name + "' got " + d + "; values must be finite");
    }
    return d == 0.0 ? 0.0 : d; // one zero: -0.0 and 0.0 must land in the same index posting
  }

  private static Boolean toBoolean(String name, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw mismatch(name, "BOOLEAN", value);
  }

  public static String toText(String name, Object value, int maxBytes) {
    if (!(value instanceof String s)) {
      throw mismatch(name, maxBytes == Limits.MAX_TEXT_BYTES ? "TEXT" : "KEYWORD", value);
    }
    int bytes = utf8Length(s);
    if (bytes > maxBytes) {
      throw new InvalidInputException(ErrorCode.TOO_LARGE,
          "column '" + name + "' value of " + bytes + " bytes exceeds the limit of " + maxBytes);
    }
    return s;
  }

  /** Timestamps are stored as microseconds since the epoch, UTC (PostgreSQL's resolution). */
  public static Long toMicros(String name, Object value) {
    if (value instanceof Instant i) {
      return ChronoUnit.MICROS.between(Instant.EPOCH, i);
    }
    if (value instanceof String s) {
      try {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(s));
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(ErrorCode.TYPE_MISMATCH,
            "column '" + name + "' expects an ISO-8601 instant such as 2024-05-01T00:00:00Z, got '" + s + "'");
      }
    }
    return toLong(name, value);
  }

  private static List<String> toTags(String name, Object value) {
    if (!(value instanceof Collection<?> c)) {
      throw mismatch(name, "TAGS (a list of strings)", value);
    }
    if (c.size() > Limits.MAX_TAGS) {
      throw new InvalidInputException(ErrorCode.TOO_LARGE,
          "column '" + name + "' has " + c.size() + " tags; the limit is " + Limits.MAX_TAGS);
    }
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    for (Object t : c) {
      if (t == null) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "column '" + name + "' contains a null tag");
      }
      tags.add(toText(name, t, Limits.MAX_KEYWORD_BYTES));
    }
    return List.copyOf(new ArrayList<>(tags));
  }

  public static InvalidInputException mismatch(String column, String expected, Object value) {
    String shown = value instanceof String s ? "'" + abbreviate(s) + "'" : abbreviate(String.valueOf(value));
    return new InvalidInputException(ErrorCode.TYPE_MISMATCH, "column '" + column + "' expects " + expected
        + ", got " + value.getClass().getSimpleName() + " " + shown);
  }

  /** UTF-8 length without allocating the bytes. */
  public static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  public static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
