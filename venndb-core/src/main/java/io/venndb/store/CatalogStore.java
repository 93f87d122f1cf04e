package io.venndb.store;

import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaCodec;
import io.venndb.error.CorruptionException;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.WriteBatch;

/**
 * The catalog in RocksDB: collection name → schema JSON (with its numeric id), the next id, and
 * the database format version. Collection ids are never reused, so a dropped collection's leftover
 * keys can never be mistaken for a new one's.
 */
public final class CatalogStore {
  /** Version of the on-disk layout described in docs/storage.md. */
  public static final int DATABASE_FORMAT = 1;

  private static final byte[] FORMAT_KEY = Keys.meta("format");
  private static final byte[] NEXT_ID_KEY = Keys.meta("catalog/next-id");

  private final RocksStore rocks;

  public CatalogStore(RocksStore rocks) {
    this.rocks = rocks;
    checkFormat();
  }

  /** A new database gets the current format; an existing one must already have it. */
  private void checkFormat() {
    byte[] format = rocks.get(RocksStore.Family.META, FORMAT_KEY, null);
    if (format == null) {
      try (WriteBatch wb = new WriteBatch()) {
        rocks.put(wb, RocksStore.Family.META, FORMAT_KEY, ByteBuffer.allocate(4).putInt(DATABASE_FORMAT).array());
        rocks.write(wb, true);
      }
    } else if (format.length != 4 || ByteBuffer.wrap(format).getInt() != DATABASE_FORMAT) {
      throw new CorruptionException(rocks.directory(), "unsupported database format record " + java.util.Arrays.toString(format));
    }
  }

  public List<SchemaCodec.Entry> list() {
    List<SchemaCodec.Entry> entries = new ArrayList<>();
    rocks.scan(RocksStore.Family.CATALOG, new byte[0], new byte[] {(byte) 0xFF}, null,
        (key, value) -> entries.add(SchemaCodec.decode(rocks.directory() + " catalog/"
            + new String(key, StandardCharsets.UTF_8), value)));
    return entries;
  }

  /** Stores a new collection's schema durably and returns its id. */
  public int create(CollectionSchema schema) {
    byte[] name = schema.name().getBytes(StandardCharsets.UTF_8);
    if (rocks.get(RocksStore.Family.CATALOG, name, null) != null) {
      throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, "collection '" + schema.name() + "' already exists");
    }
    byte[] next = rocks.get(RocksStore.Family.META, NEXT_ID_KEY, null);
    int id = next == null ? 1 : ByteBuffer.wrap(next).getInt();
    try (WriteBatch wb = new WriteBatch()) {
      rocks.put(wb, RocksStore.Family.CATALOG, name, SchemaCodec.encode(id, schema));
      rocks.put(wb, RocksStore.Family.META, NEXT_ID_KEY, ByteBuffer.allocate(4).putInt(id + 1).array());
      rocks.write(wb, true);
    }
    return id;
  }

  /** Removes a collection's schema, rows, keys and counters in one durable batch. */
  public void drop(String collection, int id) {
    try (WriteBatch wb = new WriteBatch()) {
      rocks.delete(wb, RocksStore.Family.CATALOG, collection.getBytes(StandardCharsets.UTF_8));
      rocks.deleteRange(wb, RocksStore.Family.ROWS, Keys.collectionStart(id), Keys.collectionEnd(id));
      rocks.deleteRange(wb, RocksStore.Family.KEYS, Keys.collectionStart(id), Keys.collectionEnd(id));
      rocks.delete(wb, RocksStore.Family.META, Keys.counters(id));
      rocks.write(wb, true);
    }
  }
}
