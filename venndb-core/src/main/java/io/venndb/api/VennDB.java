package io.venndb.api;

import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaCodec;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.error.StorageException;
import io.venndb.store.CatalogStore;
import io.venndb.store.CollectionStore;
import io.venndb.store.RocksStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An embedded VennDB database: one directory, one RocksDB instance, any number of collections.
 * Opening loads every collection (rows are the source of truth; arenas and indexes are rebuilt
 * from them). Thread-safe.
 *
 * <pre>{@code
 * try (VennDB db = VennDB.open(Path.of("data"))) {
 *   Collection c = db.createCollection(SchemaBuilder.collection("docs").stringKey("id")
 *       .keyword("tag").vector("emb", 384, Metric.COSINE).build());
 *   c.insert(Map.of("id", "a", "tag", "x", "emb", vector));
 *   List<SearchHit> hits = c.search(SearchRequest.nearest("emb", q, 10).withFilter(Predicate.eq("tag", "x")));
 * }
 * }</pre>
 */
public final class VennDB implements AutoCloseable {
  private final RocksStore rocks;
  private final CatalogStore catalog;
  private final DatabaseOptions options;
  private final Map<String, Handle> collections = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private boolean closed;

  private record Handle(int id, Collection collection) {}

  private VennDB(RocksStore rocks, DatabaseOptions options) {
    this.rocks = rocks;
    this.options = options;
    this.catalog = new CatalogStore(rocks);
    for (SchemaCodec.Entry e : catalog.list()) {
      collections.put(e.schema().name(), open(e.id(), e.schema()));
    }
  }

  public static VennDB open(Path directory) {
    return open(directory, DatabaseOptions.defaults());
  }

  public static VennDB open(Path directory, DatabaseOptions options) {
    RocksStore rocks = RocksStore.open(directory);
    try {
      return new VennDB(rocks, options);
    } catch (RuntimeException e) {
      rocks.close();
      throw e;
    }
  }

  private Handle open(int id, CollectionSchema schema) {
    return new Handle(id, new Collection(new CollectionStore(rocks, id, schema), options));
  }

  public synchronized Collection createCollection(CollectionSchema schema) {
    checkOpen();
    if (collections.containsKey(schema.name())) {
      throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, "collection '" + schema.name() + "' already exists");
    }
    int id = catalog.create(schema);
    Handle handle = open(id, schema);
    collections.put(schema.name(), handle);
    return handle.collection();
  }

  /** The collection named so; UNKNOWN_NAME listing the collections otherwise. */
  public synchronized Collection collection(String name) {
    checkOpen();
    Handle h = collections.get(name);
    if (h == null) {
      throw new InvalidInputException(ErrorCode.UNKNOWN_NAME,
          "unknown collection '" + name + "'; collections are " + collections.keySet());
    }
    return h.collection();
  }

  public synchronized boolean hasCollection(String name) {
    return collections.containsKey(name);
  }

  public synchronized List<String> collectionNames() {
    checkOpen();
    return new ArrayList<>(collections.keySet());
  }

  /** Drops a collection and all its rows durably. */
  public synchronized void dropCollection(String name) {
    checkOpen();
    Handle h = collections.get(name);
    if (h == null) {
      throw new InvalidInputException(ErrorCode.UNKNOWN_NAME, "unknown collection '" + name + "'");
    }
    catalog.drop(h.collection().name(), h.id());
    collections.remove(name);
    h.collection().closeDropped();
  }

  public Path directory() {
    return rocks.directory();
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException(ErrorCode.CLOSED, "database at " + rocks.directory() + " is closed", null);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Handle h : collections.values()) {
      h.collection().close();
    }
    rocks.close();
  }
}
