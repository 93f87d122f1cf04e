package io.venndb.ingest;

import static io.venndb.testing.TestSchemas.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.index.CollectionIndexes;
import io.venndb.index.VectorIndexes;
import io.venndb.store.CatalogStore;
import io.venndb.store.CollectionStore;
import io.venndb.store.ReadView;
import io.venndb.store.RocksStore;
import io.venndb.testing.TestSchemas;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader's view keeps showing its state — rows, keys, live docs — while writers change it. */
class SnapshotIsolationTest {
  @TempDir Path dir;

  @Test
  void viewSeesItsOwnStateWhileWritesContinue() {
    var schema = TestSchemas.everyType("docs");
    try (RocksStore rocks = RocksStore.open(dir)) {
      int id = new CatalogStore(rocks).create(schema);
      try (CollectionStore store = new CollectionStore(rocks, id, schema)) {
        CollectionIndexes indexes = new CollectionIndexes(schema);
        VectorIndexes vectors = new VectorIndexes(store);
        CollectionLoader.load(store, indexes, vectors);
        CollectionWriter writer = new CollectionWriter(store, indexes, vectors);
        writer.apply(List.of(new Mutation.Insert(row("a", "x", 1, 1, 0, 0, 0))), true);
        int docA = store.docIdOf(null, "a");

        try (ReadView before = store.acquire()) {
          writer.apply(List.of(new Mutation.Delete("a"), new Mutation.Insert(row("b", "y", 2, 0, 1, 0, 0))), true);
          writer.apply(List.of(new Mutation.Upsert(row("c", "z", 3, 0, 0, 1, 0))), true);

          assertThat(before.liveDocs().contains(docA)).isTrue();
          assertThat(before.liveCount()).isEqualTo(1);
          assertThat(store.row(before, docA)).isNotNull();
          assertThat(store.docIdOf(before, "a")).isEqualTo(docA);
          assertThat(store.docIdOf(before, "b")).isEqualTo(-1);
        }
        try (ReadView after = store.acquire()) {
          assertThat(after.liveDocs().contains(docA)).isFalse();
          assertThat(after.liveCount()).isEqualTo(2);
          assertThat(store.row(after, docA)).isNull();
          assertThat(store.docIdOf(after, "a")).isEqualTo(-1);
          assertThat(after.generation()).isEqualTo(store.generation());
        }
      }
    }
  }
}
