package io.venndb.store;

import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.CollectionSchema;
import io.venndb.error.CorruptionException;
import io.venndb.error.ErrorCode;
import io.venndb.error.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import org.rocksdb.WriteBatch;

/**
 * The stored state of one collection: its rows and keys in RocksDB, its vectors in off-heap
 * arenas, its live docs, its counters, and the current {@link ReadView}. Writers are serialised
 * by the caller (one commit at a time); readers take views and never block writers.
 */
public final class CollectionStore implements AutoCloseable {
  private final RocksStore rocks;
  private final int id;
  private final CollectionSchema schema;
  private final VectorArena[] arenas;
  private static final System.Logger LOG = System.getLogger(CollectionStore.class.getName());
  private final RoaringBitmap liveDocs = new RoaringBitmap();
  private final KeyColumn keys;
  private int nextDocId;
  private long generation;
  private volatile ReadView current;
  private volatile boolean closed;

  public CollectionStore(RocksStore rocks, int id, CollectionSchema schema) {
    this.rocks = rocks;
    this.id = id;
    this.schema = schema;
    this.arenas = createArenas(schema);
    this.keys = new KeyColumn(schema.keyType());
    readCounters();
  }

  private static VectorArena[] createArenas(CollectionSchema schema) {
    List<ColumnDef> columns = schema.columns();
    VectorArena[] arenas = new VectorArena[columns.size()];
    for (int i = 0; i < arenas.length; i++) {
      if (columns.get(i).isVector()) {
        arenas[i] = new VectorArena(columns.get(i).dimension());
      }
    }
    return arenas;
  }

  private void readCounters() {
    byte[] value = rocks.get(RocksStore.Family.META, Keys.counters(id), null);
    if (value == null) {
      return;
    }
    if (value.length != 12) {
      throw new CorruptionException(rocks.directory() + " counters/" + id, "counter record has " + value.length + " bytes", null);
    }
    ByteBuffer buf = ByteBuffer.wrap(value);
    nextDocId = buf.getInt();
    generation = buf.getLong();
  }

  public int id() {
    return id;
  }

  public CollectionSchema schema() {
    return schema;
  }

  public RocksStore rocks() {
    return rocks;
  }

  /** The arena of the vector column at {@code position}. */
  public VectorArena arena(int position) {
    VectorArena arena = arenas[position];
    if (arena == null) {
      throw new IllegalArgumentException("column " + schema.columns().get(position).name() + " is not a vector column");
    }
    return arena;
  }

  /** Off-heap bytes allocated by all vector arenas of this collection. */
  public long vectorBytesOffHeap() {
    long bytes = 0;
    for (VectorArena arena : arenas) {
      bytes += arena == null ? 0 : arena.allocatedBytes();
    }
    return bytes;
  }

  /** Heap bytes of the in-memory primary-key column. */
  public long keyBytes() {
    return keys.bytes();
  }

  /** Where the arena of the vector column at {@code position} is saved on a clean close. */
  Path arenaFile(int position) {
    return rocks.directory().resolve("arenas").resolve(id + "-" + schema.columns().get(position).name() + ".vec");
  }

  /**
   * Saves every arena stamped with the current generation, so the next open can skip decoding
   * vectors from rows. A failure is logged, not thrown: the rows remain the source of truth.
   */
  public void saveArenas() {
    for (int i = 0; i < arenas.length; i++) {
      if (arenas[i] != null) {
        try {
          Files.createDirectories(arenaFile(i).getParent());
          arenas[i].save(arenaFile(i), generation);
        } catch (IOException | RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "could not save " + arenaFile(i) + ": " + e);
        }
      }
    }
  }

  /**
   * Loads every arena from its saved file when all of them exist, pass their checks and carry the
   * collection's current generation (no commit since they were written). Returns false, leaving
   * the arenas empty, when any does not: the caller then rebuilds them from the rows. A corrupt
   * file is reported, never used.
   */
  public boolean loadArenas() {
    VectorArena[] loaded = new VectorArena[arenas.length];
    for (int i = 0; i < arenas.length; i++) {
      if (arenas[i] != null && (loaded[i] = loadArena(i)) == null) {
        closeAll(loaded);
        return false;
      }
    }
    for (int i = 0; i < arenas.length; i++) {
      if (loaded[i] != null) {
        arenas[i].close();
        arenas[i] = loaded[i];
      }
    }
    return true;
  }

  private VectorArena loadArena(int position) {
    Path file = arenaFile(position);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      VectorArena arena = VectorArena.load(file, schema.columns().get(position).dimension());
      if (arena.generation() == generation) {
        return arena;
      }
      arena.close(); // written before later commits: stale, not corrupt
    } catch (IOException | CorruptionException e) {
      LOG.log(System.Logger.Level.WARNING, "ignoring " + file + " and rebuilding its vectors from rows: " + e.getMessage());
    }
    return null;
  }

  /** Removes saved arena files (the collection is being dropped). */
  public void deleteArenaFiles() {
    for (int i = 0; i < arenas.length; i++) {
      if (arenas[i] != null) {
        try {
          Files.deleteIfExists(arenaFile(i));
        } catch (IOException e) {
          LOG.log(System.Logger.Level.WARNING, "could not delete " + arenaFile(i) + ": " + e);
        }
      }
    }
  }

  private static void closeAll(VectorArena[] arenas) {
    for (VectorArena a : arenas) {
      if (a != null) {
        a.close();
      }
    }
  }

  /** Visits every stored row in doc-id order (used to rebuild arenas and indexes on open). */
  public void scanRows(RowVisitor visitor) {
    scanRows(null, visitor);
  }

  /** Like {@link #scanRows(RowVisitor)} but leaves vector values null: for an open whose arenas came from files. */
  public void scanRowsWithoutVectors(RowVisitor visitor) {
    rocks.scan(RocksStore.Family.ROWS, Keys.collectionStart(id), Keys.collectionEnd(id), null,
        (key, value) -> {
          int docId = Keys.docIdOfRowKey(key);
          visitor.visit(docId, RowCodec.decode(schema, resource(docId), value, false));
        });
  }

  /** Visits the rows of {@code view} (all current rows when null) in doc-id order. */
  public void scanRows(ReadView view, RowVisitor visitor) {
    rocks.scan(RocksStore.Family.ROWS, Keys.collectionStart(id), Keys.collectionEnd(id),
        view == null ? null : view.snapshot(),
        (key, value) -> {
          int docId = Keys.docIdOfRowKey(key);
          visitor.visit(docId, RowCodec.decode(schema, resource(docId), value));
        });
  }

  /** Receives rows during a scan. */
  @FunctionalInterface
  public interface RowVisitor {
    void visit(int docId, RowCodec.Decoded row);
  }

  // ---- readers ---------------------------------------------------------------------------

  /** The current view, retained: close it when done. */
  public ReadView acquire() {
    while (true) {
      checkOpen();
      ReadView view = current;
      if (view.tryRetain()) {
        return view;
      }
    }
  }

  /** The row stored under {@code docId} as of {@code view}, or null when there is none. */
  public RowCodec.Decoded row(ReadView view, int docId) {
    byte[] bytes = rocks.get(RocksStore.Family.ROWS, Keys.row(id, docId), view.snapshot());
    return bytes == null ? null : RowCodec.decode(schema, resource(docId), bytes);
  }

  /**
   * The rows of {@code docIds} as of {@code view}, in one multi-get; with {@code keysOnly} only
   * the primary keys, from memory (values empty). Throws if a doc of the view has no row.
   */
  public List<RowCodec.Decoded> rows(ReadView view, int[] docIds, boolean keysOnly) {
    return keysOnly ? keys(docIds) : fullRows(view, docIds);
  }

  /** The primary key of {@code docId}, from memory; the doc must be live in some view. */
  public Object primaryKey(int docId) {
    return keys.get(docId);
  }

  private List<RowCodec.Decoded> keys(int[] docIds) {
    List<RowCodec.Decoded> rows = new java.util.ArrayList<>(docIds.length);
    for (int doc : docIds) {
      rows.add(new RowCodec.Decoded(keys.get(doc), NO_VALUES));
    }
    return rows;
  }

  private static final Object[] NO_VALUES = new Object[0];

  private List<RowCodec.Decoded> fullRows(ReadView view, int[] docIds) {
    List<byte[]> rowKeys = new java.util.ArrayList<>(docIds.length);
    for (int doc : docIds) {
      rowKeys.add(Keys.row(id, doc));
    }
    List<byte[]> values = docIds.length == 0 ? List.of() : rocks.multiGet(RocksStore.Family.ROWS, rowKeys, view.snapshot());
    List<RowCodec.Decoded> rows = new java.util.ArrayList<>(docIds.length);
    for (int i = 0; i < docIds.length; i++) {
      byte[] bytes = values.get(i);
      if (bytes == null) {
        throw new IllegalStateException("doc " + docIds[i] + " is live in the view but has no row");
      }
      rows.add(RowCodec.decode(schema, resource(docIds[i]), bytes));
    }
    return rows;
  }

  /** The doc id holding primary key {@code key} as of {@code view} (null: latest), or -1. */
  public int docIdOf(ReadView view, Object key) {
    byte[] bytes = rocks.get(RocksStore.Family.KEYS, Keys.primaryKey(id, schema.keyType(), key),
        view == null ? null : view.snapshot());
    return bytes == null ? -1 : ByteBuffer.wrap(bytes).getInt();
  }

  /** Current doc ids of several primary keys in one multi-get; -1 where absent. */
  public int[] docIdsOf(List<Object> keys) {
    List<byte[]> encoded = new java.util.ArrayList<>(keys.size());
    for (Object key : keys) {
      encoded.add(Keys.primaryKey(id, schema.keyType(), key));
    }
    List<byte[]> values = keys.isEmpty() ? List.of() : rocks.multiGet(RocksStore.Family.KEYS, encoded);
    int[] docs = new int[keys.size()];
    for (int i = 0; i < docs.length; i++) {
      byte[] v = values.get(i);
      docs[i] = v == null ? -1 : ByteBuffer.wrap(v).getInt();
    }
    return docs;
  }

  private String resource(int docId) {
    return rocks.directory() + " collection '" + schema.name() + "' doc " + docId;
  }

  // ---- the single writer ------------------------------------------------------------------

  public int nextDocId() {
    return nextDocId;
  }

  public long generation() {
    return generation;
  }

  /** Stages the counters a commit ends with, in the commit's own batch. */
  public void stageCounters(WriteBatch batch, int newNextDocId, long newGeneration) {
    byte[] value = ByteBuffer.allocate(12).putInt(newNextDocId).putLong(newGeneration).array();
    rocks.put(batch, RocksStore.Family.META, Keys.counters(id), value);
  }

  /** Records the primary key of a new doc, before the commit or load that adds it is published. */
  public void recordKey(int docId, Object primaryKey) {
    keys.set(docId, primaryKey);
  }

  /** Marks a doc live without publishing (used while loading). */
  public void markLive(int docId) {
    liveDocs.add(docId);
  }

  /**
   * Applies a durable commit to memory and publishes a new view: the docs added and removed, and
   * the counters the commit stored. Called after {@link RocksStore#write} succeeded.
   */
  public void publish(RoaringBitmap added, RoaringBitmap removed, int newNextDocId, long newGeneration) {
    liveDocs.or(added);
    liveDocs.andNot(removed);
    nextDocId = newNextDocId;
    generation = newGeneration;
    publishView();
  }

  /** Publishes the current in-memory state as the view readers get. */
  public void publishView() {
    RoaringBitmap frozen = liveDocs.clone();
    frozen.runOptimize();
    ReadView previous = current;
    current = new ReadView(generation, frozen, nextDocId, rocks.snapshot(), rocks);
    if (previous != null) {
      previous.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException(ErrorCode.CLOSED, "collection '" + schema.name() + "' is closed", null);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (current != null) {
      current.close();
    }
    closeAll(arenas);
  }
}
