package io.venndb.store;

import io.venndb.catalog.KeyType;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key layouts. All integers are big-endian so RocksDB's byte order is numeric order within a
 * collection; signed longs flip their sign bit for the same reason.
 *
 * <pre>
 *   ROWS  [collection id: 4][doc id: 4]
 *   KEYS  [collection id: 4][primary key: 8 (long) | UTF-8 bytes (string)]
 *   META  "counters/" + collection id (decimal), "catalog/next-id", "format"
 * </pre>
 */
public final class Keys {
  /** Longest primary key accepted, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  private Keys() {}

  public static byte[] row(int collectionId, int docId) {
    return ByteBuffer.allocate(8).putInt(collectionId).putInt(docId).array();
  }

  public static int docIdOfRowKey(byte[] key) {
    return ByteBuffer.wrap(key, 4, 4).getInt();
  }

  /** First key of a collection's range in any family keyed by collection id. */
  public static byte[] collectionStart(int collectionId) {
    return ByteBuffer.allocate(4).putInt(collectionId).array();
  }

  /** Key just past a collection's range. */
  public static byte[] collectionEnd(int collectionId) {
    return ByteBuffer.allocate(4).putInt(collectionId + 1).array();
  }

  public static byte[] primaryKey(int collectionId, KeyType type, Object key) {
    byte[] encoded = encodePrimaryKey(type, key);
    return ByteBuffer.allocate(4 + encoded.length).putInt(collectionId).put(encoded).array();
  }

  static byte[] encodePrimaryKey(KeyType type, Object key) {
    if (type == KeyType.LONG) {
      return ByteBuffer.allocate(8).putLong(((Long) key) ^ Long.MIN_VALUE).array();
    }
    byte[] utf8 = ((String) key).getBytes(StandardCharsets.UTF_8);
    if (utf8.length > MAX_KEY_BYTES) {
      throw new InvalidInputException(ErrorCode.TOO_LARGE,
          "primary key of " + utf8.length + " bytes exceeds the limit of " + MAX_KEY_BYTES);
    }
    return utf8;
  }

  public static byte[] counters(int collectionId) {
    return ("counters/" + collectionId).getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] meta(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }
}
