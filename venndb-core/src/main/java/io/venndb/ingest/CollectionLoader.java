package io.venndb.ingest;

import io.venndb.index.CollectionIndexes;
import io.venndb.store.CollectionStore;

/**
 * Rebuilds a collection's in-memory state (live docs, vector arenas, scalar indexes) from its
 * rows in one ordered scan, then publishes the first view. Rows are the source of truth; nothing
 * derived is trusted across a restart unless it proves it matches them (a checksum and the
 * collection's commit generation).
 */
public final class CollectionLoader {
  private CollectionLoader() {}

  /**
   * Arenas saved at the last clean close are used when they carry the current generation (no
   * commit since); otherwise, and whenever a file fails its checks, vectors are decoded from rows.
   */
  public static void load(CollectionStore store, CollectionIndexes indexes) {
    if (store.loadArenas()) {
      store.scanRowsWithoutVectors((docId, row) -> {
        store.markLive(docId);
        indexes.add(docId, row.values());
      });
    } else {
      store.scanRows((docId, row) -> {
        store.markLive(docId);
        CollectionWriter.applyRow(store, indexes, docId, row.values(),
            PreparedRow.arenaVectors(store.schema().columns(), row.values()));
      });
    }
    store.publishView();
  }
}
