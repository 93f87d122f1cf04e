package io.venndb.api;

import static io.venndb.testing.TestSchemas.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.error.ErrorCode;
import io.venndb.error.StorageException;
import io.venndb.query.Predicate;
import io.venndb.query.Row;
import io.venndb.testing.TestSchemas;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas, rows and indexes survive close and reopen; drop is durable; one process per directory. */
class LifecycleTest {
  @TempDir Path dir;

  @Test
  void schemaRowsAndIndexesSurviveReopen() {
    try (VennDB db = VennDB.open(dir)) {
      db.createCollection(TestSchemas.everyType("docs")).insertAll(List.of(
          row("a", "x", 1, 1, 0, 0, 0), row("b", "y", 2, 0, 1, 0, 0), row("c", "x", 3, 0, 0, 1, 0)));
      db.createCollection(TestSchemas.everyType("other")).insert(row("z", "x", 9, 1, 1, 1, 1));
    }
    try (VennDB db = VennDB.open(dir)) {
      assertThat(db.collectionNames()).containsExactly("docs", "other");
      Collection docs = db.collection("docs");
      assertThat(docs.schema()).isEqualTo(TestSchemas.everyType("docs"));
      assertThat(docs.size()).isEqualTo(3);
      Row b = docs.get("b").orElseThrow();
      assertThat(b.get("kind")).isEqualTo("y");
      assertThat(b.get("labels")).isEqualTo(List.of("l-y"));
      assertThat(b.get("size")).isEqualTo(2L);
      assertThat(b.get("score")).isEqualTo(0.2);
      assertThat(b.get("flag")).isEqualTo(true);
      assertThat(b.get("at")).isEqualTo(Instant.ofEpochSecond(2));
      assertThat((float[]) b.get("emb")).containsExactly(0, 1, 0, 0);
      assertThat(docs.count(Predicate.eq("kind", "x"))).isEqualTo(2);
      assertThat(docs.count(Predicate.containsTag("labels", "l-x"))).isEqualTo(2);
      assertThat(docs.count(Predicate.between("size", 2, 3))).isEqualTo(2);
      assertThat(docs.count(Predicate.ge("at", Instant.ofEpochSecond(2)))).isEqualTo(2);
    }
  }

  @Test
  void searchWithoutColumnsReturnsTheSameRowsKeysOnly() {
    var request = io.venndb.query.SearchRequest.nearest("emb", new float[] {1, 0.2f, 0, 0}, 4);
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(TestSchemas.everyType("docs"));
      c.insertAll(List.of(row("a", "x", 1, 1, 0, 0, 0), row("b", "y", 2, 0, 1, 0, 0), row("c", "x", 3, 1, 1, 0, 0)));
      assertKeysOnlyMatchFullRows(c, request);
      c.upsert(row("b", "y", 2, 1, 0.1f, 0, 0)); // a new doc id for "b"
      c.delete("c");
      c.insert(row("d", "z", 4, 0, 0, 1, 0));
      assertKeysOnlyMatchFullRows(c, request);
    }
    try (VennDB db = VennDB.open(dir)) { // the key column is refilled from the rows
      assertKeysOnlyMatchFullRows(db.collection("docs"), request);
    }
  }

  private static void assertKeysOnlyMatchFullRows(Collection c, io.venndb.query.SearchRequest request) {
    var full = c.search(request);
    var keysOnly = c.search(request.withColumns(List.of()));
    assertThat(keysOnly).extracting(h -> h.key()).containsExactlyElementsOf(full.stream().map(h -> h.key()).toList());
    assertThat(keysOnly).allSatisfy(h -> assertThat(h.row().values()).isEmpty());
    assertThat(full.getFirst().row().get("kind")).isNotNull();
  }

  @Test
  void dropIsDurableAndLeavesOthersAlone() {
    try (VennDB db = VennDB.open(dir)) {
      db.createCollection(TestSchemas.everyType("docs")).insert(row("a", "x", 1, 1, 0, 0, 0));
      db.createCollection(TestSchemas.everyType("keep")).insert(row("k", "x", 1, 1, 0, 0, 0));
      db.dropCollection("docs");
      assertThat(db.collectionNames()).containsExactly("keep");
    }
    try (VennDB db = VennDB.open(dir)) {
      assertThat(db.collectionNames()).containsExactly("keep");
      Collection again = db.createCollection(TestSchemas.everyType("docs"));
      assertThat(again.size()).isZero();
      assertThat(again.get("a")).isEmpty();
      assertThat(db.collection("keep").get("k")).isPresent();
    }
  }

  @Test
  void upsertReplacesAndDeleteRemoves() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(TestSchemas.everyType("docs"));
      c.insert(row("a", "x", 1, 1, 0, 0, 0));
      c.upsert(row("a", "y", 5, 0, 1, 0, 0));
      assertThat(c.size()).isEqualTo(1);
      assertThat(c.get("a").orElseThrow().get("kind")).isEqualTo("y");
      assertThat(c.count(Predicate.eq("kind", "x"))).isZero();
      assertThat(c.delete("a")).isTrue();
      assertThat(c.delete("a")).isFalse();
      assertThat(c.size()).isZero();
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryIsRefused() {
    try (VennDB db = VennDB.open(dir)) {
      assertThatThrownBy(() -> VennDB.open(db.directory())).isInstanceOf(StorageException.class)
          .hasMessageContaining("locked");
    }
  }

  @Test
  void useAfterCloseIsAClearError() {
    VennDB db = VennDB.open(dir);
    Collection c = db.createCollection(TestSchemas.everyType("docs"));
    db.close();
    assertThatThrownBy(() -> db.collection("docs")).isInstanceOf(StorageException.class)
        .satisfies(e -> assertThat(((StorageException) e).code()).isEqualTo(ErrorCode.CLOSED));
    assertThatThrownBy(c::size).isInstanceOf(StorageException.class).hasMessageContaining("closed");
  }
}
