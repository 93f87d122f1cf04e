package io.venndb.ingest;

import io.venndb.index.CollectionIndexes;
import io.venndb.index.VectorIndexes;
import org.roaringbitmap.RoaringBitmap;
import io.venndb.store.CollectionStore;

/**
 * Rebuilds a collection's in-memory state (live docs, vector arenas, scalar indexes) from its
 * rows in one ordered scan, then publishes the first view. Rows are the source of truth; nothing
 * derived is trusted across a restart unless it proves it matches them (a checksum and the
 * collection's commit generation). HNSW graphs are loaded from their files under the same rule,
 * or built from the arenas with every core.
 */
public final class CollectionLoader {
  private CollectionLoader() {}

  /**
   * Arenas saved at the last clean close are used when they carry the current generation (no
   * commit since); otherwise, and whenever a file fails its checks, vectors are decoded from rows.
   */
  public static void load(CollectionStore store, CollectionIndexes indexes, VectorIndexes vectorIndexes) {
    RoaringBitmap live = new RoaringBitmap();
    long[] levelKeys = new long[store.nextDocId()];
    boolean arenasCurrent = store.loadArenas();
    CollectionStore.RowVisitor visitor = (docId, row) -> {
      live.add(docId);
      store.recordKey(docId, row.primaryKey());
      levelKeys[docId] = VectorIndexes.levelKey(row.primaryKey());
      if (arenasCurrent) {
        indexes.add(docId, row.values());
      } else {
        CollectionWriter.applyRow(store, indexes, docId, row.values(),
            PreparedRow.arenaVectors(store.schema().columns(), row.values()));
      }
    };
    if (arenasCurrent) {
      store.scanRowsWithoutVectors(visitor);
    } else {
      store.scanRows(visitor);
    }
    live.forEach((int doc) -> store.markLive(doc));
    vectorIndexes.loadOrBuild(arenasCurrent, live, doc -> levelKeys[doc]);
    store.publishView();
  }
}
