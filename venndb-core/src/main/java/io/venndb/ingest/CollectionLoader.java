package io.venndb.ingest;

import io.venndb.index.CollectionIndexes;
import io.venndb.store.CollectionStore;

/**
 * Rebuilds a collection's in-memory state (live docs, vector arenas, scalar indexes) from its
 * rows in one ordered scan, then publishes the first view. Rows are the source of truth; nothing
 * derived is trusted across a restart unless it proves it matches them.
 */
public final class CollectionLoader {
  private CollectionLoader() {}

  public static void load(CollectionStore store, CollectionIndexes indexes) {
    store.scanRows((docId, row) -> {
      store.markLive(docId);
      CollectionWriter.applyRow(store, indexes, docId, row.values(),
          PreparedRow.arenaVectors(store.schema().columns(), row.values()));
    });
    store.publishView();
  }
}
