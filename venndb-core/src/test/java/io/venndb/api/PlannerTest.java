package io.venndb.api;

import static io.venndb.query.Predicate.and;
import static io.venndb.query.Predicate.eq;
import static io.venndb.query.Predicate.not;
import static io.venndb.query.Predicate.similarityAbove;
import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.catalog.CollectionSchema;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner on controlled data where one strategy is clearly cheaper, with the nominal unit
 * costs so plans do not depend on the machine: it must pick that strategy, its row estimates must
 * be within a stated factor of the actual rows, and a stream whose filter turns out far more
 * selective near the query than overall must switch mid-query and still return the exact answer.
 *
 * <p>Data: two well-separated clusters ("a" and "b", half the rows each) of 16-d vectors; a
 * keyword with 1,000 buckets (0.1% each) and one with 10 groups (10% each).
 */
@ExtendWith(TestSeed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlannerTest {
  static final int DIM = 16;
  static final int ROWS = 20_000;
  /** Estimates of scalar conditions come from exact index counts; sampled vector ones within this factor. */
  static final double ESTIMATE_FACTOR = 2.0;

  @TempDir static Path dir;
  final SplittableRandom random = TestSeed.random("planner");
  final float[][] vectors = new float[ROWS][];
  final float[] centreA = centre(0);
  final float[] centreB = centre(1);
  VennDB db;
  Collection c;

  @BeforeAll
  void load() {
    db = VennDB.open(dir, DatabaseOptions.defaults().withNominalCosts());
    CollectionSchema schema = SchemaBuilder.collection("docs").longKey("id").keyword("bucket").keyword("grp")
        .keyword("side").longColumn("year").vector("emb", DIM, Metric.COSINE, VectorIndexSpec.hnsw()).build();
    c = db.createCollection(schema);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      boolean sideB = i % 2 == 1;
      vectors[i] = around(sideB ? centreB : centreA);
      Map<String, Object> row = new HashMap<>();
      row.put("id", (long) i);
      row.put("bucket", "b" + random.nextInt(1000));
      row.put("grp", "g" + random.nextInt(10));
      row.put("side", sideB ? "b" : "a");
      row.put("year", (long) random.nextInt(100));
      row.put("emb", vectors[i]);
      rows.add(row);
    }
    try (BulkWriter writer = c.bulkWriter(5000)) {
      rows.forEach(writer::upsert);
    }
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void aRareFilterIsScannedExactly() {
    Query q = Query.where(eq("bucket", "b7")).rankedBy(Ranking.nearestTo("emb", around(centreA))).withLimit(10);
    QueryExplanation e = c.explainAnalyze(q);
    assertThat(e.strategy()).as(e.text()).isEqualTo(Strategy.EXACT_OVER_FILTER);
    assertThat(e.runnerUpCostNs()).as(e.text()).isGreaterThan(e.estimatedCostNs());
    assertWithinFactor(e, e.estimatedFilterRows(), e.actualFilterRows());
    assertThat(e.hits()).hasSize((int) Math.min(10, e.actualFilterRows()));
  }

  @Test
  void noFilterWalksTheGraph() {
    QueryExplanation e = c.explain(Query.all().rankedBy(Ranking.nearestTo("emb", around(centreA))).withLimit(10));
    assertThat(e.strategy()).as(e.text()).isEqualTo(Strategy.GRAPH_TOPK);
  }

  @Test
  void aBroadFilterIsNotScannedExactly() {
    Query q = Query.where(not(eq("grp", "g3"))).rankedBy(Ranking.nearestTo("emb", around(centreA))).withLimit(10);
    QueryExplanation e = c.explainAnalyze(q);
    assertThat(e.strategy()).as(e.text()).isIn(Strategy.STREAM_CURSOR, Strategy.FILTERED_GRAPH);
    assertThat(e.hits()).hasSize(10);
  }

  /**
   * The query's ef is the stream's recall knob, as it is a graph search's: the departure bound E
   * follows it, so a small ef walks less and a large one walks on and keeps every exact row.
   */
  @Test
  void theStreamsDepartureFollowsTheQuerysEf() {
    Query q = streamedYearRangeWithoutNearB();
    List<Object> exact = keys(c.query(q.withExact(true)));
    QueryExplanation narrow = c.explainAnalyze(q.withEf(16));
    QueryExplanation wide = c.explainAnalyze(q.withEf(400));
    assertThat(narrow.strategy()).as(narrow.text()).isEqualTo(Strategy.STREAM_CURSOR);
    assertThat(wide.strategy()).as(wide.text()).isEqualTo(Strategy.STREAM_CURSOR);
    assertThat(narrow.nodesVisited()).as(narrow.text() + wide.text()).isLessThan(wide.nodesVisited() / 4);
    assertThat(keys(wide.hits())).as(wide.text()).isEqualTo(exact);
    assertThat(narrow.hits()).hasSize(10);
  }

  /**
   * Top-10 near cluster "a" with a broad year range and a wide vector NOT: the NOT is tested per
   * candidate, so the stream is the plan, as in the NOT benchmarks.
   */
  private Query streamedYearRangeWithoutNearB() {
    float[] b = vectors[43];
    Predicate filter = and(Predicate.between("year", 20L, 99L),
        not(similarityAbove("emb", b, similarityAtRank(b, ROWS / 2 - 500))));
    return Query.where(filter).rankedBy(Ranking.nearestTo("emb", around(centreA))).withLimit(10);
  }

  /**
   * EXPLAIN ANALYZE sums the work of every operator: an exact plan scores each member of its
   * filter and visits no graph node; a stream's counters are the ones its node prints. A plain
   * EXPLAIN runs nothing and reports -1.
   */
  @Test
  void analyzedWorkCountersSumEveryOperator() {
    Query rare = Query.where(eq("bucket", "b7")).rankedBy(Ranking.nearestTo("emb", around(centreA))).withLimit(10);
    QueryExplanation planned = c.explain(rare);
    assertThat(planned.distanceComputations()).isEqualTo(-1);
    assertThat(planned.nodesVisited()).isEqualTo(-1);
    QueryExplanation exact = c.explainAnalyze(rare);
    assertThat(exact.strategy()).as(exact.text()).isEqualTo(Strategy.EXACT_OVER_FILTER);
    assertThat(exact.distanceComputations()).as(exact.text()).isEqualTo(exact.actualFilterRows());
    assertThat(exact.nodesVisited()).as(exact.text()).isZero();
    QueryExplanation streamed = c.explainAnalyze(streamedYearRangeWithoutNearB().withEf(16));
    assertThat(streamed.strategy()).as(streamed.text()).isEqualTo(Strategy.STREAM_CURSOR);
    assertThat(streamed.nodesVisited()).as(streamed.text()).isEqualTo(nodesVisited(streamed));
    assertThat(streamed.distanceComputations()).as(streamed.text()).isGreaterThan(streamed.nodesVisited());
    // ef 16 for a top-10 stream: E = max(ef, 2 · window), w = min(64, E)
    assertThat(streamed.text()).contains(", E 20, w 20");
  }

  /** The graph nodes the one graph operator of a plan printed. */
  private static long nodesVisited(QueryExplanation e) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9,]+) nodes visited").matcher(e.text());
    assertThat(m.find()).as(e.text()).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  /**
   * A broad range on a numeric column, tested per candidate of the stream, reads each candidate's
   * value: nothing the size of the range is built (before, 80% of the rows were collected first),
   * and the answer agrees with the exact one.
   */
  @Test
  void aBroadNumericRangeIsTestedByValueNotMaterialised() {
    Query q = streamedYearRangeWithoutNearB();
    QueryExplanation e = c.explainAnalyze(q);
    assertThat(e.strategy()).as(e.text()).isEqualTo(Strategy.STREAM_CURSOR);
    String leaf = e.text().lines().filter(l -> l.contains("year")).findFirst().orElseThrow();
    assertThat(leaf).as(e.text()).contains("tested per row").doesNotContain("materialised");
    java.util.regex.Matcher cost = java.util.regex.Pattern.compile("cost ([0-9.]+) µs").matcher(leaf);
    assertThat(cost.find()).as(leaf).isTrue();
    double materialiseMicros = 0.8 * ROWS * UnitCosts.NOMINAL.bitmapNsPerDoc() / 1000;
    assertThat(Double.parseDouble(cost.group(1))).as(leaf).isLessThan(materialiseMicros / 4);
    assertThat(keys(e.hits())).hasSize(10);
    java.util.Set<Object> exact = new java.util.HashSet<>(keys(c.query(q.withExact(true))));
    assertThat(keys(e.hits()).stream().filter(exact::contains).count()).isGreaterThanOrEqualTo(9);
  }

  @Test
  void exactModeOnlyOffersTheExactStrategy() {
    Query q = Query.where(not(eq("grp", "g3"))).rankedBy(Ranking.nearestTo("emb", around(centreA))).withExact(true);
    QueryExplanation e = c.explain(q);
    assertThat(e.strategy()).isEqualTo(Strategy.EXACT_OVER_FILTER);
    assertThat(e.runnerUp()).isNull();
  }

  /**
   * The seed's rule of thumb, from prices alone: a NOT-similar condition whose near set C_B is
   * small is materialised by a range scan and subtracted; one whose C_B is large (half the rows)
   * is tested with one distance per candidate. The filter is materialised (rows in insertion
   * order), so the choice is between those two.
   */
  @Test
  void notSimilarIsSubtractedWhenItsNearSetIsSmallAndTestedWhenLarge() {
    float[] b = vectors[42];
    float narrow = similarityAtRank(b, 20);
    Query small = Query.where(not(similarityAbove("emb", b, narrow))).withLimit(10_000);
    QueryExplanation e = c.explainAnalyze(small);
    assertThat(e.text()).contains("range scan of the complement");
    assertThat(e.hits()).hasSize(10_000);

    float wide = similarityAtRank(b, ROWS / 2 - 500);
    Query large = Query.where(and(eq("grp", "g1"), not(similarityAbove("emb", b, wide)))).withLimit(10_000);
    QueryExplanation f = c.explainAnalyze(large);
    assertThat(f.text()).contains("one distance per candidate").doesNotContain("range scan of the complement");
    long expected = c.count(and(eq("grp", "g1"), not(similarityAbove("emb", b, wide))));
    assertThat(f.hits()).hasSize((int) expected);
  }

  /**
   * Vector estimates come from 512 sampled rows, so the factor holds only where the sample sees
   * enough of them: at 2,000 of 20,000 rows it expects 51 hits (sd 6.8) and misses 2× with
   * probability about 10^-4, at 4,000 and 8,000 far less. At 500 rows (12.8 expected hits) a 2×
   * miss has a ~2.5% chance per run, which a random seed found (`90e437081f039fb2`: 5 hits,
   * estimate 195 against 500), so that rank is not asserted; its estimate carries a 95% interval
   * in EXPLAIN instead.
   */
  @Test
  void vectorConditionEstimatesAreWithinTheStatedFactor() {
    float[] b = vectors[7];
    for (int rank : new int[] {2_000, 4_000, 8_000}) {
      Predicate near = similarityAbove("emb", b, similarityAtRank(b, rank));
      QueryExplanation e = c.explainAnalyze(Query.where(near).withLimit(10));
      assertWithinFactor(e, e.estimatedFilterRows(), c.count(near));
    }
  }

  /**
   * Half the rows are on side "b", so streaming from a query deep in cluster "a" looks cheap; but
   * no row near the query passes. The stream must notice and finish exactly, losing no row.
   */
  @Test
  void aStreamThatFindsFarFewerMatchesThanPlannedSwitchesToExact() {
    float[] q = around(centreA);
    Query query = Query.where(eq("side", "b")).rankedBy(Ranking.nearestTo("emb", q)).withLimit(10);
    QueryExplanation e = c.explainAnalyze(query);
    assertThat(e.strategy()).as(e.text()).isEqualTo(Strategy.STREAM_CURSOR);
    assertThat(e.switched()).as(e.text()).isTrue();
    List<SearchHit> exact = c.query(query.withExact(true));
    assertThat(keys(e.hits())).isEqualTo(keys(exact));
  }

  @Test
  void offsetPagesThroughTheSameRanking() {
    Query q = Query.where(eq("grp", "g2")).rankedBy(Ranking.nearestTo("emb", around(centreB))).withExact(true);
    List<Object> first20 = keys(c.query(q.withLimit(20)));
    List<Object> page2 = keys(c.query(q.withLimit(10).withOffset(10)));
    assertThat(page2).isEqualTo(first20.subList(10, 20));
  }

  @Test
  void orderByColumnUsesTheSortedIndex() {
    Query q = Query.where(eq("grp", "g4")).rankedBy(Ranking.descending("year")).withLimit(5);
    QueryExplanation e = c.explainAnalyze(q);
    assertThat(e.strategy()).isEqualTo(Strategy.INDEX_ORDER);
    List<Long> years = e.hits().stream().map(h -> (Long) h.row().values().get("year")).toList();
    assertThat(years).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(years.getFirst()).isEqualTo(99L);
  }

  private static void assertWithinFactor(QueryExplanation e, double estimated, long actual) {
    assertThat(actual).as(e.text()).isGreaterThanOrEqualTo(0);
    double ratio = Math.max(estimated, 1) / Math.max(actual, 1);
    assertThat(ratio).as("estimate %.0f vs actual %d%n%s", estimated, actual, e.text())
        .isBetween(1 / ESTIMATE_FACTOR, ESTIMATE_FACTOR);
  }

  /** The similarity to {@code b} of the row at this rank, nudged between it and the next. */
  private float similarityAtRank(float[] b, int rank) {
    double[] sims = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      sims[i] = cosine(b, vectors[i]);
    }
    Arrays.sort(sims);
    double above = sims[ROWS - rank];
    double below = sims[ROWS - rank - 1];
    return (float) ((above + below) / 2);
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static List<Object> keys(List<SearchHit> hits) {
    return hits.stream().map(h -> h.row().key()).toList();
  }

  private float[] centre(int axis) {
    float[] v = new float[DIM];
    v[axis] = 3;
    return v;
  }

  private float[] around(float[] centre) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = centre[i] + (float) random.nextGaussian() * 0.6f;
    }
    return v;
  }
}
