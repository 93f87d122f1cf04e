package io.venndb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.index.GraphRebuild;
import io.venndb.plan.Strategy;
import io.venndb.plan.UnitCosts;
import io.venndb.query.Query;
import io.venndb.query.Ranking;
import io.venndb.query.SearchHit;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Collection#rebuildVectorIndexes}: deleted rows leave the graph, answers keep their recall
 * against the exact path, the rebuilt graph survives a reopen, later writes reach it, and queries
 * running during the rebuild are answered.
 */
@ExtendWith(TestSeed.class)
class GraphRebuildTest {
  static final int DIM = 16;
  static final int ROWS = 4_000;
  static final int K = 10;
  /** Distances priced as on a large collection, so the graph is searched here too. */
  static final DatabaseOptions GRAPH_FAVOURING =
      DatabaseOptions.defaults().withPlannerCosts(new UnitCosts(400, 110, 2, 2500, 8, 400, 400));

  @TempDir Path dir;
  final SplittableRandom random = TestSeed.random("graph-rebuild");

  @Test
  void deletedRowsLeaveTheGraphAndRecallHolds() {
    try (VennDB db = VennDB.open(dir, GRAPH_FAVOURING)) {
      Collection c = loadHalfDeleted(db);
      List<GraphRebuild> rebuilt = c.rebuildVectorIndexes();
      assertThat(rebuilt).containsExactly(new GraphRebuild("v", ROWS, ROWS / 2, rebuilt.getFirst().seconds()));
      assertThat(c.explain(nearest(vector())).strategy()).isEqualTo(Strategy.GRAPH_TOPK);
      assertThat(meanRecall(c)).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void theRebuiltGraphIsReloadedAndKeepsTakingWrites() {
    List<float[]> queries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      queries.add(vector());
    }
    List<List<Object>> before = new ArrayList<>();
    try (VennDB db = VennDB.open(dir, GRAPH_FAVOURING)) {
      Collection c = loadHalfDeleted(db);
      c.rebuildVectorIndexes();
      for (float[] q : queries) {
        before.add(keys(c.query(nearest(q))));
      }
    }
    try (VennDB db = VennDB.open(dir, GRAPH_FAVOURING)) {
      Collection c = db.collection("docs");
      for (int i = 0; i < queries.size(); i++) {
        assertThat(keys(c.query(nearest(queries.get(i))))).as("query %d after reopen", i).isEqualTo(before.get(i));
      }
      float[] fresh = vector();
      c.insert(Map.of("id", -1L, "v", fresh));
      assertThat(keys(c.query(nearest(fresh))).getFirst()).isEqualTo(-1L);
    }
  }

  @Test
  void queriesDuringARebuildAreAnswered() throws Exception {
    try (VennDB db = VennDB.open(dir, GRAPH_FAVOURING)) {
      Collection c = loadHalfDeleted(db);
      float[] q = vector();
      AtomicBoolean done = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread reader = new Thread(() -> {
        try {
          while (!done.get()) {
            assertThat(c.query(nearest(q))).hasSize(K);
          }
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      reader.start();
      for (int round = 0; round < 3; round++) {
        c.rebuildVectorIndexes();
      }
      done.set(true);
      reader.join();
      assertThat(failure.get()).isNull();
    }
  }

  @Test
  void aCollectionWithoutGraphsHasNothingToRebuild() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(SchemaBuilder.collection("flat").longKey("id")
          .vector("v", DIM, Metric.L2).build());
      c.insert(Map.of("id", 1L, "v", vector()));
      assertThat(c.rebuildVectorIndexes()).isEmpty();
    }
  }

  /** ROWS rows, every other one deleted: the graph holds twice the live rows. */
  private Collection loadHalfDeleted(VennDB db) {
    Collection c = db.createCollection(SchemaBuilder.collection("docs").longKey("id")
        .vector("v", DIM, Metric.L2, VectorIndexSpec.hnsw()).build());
    try (BulkWriter writer = c.bulkWriter(1000)) {
      for (int i = 0; i < ROWS; i++) {
        writer.upsert(Map.of("id", (long) i, "v", vector()));
      }
    }
    for (long id = 0; id < ROWS; id += 2) {
      c.delete(id);
    }
    return c;
  }

  private double meanRecall(Collection c) {
    double sum = 0;
    int queries = 30;
    for (int i = 0; i < queries; i++) {
      Query q = nearest(vector());
      List<Object> approximate = keys(c.query(q));
      Set<Object> exact = new HashSet<>(keys(c.query(q.withExact(true))));
      assertThat(approximate).allSatisfy(key -> assertThat((Long) key % 2).as("deleted rows are even").isOne());
      sum += approximate.stream().filter(exact::contains).count() / (double) K;
    }
    return sum / queries;
  }

  private static Query nearest(float[] q) {
    return Query.all().rankedBy(Ranking.nearestTo("v", q)).withLimit(K);
  }

  private static List<Object> keys(List<SearchHit> hits) {
    return hits.stream().map(h -> h.row().key()).toList();
  }

  private float[] vector() {
    float[] v = new float[DIM];
    for (int d = 0; d < DIM; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return v;
  }
}
