package io.venndb.store;

import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.KeyType;
import io.venndb.catalog.ValueNormalizer;
import io.venndb.error.CorruptionException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes a row as the bytes stored under its ROWS key. Values are positional in schema order and
 * already validated (see ingest). Layout, all little-endian:
 *
 * <pre>
 *   [format: 1 = 1]
 *   [primary key: long 8 | string: length 4 + UTF-8]
 *   per column: [present: 1] then, when present,
 *       LONG/TIMESTAMP 8 | DOUBLE 8 | BOOLEAN 1 | KEYWORD/TEXT length 4 + UTF-8
 *       | TAGS count 4 + (length 4 + UTF-8)* | VECTOR dimension × float32
 *   [CRC32C of everything before: 4]
 * </pre>
 *
 * The checksum catches a damaged record before a wrong value reaches an index.
 */
public final class RowCodec {
  static final byte FORMAT = 1;

  private RowCodec() {}

  /** A decoded row: its primary key and values in schema order (null = SQL NULL). */
  public record Decoded(Object primaryKey, Object[] values) {}

  public static byte[] encode(CollectionSchema schema, Object primaryKey, Object[] values) {
    ByteBuffer buf = ByteBuffer.allocate(encodedSize(schema, primaryKey, values)).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(FORMAT);
    if (schema.keyType() == KeyType.LONG) {
      buf.putLong((Long) primaryKey);
    } else {
      putString(buf, (String) primaryKey);
    }
    List<ColumnDef> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      putValue(buf, columns.get(i), values[i]);
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    return buf.array();
  }

  private static void putValue(ByteBuffer buf, ColumnDef column, Object value) {
    buf.put((byte) (value == null ? 0 : 1));
    if (value == null) {
      return;
    }
    switch (column.type()) {
      case LONG, TIMESTAMP -> buf.putLong((Long) value);
      case DOUBLE -> buf.putDouble((Double) value);
      case BOOLEAN -> buf.put((byte) (((Boolean) value) ? 1 : 0));
      case KEYWORD, TEXT -> putString(buf, (String) value);
      case TAGS -> putTags(buf, value);
      case VECTOR -> putVector(buf, (float[]) value);
    }
  }

  private static void putVector(ByteBuffer buf, float[] v) {
    buf.asFloatBuffer().put(v);
    buf.position(buf.position() + 4 * v.length);
  }

  private static void putTags(ByteBuffer buf, Object value) {
    List<?> tags = (List<?>) value;
    buf.putInt(tags.size());
    for (Object t : tags) {
      putString(buf, (String) t);
    }
  }

  private static void putString(ByteBuffer buf, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    buf.putInt(utf8.length).put(utf8);
  }

  private static int encodedSize(CollectionSchema schema, Object primaryKey, Object[] values) {
    int size = 1 + 4 + (schema.keyType() == KeyType.LONG ? 8 : stringSize((String) primaryKey));
    List<ColumnDef> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      size += 1 + valueSize(columns.get(i), values[i]);
    }
    return size;
  }

  private static int valueSize(ColumnDef column, Object value) {
    if (value == null) {
      return 0;
    }
    return switch (column.type()) {
      case LONG, TIMESTAMP, DOUBLE -> 8;
      case BOOLEAN -> 1;
      case KEYWORD, TEXT -> stringSize((String) value);
      case TAGS -> 4 + ((List<?>) value).stream().mapToInt(t -> stringSize((String) t)).sum();
      case VECTOR -> 4 * ((float[]) value).length;
    };
  }

  private static int stringSize(String s) {
    return 4 + ValueNormalizer.utf8Length(s);
  }

  public static Decoded decode(CollectionSchema schema, String resource, byte[] bytes) {
    return decode(schema, resource, bytes, true);
  }

  /** A buffer positioned after the format byte, once length, checksum and format are checked. */
  private static ByteBuffer verified(String resource, byte[] bytes) {
    if (bytes.length < 5) {
      throw new CorruptionException(resource, "row record of " + bytes.length + " bytes is too short", null);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    if ((int) crc.getValue() != buf.getInt(bytes.length - 4)) {
      throw new CorruptionException(resource, "row checksum mismatch", null);
    }
    if (buf.get() != FORMAT) {
      throw new CorruptionException(resource, "unknown row format " + bytes[0], null);
    }
    return buf;
  }

  /** With {@code vectors} false, vector values are skipped (checked by the CRC, returned as null). */
  public static Decoded decode(CollectionSchema schema, String resource, byte[] bytes, boolean vectors) {
    ByteBuffer buf = verified(resource, bytes);
    try {
      Object pk = schema.keyType() == KeyType.LONG ? (Object) buf.getLong() : getString(buf);
      List<ColumnDef> columns = schema.columns();
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        ColumnDef column = columns.get(i);
        if (buf.get() == 0) {
          values[i] = null;
        } else if (!vectors && column.isVector()) {
          buf.position(buf.position() + 4 * column.dimension());
        } else {
          values[i] = getValue(buf, column);
        }
      }
      return new Decoded(pk, values);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptionException(resource, "row record does not match its schema", e);
    }
  }

  private static Object getValue(ByteBuffer buf, ColumnDef column) {
    return switch (column.type()) {
      case LONG, TIMESTAMP -> buf.getLong();
      case DOUBLE -> buf.getDouble();
      case BOOLEAN -> buf.get() != 0;
      case KEYWORD, TEXT -> getString(buf);
      case TAGS -> getTags(buf);
      case VECTOR -> getVector(buf, column.dimension());
    };
  }

  private static List<String> getTags(ByteBuffer buf) {
    int n = buf.getInt();
    if (n < 0 || n > buf.remaining() / 4) {
      throw new IllegalArgumentException("tag count " + n);
    }
    List<String> tags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tags.add(getString(buf));
    }
    return List.copyOf(tags);
  }

  private static float[] getVector(ByteBuffer buf, int dimension) {
    float[] v = new float[dimension];
    buf.asFloatBuffer().get(v);
    buf.position(buf.position() + 4 * dimension);
    return v;
  }

  private static String getString(ByteBuffer buf) {
    int len = buf.getInt();
    if (len < 0 || len > buf.remaining()) {
      throw new IllegalArgumentException("string length " + len);
    }
    String s = new String(buf.array(), buf.position(), len, StandardCharsets.UTF_8);
    buf.position(buf.position() + len);
    return s;
  }
}
