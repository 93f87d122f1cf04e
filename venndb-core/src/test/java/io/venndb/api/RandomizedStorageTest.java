package io.venndb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.ingest.Mutation;
import io.venndb.query.Predicate;
import io.venndb.query.Row;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random inserts, upserts, deletes, mixed batches and reopens, checked after every step against a
 * TreeMap of what the collection must hold: point reads, sizes and index counts.
 */
@ExtendWith(TestSeed.class)
class RandomizedStorageTest {
  static final List<String> KINDS = List.of("a", "b", "c");

  @TempDir Path dir;

  @RepeatedTest(3)
  void randomOperationsMatchTreeMap(org.junit.jupiter.api.RepetitionInfo repetition) {
    SplittableRandom random = TestSeed.random("storage-oracle-" + repetition.getCurrentRepetition());
    TreeMap<Long, Map<String, Object>> oracle = new TreeMap<>();
    CollectionSchema schema = SchemaBuilder.collection("t").longKey("id").keyword("kind")
        .longColumn("n").vector("v", 3, Metric.INNER_PRODUCT).build();
    VennDB db = VennDB.open(dir.resolve("r" + repetition.getCurrentRepetition()));
    try {
      Collection c = db.createCollection(schema);
      for (int step = 0; step < 400; step++) {
        int op = random.nextInt(20);
        if (op == 0) {
          db.close();
          db = VennDB.open(dir.resolve("r" + repetition.getCurrentRepetition()));
          c = db.collection("t");
        } else if (op < 6) {
          insertOne(c, oracle, random);
        } else if (op < 11) {
          Map<String, Object> row = row(random);
          c.upsert(row);
          oracle.put((Long) row.get("id"), row);
        } else if (op < 14) {
          long key = random.nextInt(200);
          assertThat(c.delete(key)).isEqualTo(oracle.remove(key) != null);
        } else {
          mixedBatch(c, oracle, random);
        }
        check(c, oracle, random);
      }
    } finally {
      db.close();
    }
  }

  private static void insertOne(Collection c, TreeMap<Long, Map<String, Object>> oracle, SplittableRandom random) {
    Map<String, Object> row = row(random);
    if (oracle.containsKey((Long) row.get("id"))) {
      assertThatThrownBy(() -> c.insert(row)).isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    } else {
      c.insert(row);
      oracle.put((Long) row.get("id"), row);
    }
  }

  /** A batch of upserts and deletes, sometimes touching one key twice; applied in order. */
  private static void mixedBatch(Collection c, TreeMap<Long, Map<String, Object>> oracle, SplittableRandom random) {
    List<Mutation> batch = new ArrayList<>();
    TreeMap<Long, Map<String, Object>> after = new TreeMap<>(oracle);
    for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
      if (random.nextInt(3) == 0) {
        long key = random.nextInt(200);
        batch.add(new Mutation.Delete(key));
        after.remove(key);
      } else {
        Map<String, Object> row = row(random);
        batch.add(new Mutation.Upsert(row));
        after.put((Long) row.get("id"), row);
      }
    }
    c.write(batch);
    oracle.clear();
    oracle.putAll(after);
  }

  private static Map<String, Object> row(SplittableRandom random) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", (long) random.nextInt(200));
    row.put("kind", random.nextInt(5) == 0 ? null : KINDS.get(random.nextInt(KINDS.size())));
    row.put("n", (long) random.nextInt(1000));
    row.put("v", random.nextInt(4) == 0 ? null : new float[] {random.nextInt(9), random.nextInt(9), 1});
    return row;
  }

  private static void check(Collection c, TreeMap<Long, Map<String, Object>> oracle, SplittableRandom random) {
    assertThat(c.size()).isEqualTo(oracle.size());
    for (int i = 0; i < 5; i++) {
      long key = random.nextInt(200);
      Map<String, Object> expected = oracle.get(key);
      var actual = c.get(key);
      assertThat(actual.isPresent()).as("key %d present", key).isEqualTo(expected != null);
      actual.ifPresent(r -> assertSameRow(r, expected));
    }
    for (String kind : KINDS) {
      long expected = oracle.values().stream().filter(r -> kind.equals(r.get("kind"))).count();
      assertThat(c.count(Predicate.eq("kind", kind))).isEqualTo(expected);
    }
    long nulls = oracle.values().stream().filter(r -> r.get("kind") == null).count();
    assertThat(c.count(Predicate.isNull("kind"))).isEqualTo(nulls);
    long big = oracle.values().stream().filter(r -> (Long) r.get("n") >= 500).count();
    assertThat(c.count(Predicate.ge("n", 500))).isEqualTo(big);
  }

  private static void assertSameRow(Row actual, Map<String, Object> expected) {
    assertThat(actual.get("kind")).isEqualTo(expected.get("kind"));
    assertThat(actual.get("n")).isEqualTo(expected.get("n"));
    assertThat(Arrays.equals((float[]) actual.get("v"), (float[]) expected.get("v"))).isTrue();
  }
}
