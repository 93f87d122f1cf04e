package io.venndb.api;

import static io.venndb.query.Predicate.eq;
import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.plan.QueryExplanation;
import io.venndb.plan.Strategy;
import io.venndb.plan.UnitCosts;
import io.venndb.query.Query;
import io.venndb.query.Ranking;
import io.venndb.query.SearchHit;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bit scan in the planner, with unit costs of the order measured on the 2-core VM (a
 * sketched scan at 90 ns a candidate, a bit scan at 40): a filter of a tenth of the rows is
 * ranked by one-bit codes and rescored, with recall against the exact answer (at least 0.9 on
 * these synthetic 64-d vectors, see the test); a rare one is
 * scanned exactly; exact mode and a column without an index never use codes. Data: 20,000 64-d
 * vectors around 16 centres, a keyword of 10 groups (10% each) and one of 1,000 buckets (0.1%).
 */
@ExtendWith(TestSeed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BitScanPlanTest {
  static final int DIM = 64, ROWS = 20_000, CENTRES = 16, QUERIES = 20;
  static final UnitCosts MEASURED_LIKE = new UnitCosts(170, 400, 10, 20_000, 70, 90, 40);

  @TempDir static Path dir;
  final SplittableRandom random = TestSeed.random("bitscan.plan");
  final float[][] centres = new float[CENTRES][];
  VennDB db;
  Collection c;

  @BeforeAll
  void load() {
    db = VennDB.open(dir, DatabaseOptions.defaults().withPlannerCosts(MEASURED_LIKE));
    CollectionSchema schema = SchemaBuilder.collection("docs").longKey("id").keyword("grp").keyword("bucket")
        .vector("emb", DIM, Metric.COSINE, VectorIndexSpec.hnsw()).vector("flat", DIM, Metric.COSINE).build();
    c = db.createCollection(schema);
    for (int i = 0; i < CENTRES; i++) {
      centres[i] = gaussian(1);
    }
    try (BulkWriter writer = c.bulkWriter(5000)) {
      for (int i = 0; i < ROWS; i++) {
        float[] v = near(centres[random.nextInt(CENTRES)]);
        writer.upsert(Map.of("id", (long) i, "grp", "g" + random.nextInt(10), "bucket", "b" + random.nextInt(1000),
            "emb", v, "flat", v));
      }
    }
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void aTenthOfTheRowsIsRankedByCodesAndKeepsRecall() {
    double recall = 0;
    for (int q = 0; q < QUERIES; q++) {
      Query query = Query.where(eq("grp", "g3")).rankedBy(Ranking.nearestTo("emb", near(centres[q % CENTRES])))
          .withLimit(10).withEf(64);
      QueryExplanation e = c.explainAnalyze(query);
      assertThat(e.strategy()).as(e.text()).isEqualTo(Strategy.BIT_SCAN_OVER_FILTER);
      assertThat(e.runnerUp()).as(e.text()).isEqualTo(Strategy.EXACT_OVER_FILTER);
      assertThat(e.text()).contains("by one-bit codes, rescored");
      assertThat(e.hits()).hasSize(10);
      Set<Object> exact = keys(c.query(query.withExact(true)));
      assertThat(e.hits()).allMatch(h -> "g3".equals(h.row().get("grp")));
      recall += e.hits().stream().filter(h -> exact.contains(h.row().key())).count() / 10.0;
    }
    System.out.printf("[bits] planner test: recall@10 %.3f over %d queries%n", recall / QUERIES, QUERIES);
    // 64-bit codes of these 64-d vectors rank far worse than the 384-bit codes of real embeddings:
    // over seeds, recall here ran 0.93–1.0 (0.95 and above is asserted on the Debian embeddings in
    // BitScanTest and the differential tests); this test is about the plan, so it holds to 0.9.
    assertThat(recall / QUERIES).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void aRareFilterIsScannedExactly() {
    Query query = Query.where(eq("bucket", "b7")).rankedBy(Ranking.nearestTo("emb", near(centres[0]))).withLimit(10);
    QueryExplanation e = c.explainAnalyze(query);
    assertThat(e.strategy()).as(e.text()).isEqualTo(Strategy.EXACT_OVER_FILTER);
    assertThat(e.hits()).hasSize((int) Math.min(10, e.actualFilterRows()));
  }

  @Test
  void exactModeAndUnindexedColumnsNeverUseCodes() {
    Query query = Query.where(eq("grp", "g3")).rankedBy(Ranking.nearestTo("emb", near(centres[1]))).withLimit(10);
    assertThat(c.explain(query.withExact(true)).strategy()).isEqualTo(Strategy.EXACT_OVER_FILTER);
    QueryExplanation flat = c.explain(Query.where(eq("grp", "g3"))
        .rankedBy(Ranking.nearestTo("flat", near(centres[1]))).withLimit(10));
    assertThat(flat.strategy()).as(flat.text()).isEqualTo(Strategy.EXACT_OVER_FILTER);
    assertThat(flat.runnerUp()).as(flat.text()).isNull();
  }

  private static Set<Object> keys(List<SearchHit> hits) {
    return new HashSet<>(hits.stream().map(h -> h.row().key()).toList());
  }

  private float[] gaussian(double sigma) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) (random.nextGaussian() * sigma);
    }
    return v;
  }

  private float[] near(float[] centre) {
    float[] noise = gaussian(0.35);
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = centre[i] + noise[i];
    }
    return v;
  }
}
