package io.venndb.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row as returned to callers: its primary key and the requested columns in schema order.
 * TIMESTAMP values come back as {@link java.time.Instant}, vectors as the float[] that was stored.
 */
public record Row(Object key, Map<String, Object> values) {
  public Row {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public Object get(String column) {
    return values.get(column);
  }
}
