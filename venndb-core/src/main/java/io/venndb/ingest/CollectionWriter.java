package io.venndb.ingest;

import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.Limits;
import io.venndb.catalog.ValueNormalizer;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.index.CollectionIndexes;
import io.venndb.index.GraphRebuild;
import io.venndb.index.VectorIndexes;
import io.venndb.store.CollectionStore;
import io.venndb.store.Keys;
import io.venndb.store.ReadView;
import io.venndb.store.RocksStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntToLongFunction;
import org.roaringbitmap.RoaringBitmap;
import org.rocksdb.WriteBatch;

/**
 * The single entry point for writes to one collection: validate → resolve keys → allocate doc ids
 * → stage rows, keys and counters in one WriteBatch → commit (fsynced or not) → apply to arenas,
 * indexes and live docs → publish a view. Commits are serialised, so every replica applying the
 * same batches in the same order reaches the same doc ids. A batch that fails anywhere before the
 * commit applies nothing.
 */
public final class CollectionWriter {
  private final CollectionStore store;
  private final CollectionIndexes indexes;
  private final VectorIndexes vectorIndexes;
  private final ReentrantLock commitLock = new ReentrantLock();
  /** Docs committed by bulk batches whose graph insertion waits for {@link #indexDeferred()}. */
  private final DeferredDocs deferred = new DeferredDocs();

  public CollectionWriter(CollectionStore store, CollectionIndexes indexes, VectorIndexes vectorIndexes) {
    this.store = store;
    this.indexes = indexes;
    this.vectorIndexes = vectorIndexes;
  }

  /** Applies the batch atomically; with {@code sync} it is durable on disk when this returns. */
  public WriteResult apply(List<? extends Mutation> batch, boolean sync) {
    return apply(batch, sync, false);
  }

  /**
   * Like {@link #apply(List, boolean)}; with {@code deferGraphs} the new rows are not yet added
   * to the HNSW graphs (exact search sees them at once, approximate search after
   * {@link #indexDeferred()}, which adds them all with every core).
   */
  public WriteResult apply(List<? extends Mutation> batch, boolean sync, boolean deferGraphs) {
    if (batch.size() > Limits.MAX_BATCH_ROWS) {
      throw new InvalidInputException(ErrorCode.TOO_LARGE,
          "batch of " + batch.size() + " writes exceeds the limit of " + Limits.MAX_BATCH_ROWS);
    }
    List<Object> prepared = prepare(batch);
    commitLock.lock();
    try {
      return commit(batch, prepared, sync, deferGraphs);
    } finally {
      commitLock.unlock();
    }
  }

  /** Adds every deferred doc to the HNSW graphs, in parallel. */
  public void indexDeferred() {
    commitLock.lock();
    try {
      insertDeferred();
    } finally {
      commitLock.unlock();
    }
  }

  private void insertDeferred() {
    if (!deferred.isEmpty()) {
      vectorIndexes.insertAll(deferred.docs(), deferred.keys());
      deferred.clear();
    }
  }

  /**
   * Rebuilds every HNSW graph over the live rows only (deleted rows leave the graphs), with every
   * core. Writes wait until it is done; queries go on, on the old graphs until the new ones are
   * swapped in.
   */
  public List<GraphRebuild> rebuildGraphs() {
    commitLock.lock();
    try (ReadView view = store.acquire()) {
      insertDeferred();
      RoaringBitmap live = view.liveDocs();
      return vectorIndexes.rebuild(live, levelKeys(live));
    } finally {
      commitLock.unlock();
    }
  }

  /** Level keys of the live docs, from their primary keys (the in-memory key column). */
  private IntToLongFunction levelKeys(RoaringBitmap live) {
    long[] keys = new long[Math.max(1, live.isEmpty() ? 0 : live.last() + 1)];
    live.forEach((int doc) -> keys[doc] = VectorIndexes.levelKey(store.primaryKey(doc)));
    return doc -> keys[doc];
  }

  /** Batches at least this large are validated and encoded on all cores. */
  private static final int PARALLEL_PREPARE = 512;

  /**
   * Validates and encodes outside the lock: a PreparedRow per insert/upsert, a key per delete.
   * Rows are independent, so large batches use every core (order is kept).
   */
  private List<Object> prepare(List<? extends Mutation> batch) {
    CollectionSchema schema = store.schema();
    var stream = batch.size() >= PARALLEL_PREPARE ? batch.parallelStream() : batch.stream();
    return stream.map(m -> prepareOne(schema, m)).toList();
  }

  private static Object prepareOne(CollectionSchema schema, Mutation m) {
    return switch (m) {
      case Mutation.Insert i -> PreparedRow.of(schema, i.row());
      case Mutation.Upsert u -> PreparedRow.of(schema, u.row());
      case Mutation.Delete d -> ValueNormalizer.primaryKey(schema.keyType(), schema.primaryKey(), d.key());
      case null -> throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "null mutation in batch");
    };
  }

  private WriteResult commit(List<? extends Mutation> batch, List<Object> prepared, boolean sync, boolean deferGraphs) {
    Staging s = new Staging(prepared, deferGraphs);
    for (int i = 0; i < batch.size(); i++) {
      Mutation m = batch.get(i);
      if (m instanceof Mutation.Delete) {
        s.delete(prepared.get(i));
      } else {
        s.put((PreparedRow) prepared.get(i), m instanceof Mutation.Insert);
      }
    }
    long generation = store.generation() + 1;
    try (WriteBatch wb = new WriteBatch()) {
      s.stage(wb);
      store.stageCounters(wb, s.nextDocId, generation);
      store.rocks().write(wb, sync);
    }
    s.applyToMemory();
    store.publish(s.added, s.removed, s.nextDocId, generation);
    return new WriteResult(s.inserted, s.updated, s.deleted, generation);
  }

  /** The effects of one batch, resolved against the stored keys and against earlier rows of itself. */
  private final class Staging {
    final Map<Object, Integer> keyToDoc = new HashMap<>();
    final List<PreparedRow> rows = new ArrayList<>();
    final List<Integer> rowDocs = new ArrayList<>();
    final RoaringBitmap added = new RoaringBitmap();
    final RoaringBitmap removed = new RoaringBitmap();
    final List<Object> deletedKeys = new ArrayList<>();
    /** Doc ids of the batch's keys before the batch, fetched in one multi-get. */
    final Map<Object, Integer> storedDocs;
    int nextDocId = store.nextDocId();
    int inserted;
    int updated;
    int deleted;

    final boolean deferGraphs;

    Staging(List<Object> prepared, boolean deferGraphs) {
      this.deferGraphs = deferGraphs;
      List<Object> keys = prepared.stream().map(p -> p instanceof PreparedRow r ? r.key() : p).distinct().toList();
      int[] docs = store.docIdsOf(keys);
      storedDocs = new HashMap<>(keys.size() * 2);
      for (int i = 0; i < docs.length; i++) {
        storedDocs.put(keys.get(i), docs[i]);
      }
    }

    int currentDoc(Object key) {
      Integer doc = keyToDoc.get(key);
      return doc != null ? doc : storedDocs.get(key);
    }

    void put(PreparedRow row, boolean insertOnly) {
      int existing = currentDoc(row.key());
      if (existing >= 0 && insertOnly) {
        throw new InvalidInputException(ErrorCode.ALREADY_EXISTS, "duplicate primary key '"
            + row.key() + "' in collection '" + store.schema().name() + "'");
      }
      if (nextDocId == Integer.MAX_VALUE - 1) {
        throw new InvalidInputException(ErrorCode.TOO_LARGE, "collection '" + store.schema().name()
            + "' ran out of doc ids (every insert and update takes a new one, 2^31 in its lifetime); "
            + "copy its rows into a new collection");
      }
      int doc = nextDocId++;
      retire(existing);
      if (existing >= 0) {
        updated++;
      } else {
        inserted++;
      }
      keyToDoc.put(row.key(), doc);
      rows.add(row);
      rowDocs.add(doc);
      added.add(doc);
    }

    void delete(Object key) {
      int existing = currentDoc(key);
      if (existing >= 0) {
        retire(existing);
        keyToDoc.put(key, -1);
        deletedKeys.add(key);
        deleted++;
      }
    }

    /** A replaced or deleted doc: a tombstone in live docs, its row removed in the same batch. */
    private void retire(int doc) {
      if (doc < 0) {
        return;
      }
      if (added.contains(doc)) {
        added.remove(doc);
      } else {
        removed.add(doc);
      }
    }

    void stage(WriteBatch wb) {
      RocksStore rocks = store.rocks();
      int id = store.id();
      for (int doc : removed) {
        rocks.delete(wb, RocksStore.Family.ROWS, Keys.row(id, doc));
      }
      for (int i = 0; i < rows.size(); i++) {
        int doc = rowDocs.get(i);
        if (added.contains(doc)) {
          rocks.put(wb, RocksStore.Family.ROWS, Keys.row(id, doc), rows.get(i).encoded());
          rocks.put(wb, RocksStore.Family.KEYS, Keys.primaryKey(id, store.schema().keyType(), rows.get(i).key()),
              ByteBuffer.allocate(4).putInt(doc).array());
        }
      }
      for (Object key : deletedKeys) {
        if (keyToDoc.get(key) == -1) {
          rocks.delete(wb, RocksStore.Family.KEYS, Keys.primaryKey(id, store.schema().keyType(), key));
        }
      }
    }

    void applyToMemory() {
      for (int i = 0; i < rows.size(); i++) {
        int doc = rowDocs.get(i);
        if (added.contains(doc)) {
          PreparedRow row = rows.get(i);
          store.recordKey(doc, row.key());
          applyRow(store, indexes, doc, row.values(), row.arenaVectors());
          long levelKey = VectorIndexes.levelKey(row.key());
          if (deferGraphs) {
            deferred.add(doc, levelKey);
          } else {
            vectorIndexes.insert(doc, levelKey, row.arenaVectors());
          }
        }
      }
    }
  }

  /** Puts one row's vectors (as the arena stores them) into the arenas and its scalars into the indexes. */
  static void applyRow(CollectionStore store, CollectionIndexes indexes, int doc, Object[] values, float[][] arenaVectors) {
    for (int c = 0; c < arenaVectors.length; c++) {
      if (arenaVectors[c] != null) {
        store.arena(c).set(doc, arenaVectors[c]);
      }
    }
    indexes.add(doc, values);
  }
}
