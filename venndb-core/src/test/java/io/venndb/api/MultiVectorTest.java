package io.venndb.api;

import static io.venndb.query.Predicate.eq;
import static io.venndb.query.Predicate.not;
import static io.venndb.query.Predicate.similarityAbove;
import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.plan.QueryExplanation;
import io.venndb.plan.Strategy;
import io.venndb.plan.UnitCosts;
import io.venndb.query.Predicate;
import io.venndb.query.Query;
import io.venndb.query.Ranking;
import io.venndb.query.SearchHit;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-vector ranking (weighted sums of distances over two HNSW columns) and soft negatives,
 * against brute force in double precision: recall@10, no duplicate rows, {@code min(k, matches)}
 * rows, with and without filters, and best-score's promise that a row closer to a negative than
 * to every positive ranks below all others.
 *
 * <p>Data: two 24-d cosine columns sharing a latent topic (so they agree in part, as a title and
 * a body embedding would), 6,000 rows, a keyword with 10 groups.
 */
@ExtendWith(TestSeed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiVectorTest {
  static final int DIM = 24;
  static final int ROWS = 6_000;
  static final int K = 10;
  static final int QUERIES = 25;
  static final double MIN_RECALL = 0.95;

  /**
   * Distance computations priced as on a large collection of long vectors, so the planner streams
   * the cursors here too (on 6,000 short vectors the exact scan is rightly cheaper), and the tests
   * exercise the multi-cursor path; {@code withExact(true)} covers the exact one.
   */
  static final UnitCosts STREAM_FAVOURING = new UnitCosts(400, 110, 2, 2500, 8, 400, 400);

  @TempDir static Path dir;
  final SplittableRandom random = TestSeed.random("multi-vector");
  final float[][] titles = new float[ROWS][];
  final float[][] bodies = new float[ROWS][];
  final String[] groups = new String[ROWS];
  VennDB db;
  Collection c;

  @BeforeAll
  void load() {
    db = VennDB.open(dir, DatabaseOptions.defaults().withPlannerCosts(STREAM_FAVOURING));
    c = db.createCollection(SchemaBuilder.collection("docs").longKey("id").keyword("grp")
        .vector("title", DIM, Metric.COSINE, VectorIndexSpec.hnsw())
        .vector("body", DIM, Metric.COSINE, VectorIndexSpec.hnsw()).build());
    try (BulkWriter writer = c.bulkWriter(2000)) {
      for (int i = 0; i < ROWS; i++) {
        float[] topic = gaussian(1f);
        titles[i] = plus(topic, gaussian(0.8f));
        bodies[i] = plus(topic, gaussian(0.8f));
        groups[i] = "g" + random.nextInt(10);
        Map<String, Object> row = new HashMap<>();
        row.put("id", (long) i);
        row.put("grp", groups[i]);
        row.put("title", titles[i]);
        row.put("body", bodies[i]);
        writer.upsert(row);
      }
    }
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void weightedSumsReachTheRecallTargetAtBothWeightRatios() {
    for (float[] weights : new float[][] {{1, 1}, {1, 10}, {10, 1}}) {
      for (Predicate filter : new Predicate[] {null, eq("grp", "g3"), not(eq("grp", "g3"))}) {
        for (Ranking.Schedule schedule : Ranking.Schedule.values()) {
          double recall = meanRecall(weights, filter, schedule);
          assertThat(recall).as("recall@%d at weights %s:%s, filter %s, %s", K, weights[0], weights[1], filter, schedule)
              .isGreaterThanOrEqualTo(MIN_RECALL);
        }
      }
    }
  }

  private double meanRecall(float[] weights, Predicate filter, Ranking.Schedule schedule) {
    double recall = 0;
    for (int q = 0; q < QUERIES; q++) {
      float[] qt = plus(gaussian(1f), gaussian(0.5f));
      float[] qb = plus(qt, gaussian(0.5f));
      Ranking ranking = new Ranking.WeightedDistance(
          List.of(Ranking.term("title", qt, weights[0]), Ranking.term("body", qb, weights[1])), schedule);
      Query query = (filter == null ? Query.all() : Query.where(filter)).rankedBy(ranking).withLimit(K);
      List<SearchHit> hits = c.query(query);
      List<Long> truth = bruteForce(doc -> weights[0] * distance(titles[doc], qt) + weights[1] * distance(bodies[doc], qb),
          filter, K);
      assertNoDuplicates(hits);
      assertThat(hits).hasSize(truth.size());
      Set<Long> expected = new HashSet<>(truth);
      recall += hits.stream().filter(h -> expected.contains((Long) h.row().key())).count() / (double) truth.size();
      List<Long> exact = keys(c.query(query.withExact(true)));
      assertThat(exact).as("exact mode is the brute-force answer").isEqualTo(truth);
    }
    return recall / QUERIES;
  }

  @Test
  void theStreamIsChosenWithoutAFilterAndReportsItsWork() {
    Query query = Query.all().rankedBy(Ranking.weightedSum(Ranking.term("title", titles[5], 1),
        Ranking.term("body", bodies[5], 1))).withLimit(K);
    QueryExplanation e = c.explainAnalyze(query);
    assertThat(e.strategy()).as(e.text()).isEqualTo(Strategy.MULTI_CURSOR);
    assertThat(e.text()).contains("cursor pulls");
    assertThat(keys(e.hits()).getFirst()).isEqualTo(5L);
  }

  @Test
  void aFilterWithFewMatchesReturnsThemAll() {
    Predicate rare = Predicate.and(eq("grp", "g1"), Predicate.lt("id", 40L));
    long matches = c.count(rare);
    Query query = Query.where(rare).rankedBy(Ranking.weightedSum(Ranking.term("title", titles[1], 1),
        Ranking.term("body", bodies[2], 3))).withLimit(K * 10);
    assertThat(c.query(query)).hasSize((int) matches);
  }

  @Test
  void averageVectorIsNearestToTwicePositiveMinusNegative() {
    float[] pos = titles[10];
    float[] neg = titles[11];
    float[] p = unit(pos);
    float[] n = unit(neg);
    float[] target = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      target[i] = 2 * p[i] - n[i];
    }
    Query soft = Query.all().rankedBy(Ranking.recommend("title", List.of(pos), List.of(neg),
        Ranking.SoftNegatives.AVERAGE_VECTOR)).withLimit(K).withExact(true);
    Query plain = Query.all().rankedBy(Ranking.nearestTo("title", target)).withLimit(K).withExact(true);
    assertThat(keys(c.query(soft))).isEqualTo(keys(c.query(plain)));
  }

  /**
   * Best score against brute force, exact and approximate; rows closer to a negative than to
   * every positive come after all others; a hard NOT in the same query removes rows outright.
   */
  @Test
  void bestScoreRanksTowardsPositivesAndSinksRowsNearerANegative() {
    double recall = 0;
    for (int q = 0; q < QUERIES; q++) {
      // Perturbed stored rows: a positive equal to a stored row ties at similarity 1 with it, and
      // float and double rounding would order such ties differently.
      List<float[]> positives = List.of(near(titles[random.nextInt(ROWS)]), near(titles[random.nextInt(ROWS)]));
      List<float[]> negatives = List.of(near(titles[random.nextInt(ROWS)]));
      int window = 40;
      Query query = Query.all().rankedBy(Ranking.recommend("title", positives, negatives,
          Ranking.SoftNegatives.BEST_SCORE)).withLimit(window);
      List<Long> truth = bruteForce(doc -> bestScoreKey(doc, positives, negatives), null, window);
      assertThat(keys(c.query(query.withExact(true)))).isEqualTo(truth);
      List<SearchHit> hits = c.query(query);
      assertNoDuplicates(hits);
      assertThat(hits).hasSize(window);
      assertSunkRowsLast(hits, positives, negatives);
      Set<Long> expected = new HashSet<>(truth);
      recall += hits.stream().filter(h -> expected.contains((Long) h.row().key())).count() / (double) window;
    }
    assertThat(recall / QUERIES).as("best-score recall@40").isGreaterThanOrEqualTo(MIN_RECALL);
  }

  @Test
  void softAndHardNegativesCombine() {
    float[] b = titles[77];
    float beta = 0.6f;
    Query query = Query.where(not(similarityAbove("title", b, beta))).rankedBy(Ranking.recommend("title",
        List.of(titles[78]), List.of(b), Ranking.SoftNegatives.BEST_SCORE)).withLimit(K);
    List<SearchHit> hits = c.query(query);
    assertThat(hits).hasSize(K);
    for (SearchHit h : hits) {
      int doc = (int) (long) (Long) h.row().key();
      assertThat(1 - distance(titles[doc], b)).as("row %d similar to the hard negative", doc).isLessThanOrEqualTo(beta);
    }
  }

  private void assertSunkRowsLast(List<SearchHit> hits, List<float[]> positives, List<float[]> negatives) {
    boolean sunkSeen = false;
    for (SearchHit h : hits) {
      int doc = (int) (long) (Long) h.row().key();
      boolean sunk = bestScoreKey(doc, positives, negatives) >= SUNK;
      assertThat(sunkSeen && !sunk).as("row %d ranked after a row nearer a negative", doc).isFalse();
      sunkSeen |= sunk;
    }
  }

  /** Brute-force best-score key: -best positive similarity, or SUNK + best negative similarity. */
  static final double SUNK = 10;

  private double bestScoreKey(int doc, List<float[]> positives, List<float[]> negatives) {
    double pos = positives.stream().mapToDouble(p -> 1 - distance(titles[doc], p)).max().orElseThrow();
    double neg = negatives.stream().mapToDouble(n -> 1 - distance(titles[doc], n)).max().orElse(Double.NEGATIVE_INFINITY);
    return pos > neg ? -pos : SUNK + neg;
  }

  private List<Long> bruteForce(ToDoubleFunction<Integer> score, Predicate filter, int k) {
    List<Integer> docs = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      if (filter == null || matches(filter, i)) {
        docs.add(i);
      }
    }
    docs.sort(Comparator.comparingDouble(score::applyAsDouble).thenComparingInt(i -> i));
    return docs.stream().limit(k).map(i -> (long) i).toList();
  }

  /** The two filters the tests use: {@code grp = g} and {@code NOT grp = g}. */
  private boolean matches(Predicate filter, int doc) {
    return switch (filter) {
      case Predicate.Compare cmp -> groups[doc].equals(cmp.value());
      case Predicate.Not n -> !matches(n.child(), doc);
      default -> throw new IllegalArgumentException(filter.toString());
    };
  }

  private static void assertNoDuplicates(List<SearchHit> hits) {
    assertThat(keys(hits)).doesNotHaveDuplicates();
  }

  private static List<Long> keys(List<SearchHit> hits) {
    return hits.stream().map(h -> (Long) h.row().key()).toList();
  }

  /** Cosine distance in double precision. */
  static double distance(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return 1 - dot / Math.sqrt(na * nb);
  }

  private static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(n));
    }
    return out;
  }

  private float[] gaussian(float scale) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian() * scale;
    }
    return v;
  }

  private float[] near(float[] v) {
    return plus(v, gaussian(0.3f));
  }

  private static float[] plus(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }
}
