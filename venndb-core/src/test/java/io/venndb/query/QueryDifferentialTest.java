package io.venndb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.venndb.api.Collection;
import io.venndb.api.DatabaseOptions;
import io.venndb.api.VennDB;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.plan.QueryExplanation;
import io.venndb.plan.Strategy;
import io.venndb.testing.DebianVectors;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Differential tests of the query engine against {@link QueryOracle}, a brute-force model that
 * computes every distance itself (double precision, from the vectors as inserted) and applies
 * SQL's three-valued logic. Random predicate trees (depth ≤ 4) mix scalar leaves of every kind
 * with similarity/distance conditions (all four operators) on two vector columns: {@code hv} has
 * an HNSW index, {@code fv} is searched flat; some rows have no vector in either.
 *
 * <p>Data: clustered random vectors (8 to 16 dimensions) under each metric for the indexed column
 * — large enough (12,000 rows, HNSW m = 8) that the nominal cost model actually picks the graph
 * strategies, graph range scans and complement scans — and the MiniLM embeddings of 2,100 Debian
 * package descriptions (384-d, cosine) with synthetic scalar columns. Rows are deleted and
 * upserted after the load, so doc order differs from key order and the graph holds dead nodes.
 *
 * <p>What must hold: with {@code withExact(true)} — and in any mode when no graph is involved
 * (ranking by the flat column, no condition on the indexed one) — the answer is the oracle's
 * answer; in the default approximate mode no returned row ever fails the filter (NOT similarity
 * included), LIMIT k returns {@code min(k, matches)} rows and recall@10 is at least 0.95 on
 * average. Every assertion message carries the run seed ({@code -Dvenndb.tests.seed=})
 * and the predicate. Plans use the nominal unit costs so that a seed replays the same plans on any
 * machine.
 */
@ExtendWith(TestSeed.class)
class QueryDifferentialTest {
  static final List<String> KINDS = List.of("a", "b", "c", "d", "e", "f");
  static final List<String> LABELS = List.of("p", "q", "r", "s", "t", "u");
  static final int RANDOM_ROWS = 12_000;
  static final int MAX = Query.MAX_WINDOW;
  /** LIMIT of the filter-only queries: large, yet a fraction of the rows, so fetching stays cheap. */
  static final int FILTER_LIMIT = 2_500;
  static final List<String> NO_COLUMNS = List.of();

  /**
   * The data sets: the metric of the HNSW column {@code hv} and of the flat column {@code fv}, and
   * one row in how many has no {@code hv} vector. RANDOM_L2 has few such rows: the planner counts
   * rows without a vector into the complement of a NOT-near condition, so only there is the graph
   * range scan of the complement cheap enough to be chosen.
   */
  enum Data {
    RANDOM_COSINE(Metric.COSINE, Metric.L2, 12),
    RANDOM_L2(Metric.L2, Metric.INNER_PRODUCT, 500),
    RANDOM_IP(Metric.INNER_PRODUCT, Metric.COSINE, 12),
    DEBIAN(Metric.COSINE, Metric.L2, 12);

    final Metric hv;
    final Metric fv;
    final int hvNullOneIn;

    Data(Metric hv, Metric fv, int hvNullOneIn) {
      this.hv = hv;
      this.fv = fv;
      this.hvNullOneIn = hvNullOneIn;
    }
  }

  @TempDir static Path root;
  private static final Map<Data, Fixture> FIXTURES = new EnumMap<>(Data.class);

  @AfterAll
  static void closeAll() {
    FIXTURES.values().forEach(f -> f.db.close());
    FIXTURES.clear();
  }

  static synchronized Fixture fixture(Data data) {
    return FIXTURES.computeIfAbsent(data, Fixture::new);
  }

  // ---------------------------------------------------------------------------------------------
  // 1 + 2: filter-only queries and counts, exact and approximate
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Data.class)
  void filterOnlyQueriesAndCountsMatchOracle(Data data) {
    Fixture f = fixture(data);
    Gen gen = new Gen(f, "filter-only." + data);
    Map<String, Integer> coverage = new TreeMap<>();
    for (int trial = 0; trial < 80; trial++) {
      Predicate p = gen.predicate(gen.random.nextInt(5));
      String what = gen.context(trial, p, "unordered");
      List<String> expected = f.oracle.matchingKeys(p);

      List<String> exact = keys(f.c.query(Query.where(p).withExact(true).withLimit(FILTER_LIMIT)
          .withColumns(NO_COLUMNS)));
      assertThat(exact).as("exact rows, %s", what).isEqualTo(window(expected, 0, FILTER_LIMIT));
      assertThat(f.c.count(p)).as("count, %s", what).isEqualTo(expected.size());

      int limit = 1 + gen.random.nextInt(40);
      int offset = gen.random.nextInt(3) == 0 ? gen.random.nextInt(30) : 0;
      List<String> page = keys(f.c.query(Query.where(p).withExact(true).withLimit(limit).withOffset(offset)
          .withColumns(NO_COLUMNS)));
      assertThat(page).as("exact LIMIT %d OFFSET %d, %s", limit, offset, what)
          .isEqualTo(window(expected, offset, limit));

      Query approximate = Query.where(p).withLimit(FILTER_LIMIT).withColumns(NO_COLUMNS);
      record(coverage, f.c.explain(approximate));
      List<String> approx = keys(f.c.query(approximate));
      assertNoViolations(f, approx, p, what + " (approximate)", approximate);
      assertInDocOrder(f, approx, what + " (approximate)");
      assertThat(approx.size()).as(explained(f, approximate, "approximate row count must be min(limit, matches) = "
          + Math.min(FILTER_LIMIT, expected.size()) + ", " + what)).isEqualTo(Math.min(FILTER_LIMIT, expected.size()));
    }
    System.out.printf(Locale.ROOT, "[%s] filter-only plans (approximate mode) %s%n", data, coverage);
  }

  // ---------------------------------------------------------------------------------------------
  // 2: ranked top-k in exact mode (and on the flat column in any mode) equals brute force
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Data.class)
  void exactTopKMatchesOracle(Data data) {
    Fixture f = fixture(data);
    Gen gen = new Gen(f, "exact-topk." + data);
    int[] ks = {1, 5, 10, 37, 100};
    for (int trial = 0; trial < 60; trial++) {
      Predicate p = gen.random.nextInt(4) == 0 ? null : gen.predicate(gen.random.nextInt(5));
      String column = gen.random.nextBoolean() ? "hv" : "fv";
      float[] q = gen.queryVector(column);
      int k = ks[gen.random.nextInt(ks.length)];
      int offset = gen.random.nextInt(4) == 0 ? gen.random.nextInt(20) : 0;
      Query query = (p == null ? Query.all() : Query.where(p)).rankedBy(Ranking.nearestTo(column, q))
          .withLimit(k).withOffset(offset).withColumns(NO_COLUMNS);
      String what = gen.context(trial, p, "TOP " + k + " OFFSET " + offset + " BY " + column + " " + gen.describe(q));
      List<QueryOracle.Scored> expected = f.oracle.ranked(p, column, q);

      List<SearchHit> exact = f.c.query(query.withExact(true));
      assertExactRanking(f, column, exact, expected, offset, k, what + " (exact)");
      if (column.equals("fv") && !gen.hasVectorLeaf(p, "hv")) { // no graph anywhere: the default mode is exact too
        assertExactRanking(f, column, f.c.query(query), expected, offset, k, what + " (fv, default mode)");
      } else {
        assertApproximateRanking(f, column, f.c.query(query), expected, offset, k, what + " (default mode)", query);
      }
      if (trial % 8 == 0) {
        QueryExplanation analysed = f.c.explainAnalyze(query.withExact(true));
        assertThat(keys(analysed.hits())).as("EXPLAIN ANALYZE hits, %s", what).isEqualTo(keys(exact));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 3: approximate top-10: recall, no violations, min(k, matches) rows
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Data.class)
  void approximateTopKHasRecallAndNoViolations(Data data) {
    Fixture f = fixture(data);
    Gen gen = new Gen(f, "approx-topk." + data);
    int trials = 100;
    double recallSum = 0;
    int measured = 0;
    Map<String, Integer> coverage = new TreeMap<>();
    Map<Strategy, double[]> byStrategy = new EnumMap<>(Strategy.class);
    for (int trial = 0; trial < trials; trial++) {
      Predicate p = gen.random.nextInt(5) == 0 ? null : gen.predicate(gen.random.nextInt(5));
      float[] q = gen.queryVector("hv");
      Query query = (p == null ? Query.all() : Query.where(p)).rankedBy(Ranking.nearestTo("hv", q))
          .withLimit(10).withColumns(NO_COLUMNS);
      String what = gen.context(trial, p, "TOP 10 BY hv " + gen.describe(q));
      List<QueryOracle.Scored> expected = f.oracle.ranked(p, "hv", q);
      Strategy strategy = record(coverage, f.c.explain(query));

      List<SearchHit> hits = f.c.query(query);
      assertApproximateRanking(f, "hv", hits, expected, 10, what, query);
      if (trial % 10 == 0) { // the same plan on the same view: EXPLAIN ANALYZE returns the same rows
        assertThat(keys(f.c.explainAnalyze(query).hits())).as("EXPLAIN ANALYZE hits, %s", what).isEqualTo(keys(hits));
      }
      if (!expected.isEmpty()) {
        double r = recall(hits, expected, 10);
        recallSum += r;
        measured++;
        byStrategy.computeIfAbsent(strategy, x -> new double[2])[0] += r;
        byStrategy.get(strategy)[1]++;
      }
    }
    double recall = recallSum / Math.max(1, measured);
    System.out.printf(Locale.ROOT, "[%s] approximate top-10: mean recall %.4f over %d queries; by strategy:%s; "
        + "plans %s%n", data, recall, measured, perStrategy(byStrategy), coverage);
    assertThat(recall).as("mean recall@10 over %d queries (seed %s, %s)", measured, TestSeed.runSeed(), data)
        .isGreaterThanOrEqualTo(0.95);
  }

  // ---------------------------------------------------------------------------------------------
  // 4: LIMIT k returns min(k, matches) at fixed selectivities and with no match at all
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Data.class)
  void limitReturnsMinOfKAndMatchesAtEverySelectivity(Data data) {
    Fixture f = fixture(data);
    Gen gen = new Gen(f, "limit." + data);
    Map<String, Predicate> filters = new LinkedHashMap<>();
    for (double s : new double[] {0.001, 0.01, 0.1, 0.5}) {
      String tag = String.format(Locale.ROOT, "%.1f%%", 100 * s);
      filters.put("scalar " + tag, Predicate.lt("u", (long) Math.ceil(s * f.rowsLoaded)));
      filters.put("hv near " + tag, gen.vectorLeaf("hv", gen.random.nextBoolean()
          ? Predicate.Measure.SIMILARITY : Predicate.Measure.DISTANCE, true, s));
      filters.put("NOT hv far " + tag, Predicate.not(gen.vectorLeaf("hv", Predicate.Measure.SIMILARITY, true, 1 - s)));
      // The complement of a small near set: what a graph range scan of the complement answers.
      filters.put("NOT hv near " + tag + " (keeps the rest)", Predicate.not(gen.vectorLeaf("hv",
          gen.random.nextBoolean() ? Predicate.Measure.SIMILARITY : Predicate.Measure.DISTANCE, true, s)));
      filters.put("fv near " + tag, gen.vectorLeaf("fv", Predicate.Measure.DISTANCE, true, s));
      double half = Math.sqrt(s);
      filters.put("scalar AND hv " + tag, Predicate.and(Predicate.lt("u", (long) Math.ceil(half * f.rowsLoaded)),
          gen.vectorLeaf("hv", Predicate.Measure.SIMILARITY, true, half)));
    }
    filters.put("hv nothing", gen.impossibleVectorLeaf("hv"));
    filters.put("fv nothing", gen.impossibleVectorLeaf("fv"));
    filters.put("u < 0", Predicate.lt("u", 0));
    filters.put("kind = 'zz'", Predicate.eq("kind", "zz"));
    filters.put("kind = 'a' AND kind = 'b'", Predicate.and(Predicate.eq("kind", "a"), Predicate.eq("kind", "b")));

    int trial = 0;
    Map<String, Integer> coverage = new TreeMap<>();
    for (Map.Entry<String, Predicate> e : filters.entrySet()) {
      Predicate p = e.getValue();
      List<String> matches = f.oracle.matchingKeys(p);
      for (String column : List.of("hv", "fv")) {
        float[] q = gen.queryVector(column);
        List<QueryOracle.Scored> expected = f.oracle.ranked(p, column, q);
        for (int k : new int[] {1, 10, 100}) {
          Query query = Query.where(p).rankedBy(Ranking.nearestTo(column, q)).withLimit(k).withColumns(NO_COLUMNS);
          String what = gen.context(trial++, p, e.getKey() + " (" + matches.size() + " rows), TOP " + k + " BY "
              + column + " " + gen.describe(q));
          assertExactRanking(f, column, f.c.query(query.withExact(true)), expected, 0, k, what + " (exact)");
          record(coverage, f.c.explain(query));
          assertApproximateRanking(f, column, f.c.query(query), expected, k, what + " (approximate)", query);
        }
      }
      for (int k : new int[] {1, 10, 100, MAX}) {
        String what = gen.context(trial++, p, e.getKey() + " (" + matches.size() + " rows), LIMIT " + k);
        Query query = Query.where(p).withLimit(k).withColumns(NO_COLUMNS);
        record(coverage, f.c.explain(query));
        assertThat(keys(f.c.query(query.withExact(true)))).as("exact, %s", what).isEqualTo(window(matches, 0, k));
        List<String> approx = keys(f.c.query(query));
        assertNoViolations(f, approx, p, what + " (approximate)", query);
        assertThat(approx.size()).as(explained(f, query, "approximate row count must be min(k, matches) = "
            + Math.min(k, matches.size()) + ", " + what)).isEqualTo(Math.min(k, matches.size()));
      }
    }
    System.out.printf(Locale.ROOT, "[%s] LIMIT plans (approximate mode) %s%n", data, coverage);
  }

  // ---------------------------------------------------------------------------------------------
  // 5: ORDER BY a scalar column with OFFSET and LIMIT
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Data.class)
  void orderByColumnMatchesOracle(Data data) {
    Fixture f = fixture(data);
    Gen gen = new Gen(f, "order-by." + data);
    List<String> columns = List.of("size", "score", "u", "kind", "flag", "body", "id");
    Map<String, Integer> coverage = new TreeMap<>();
    for (int trial = 0; trial < 30; trial++) {
      String column = columns.get(gen.random.nextInt(columns.size()));
      boolean descending = gen.random.nextBoolean();
      Predicate p = gen.random.nextInt(4) == 0 ? null : gen.predicate(gen.random.nextInt(4));
      int limit = 1 + gen.random.nextInt(60);
      int offset = gen.random.nextInt(3) == 0 ? 0 : gen.random.nextInt(200);
      Query query = (p == null ? Query.all() : Query.where(p))
          .rankedBy(descending ? Ranking.descending(column) : Ranking.ascending(column))
          .withLimit(limit).withOffset(offset).withColumns(NO_COLUMNS);
      String what = gen.context(trial, p, "ORDER BY " + column + (descending ? " DESC" : " ASC") + " LIMIT "
          + limit + " OFFSET " + offset);
      List<String> ordered = f.oracle.orderBy(p, column, descending);
      List<String> expected = window(ordered, offset, limit);

      assertThat(keys(f.c.query(query.withExact(true)))).as("exact, %s", what).isEqualTo(expected);
      record(coverage, f.c.explain(query));
      List<String> approx = keys(f.c.query(query));
      if (!gen.hasVectorLeaf(p)) {
        assertThat(approx).as("no vector condition, default mode, %s", what).isEqualTo(expected);
      } else {
        assertNoViolations(f, approx, p, what + " (approximate)", query);
        for (int i = 1; i < approx.size(); i++) {
          int a = f.oracle.indexOf(approx.get(i - 1));
          int b = f.oracle.indexOf(approx.get(i));
          assertThat(f.oracle.compareForOrder(column, descending, a, b)).as("order at %d, %s", i, what).isNegative();
        }
        assertThat(approx.size()).as(explained(f, query, "approximate row count must be min(limit, matches - offset) = "
            + expected.size() + ", " + what)).isEqualTo(expected.size());
      }
    }
    System.out.printf(Locale.ROOT, "[%s] ORDER BY plans (approximate mode) %s%n", data, coverage);
  }

  // ---------------------------------------------------------------------------------------------
  // 6: tag AND NOT similarity(hv, B) > beta, ranked by distance to Q, with B among Q's neighbours
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Data.class)
  void notSimilarToNeighbourKeepsExactSizeAndExcludesNeighbours(Data data) {
    Fixture f = fixture(data);
    Gen gen = new Gen(f, "not-similar." + data);
    double[] fractions = {0.002, 0.005, 0.01, 0.03, 0.1};
    long removedNeighbours = 0;
    double recallSum = 0;
    int measured = 0;
    Map<String, Integer> coverage = new TreeMap<>();
    Map<Strategy, double[]> byStrategy = new EnumMap<>(Strategy.class);
    for (int trial = 0; trial < 25; trial++) {
      int qRow = gen.rowWithVector("hv");
      float[] q = (float[]) f.oracle.rows().get(qRow).get("hv");
      List<QueryOracle.Scored> neighbours = f.oracle.ranked(null, "hv", q);
      QueryOracle.Scored near = neighbours.get(1 + gen.random.nextInt(Math.min(5, neighbours.size() - 1)));
      float[] b = (float[]) f.oracle.rows().get(near.index()).get("hv");
      String bName = "row " + near.key() + " (rank " + neighbours.indexOf(near) + " from Q)";
      double fraction = fractions[gen.random.nextInt(fractions.length)];
      float beta = gen.threshold("hv", Predicate.Measure.SIMILARITY, Predicate.Op.GT, b, fraction);
      Predicate similarToB = new Predicate.VectorCompare("hv", b, Predicate.Measure.SIMILARITY, Predicate.Op.GT, beta);
      gen.provenance.put(similarToB, bName);
      Predicate tag = gen.random.nextBoolean() ? Predicate.containsTag("labels", LABELS.get(gen.random.nextInt(6)))
          : Predicate.containsAny("labels",
              List.of(LABELS.get(gen.random.nextInt(6)), LABELS.get(gen.random.nextInt(6))));
      Predicate p = Predicate.and(tag, Predicate.not(similarToB));
      int k = List.of(10, 10, 50, 200).get(gen.random.nextInt(4));
      Query query = Query.where(p).rankedBy(Ranking.nearestTo("hv", q)).withLimit(k).withColumns(NO_COLUMNS);
      String what = gen.context(trial, p, "TOP " + k + " BY hv Q = row " + f.oracle.key(qRow));
      List<QueryOracle.Scored> expected = f.oracle.ranked(p, "hv", q);
      Strategy strategy = record(coverage, f.c.explain(query));

      // The query's shape: the NOT takes away rows Q would otherwise rank first.
      List<QueryOracle.Scored> tagOnly = f.oracle.ranked(tag, "hv", q);
      for (QueryOracle.Scored s : tagOnly.subList(0, Math.min(k, tagOnly.size()))) {
        removedNeighbours += f.oracle.isTrue(similarToB, s.index()) ? 1 : 0;
      }

      List<SearchHit> exact = f.c.query(query.withExact(true));
      assertExactRanking(f, "hv", exact, expected, 0, k, what + " (exact)");
      List<SearchHit> approx = f.c.query(query);
      assertApproximateRanking(f, "hv", approx, expected, k, what + " (approximate)", query);
      assertThat(approx.size()).as(explained(f, query, "approximate size = exact size, " + what))
          .isEqualTo(exact.size());
      for (SearchHit h : approx) {
        int row = f.oracle.indexOf((String) h.key());
        float[] v = (float[]) f.oracle.rows().get(row).get("hv");
        double simToB = f.oracle.measure("hv", Predicate.Measure.SIMILARITY, b, v);
        assertThat(simToB).as("row %s similarity to B must not exceed beta %s, %s", h.key(), beta, what)
            .isLessThanOrEqualTo(beta);
      }
      if (!expected.isEmpty()) {
        double r = recall(approx, expected, k);
        recallSum += r;
        measured++;
        byStrategy.computeIfAbsent(strategy, x -> new double[2])[0] += r;
        byStrategy.get(strategy)[1]++;
      }
    }
    double recall = recallSum / Math.max(1, measured);
    System.out.printf(Locale.ROOT, "[%s] NOT similar: %d of Q's filtered neighbours removed by the NOT, "
        + "recall %.4f, by strategy:%s; plans %s%n", data, removedNeighbours, recall, perStrategy(byStrategy),
        coverage);
    assertThat(removedNeighbours).as("the NOT must remove some of Q's neighbours (seed %s)", TestSeed.runSeed())
        .isPositive();
    assertThat(recall).as("mean recall (seed %s, %s)", TestSeed.runSeed(), data).isGreaterThanOrEqualTo(0.95);
  }

  // ---------------------------------------------------------------------------------------------
  // The smallest form of 4: one near-keeping condition on the HNSW column, nothing else
  // ---------------------------------------------------------------------------------------------

  /**
   * {@code WHERE similarity(hv, q) > t} (or a distance below a radius) keeping 0.1% to 0.5% of
   * the rows: small enough that the planner materialises it with a graph range scan. Unordered
   * with a LIMIT above the matches, and ranked by another vector with LIMIT 100, the default mode
   * must still return every matching row (min(k, matches)), as the exact mode does.
   */
  @ParameterizedTest
  @EnumSource(Data.class)
  void smallNearConditionReturnsEveryMatchingRow(Data data) {
    Fixture f = fixture(data);
    Gen gen = new Gen(f, "small-near." + data);
    Map<String, Integer> coverage = new TreeMap<>();
    for (int trial = 0; trial < 20; trial++) {
      double share = List.of(0.001, 0.003, 0.005).get(gen.random.nextInt(3));
      Predicate p = gen.vectorLeaf("hv", gen.random.nextBoolean() ? Predicate.Measure.SIMILARITY
          : Predicate.Measure.DISTANCE, true, share);
      List<String> matches = f.oracle.matchingKeys(p);
      Query unordered = Query.where(p).withLimit(MAX).withColumns(NO_COLUMNS);
      record(coverage, f.c.explain(unordered));
      String what = gen.context(trial, p, "LIMIT " + MAX);
      assertThat(keys(f.c.query(unordered.withExact(true)))).as("exact, %s", what).isEqualTo(matches);
      List<String> approx = keys(f.c.query(unordered));
      assertNoViolations(f, approx, p, what + " (approximate)", unordered);
      assertThat(approx.size()).as(explained(f, unordered, "approximate row count must be min(limit, matches) = "
          + matches.size() + ", " + what)).isEqualTo(matches.size());

      float[] q = gen.queryVector("hv");
      Query ranked = Query.where(p).rankedBy(Ranking.nearestTo("hv", q)).withLimit(100).withColumns(NO_COLUMNS);
      assertApproximateRanking(f, "hv", f.c.query(ranked), f.oracle.ranked(p, "hv", q), 100,
          gen.context(trial, p, "TOP 100 BY hv " + gen.describe(q)), ranked);
    }
    System.out.printf(Locale.ROOT, "[%s] small near condition plans (approximate mode) %s%n", data, coverage);
  }

  // ---------------------------------------------------------------------------------------------
  // Checks
  // ---------------------------------------------------------------------------------------------

  /** Absolute tolerance for comparing a float distance with the oracle's double one. */
  static double tolerance(double value) {
    return 1e-4 * Math.max(1, Math.abs(value));
  }

  /**
   * Exact top-k: the right number of rows, each TRUE for the filter with a vector, its reported
   * distance and similarity those of the oracle, and rank by rank the oracle's distance; keys
   * may differ from the oracle's only between rows whose distances tie within rounding.
   */
  private static void assertExactRanking(Fixture f, String column, List<SearchHit> hits,
      List<QueryOracle.Scored> expected, int offset, int k, String what) {
    int size = Math.max(0, Math.min(k, expected.size() - offset));
    assertThat(hits.size()).as("rows: min(k, matches - offset) = %d, %s", size, what).isEqualTo(size);
    Map<String, QueryOracle.Scored> byKey = byKey(expected);
    Set<Object> seen = new HashSet<>();
    for (int r = 0; r < hits.size(); r++) {
      SearchHit h = hits.get(r);
      QueryOracle.Scored truth = byKey.get((String) h.key());
      assertThat(truth).as("rank %d row %s must satisfy the filter and have a vector, %s", r, h.key(), what)
          .isNotNull();
      assertThat(seen.add(h.key())).as("row %s returned twice, %s", h.key(), what).isTrue();
      double want = expected.get(offset + r).distance();
      assertThat((double) h.distance()).as("rank %d distance, %s", r, what).isCloseTo(want,
          within(tolerance(want)));
      assertThat(truth.distance()).as("rank %d row %s is not the oracle's (ties only), %s", r, h.key(), what)
          .isCloseTo(want, within(tolerance(want)));
      double sim = QueryOracle.similarity(f.oracle.metric(column), truth.distance());
      assertThat((double) h.similarity()).as("rank %d similarity, %s", r, what)
          .isCloseTo(sim, within(tolerance(sim)));
    }
  }

  /**
   * Approximate top-k: exactly {@code min(k, matches)} rows, every one TRUE for the filter (the
   * oracle decides; a NOT similarity condition included), with its true distance, nearest first.
   */
  private static void assertApproximateRanking(Fixture f, String column, List<SearchHit> hits,
      List<QueryOracle.Scored> expected, int k, String what, Query query) {
    assertApproximateRanking(f, column, hits, expected, 0, k, what, query);
  }

  private static void assertApproximateRanking(Fixture f, String column, List<SearchHit> hits,
      List<QueryOracle.Scored> expected, int offset, int k, String what, Query query) {
    Map<String, QueryOracle.Scored> byKey = byKey(expected);
    Set<Object> seen = new HashSet<>();
    for (int r = 0; r < hits.size(); r++) {
      SearchHit h = hits.get(r);
      QueryOracle.Scored truth = byKey.get((String) h.key());
      String violation = "VIOLATION: rank " + r + " row " + h.key() + " does not satisfy the filter (or has no "
          + column + " vector), " + what;
      assertThat(truth).as(explained(f, query, violation)).isNotNull();
      assertThat(seen.add(h.key())).as("row %s returned twice, %s", h.key(), what).isTrue();
      assertThat((double) h.distance()).as("rank %d row %s distance, %s", r, h.key(), what)
          .isCloseTo(truth.distance(), within(tolerance(truth.distance())));
      if (r > 0) {
        assertThat(h.distance()).as("rank %d nearest first, %s", r, what)
            .isGreaterThanOrEqualTo(hits.get(r - 1).distance());
      }
    }
    int size = Math.max(0, Math.min(k, expected.size() - offset));
    assertThat(hits.size()).as(explained(f, query, "rows must be min(k, matches - offset) = " + size + ", " + what))
        .isEqualTo(size);
  }

  /** Share of the true top-k found; a row tying the k-th distance within rounding counts as found. */
  private static double recall(List<SearchHit> hits, List<QueryOracle.Scored> expected, int k) {
    int want = Math.min(k, expected.size());
    double kth = expected.get(want - 1).distance();
    Map<String, QueryOracle.Scored> byKey = byKey(expected);
    long good = hits.stream().map(h -> byKey.get((String) h.key()))
        .filter(s -> s != null && s.distance() <= kth + tolerance(kth)).count();
    return Math.min(1.0, (double) good / want);
  }

  private static void assertNoViolations(Fixture f, List<String> keys, Predicate p, String what, Query query) {
    List<String> bad = keys.stream().filter(k -> {
      int i = f.oracle.indexOf(k);
      return i < 0 || !f.oracle.isTrue(p, i);
    }).toList();
    assertThat(bad).as(explained(f, query, "VIOLATION: rows not satisfying the filter, " + what)).isEmpty();
    assertThat(new HashSet<>(keys)).as("duplicates, %s", what).hasSize(keys.size());
  }

  private static void assertInDocOrder(Fixture f, List<String> keys, String what) {
    for (int i = 1; i < keys.size(); i++) {
      assertThat(f.oracle.indexOf(keys.get(i))).as("insertion order at %d, %s", i, what)
          .isGreaterThan(f.oracle.indexOf(keys.get(i - 1)));
    }
  }

  private static Map<String, QueryOracle.Scored> byKey(List<QueryOracle.Scored> scored) {
    Map<String, QueryOracle.Scored> out = new HashMap<>();
    scored.forEach(s -> out.put(s.key(), s));
    return out;
  }

  private static List<String> keys(List<SearchHit> hits) {
    return hits.stream().map(h -> (String) h.key()).toList();
  }

  private static List<String> window(List<String> all, int offset, int limit) {
    int from = Math.min(offset, all.size());
    return all.subList(from, (int) Math.min(all.size(), (long) from + limit));
  }

  /** Counts the plan's strategy and its graph range scans, so the output shows which paths ran. */
  private static Strategy record(Map<String, Integer> coverage, QueryExplanation plan) {
    coverage.merge(plan.strategy().name(), 1, Integer::sum);
    String text = plan.text();
    if (text.contains("range scan of the complement")) {
      coverage.merge("range-complement", 1, Integer::sum);
    }
    if (text.contains("HNSW range scan, materialised")) {
      coverage.merge("range-scan", 1, Integer::sum);
    }
    return plan.strategy();
  }

  /** Mean recall per strategy, with the number of queries: " STREAM_CURSOR 0.998 (31)". */
  private static String perStrategy(Map<Strategy, double[]> byStrategy) {
    StringBuilder out = new StringBuilder();
    byStrategy.forEach((s, v) -> out.append(String.format(Locale.ROOT, " %s %.3f (%d)", s, v[0] / v[1], (int) v[1])));
    return out.toString();
  }

  /** A failure message that ends with the query's EXPLAIN ANALYZE, computed only on failure. */
  private static Supplier<String> explained(Fixture f, Query query, String message) {
    return () -> message + "\n" + f.c.explainAnalyze(query).text();
  }

  // ---------------------------------------------------------------------------------------------
  // Data
  // ---------------------------------------------------------------------------------------------

  /** One collection and its oracle, built once per data set and shared by the tests. */
  static final class Fixture {
    final Data data;
    final VennDB db;
    final Collection c;
    final QueryOracle oracle;
    final int hvDim;
    final int fvDim;
    final int rowsLoaded;
    /** Cluster centres of the random data, per column; null for Debian. */
    final float[][] hvCentres;
    final float[][] fvCentres;
    /** The 384-d Debian embeddings; null for random data. */
    final float[][] debian;
    private final SplittableRandom random;

    Fixture(Data data) {
      long start = System.nanoTime();
      this.data = data;
      this.random = TestSeed.random("QueryDifferentialTest.fixture." + data);
      boolean isDebian = data == Data.DEBIAN;
      this.debian = isDebian ? DebianVectors.get() : null;
      long embedded = System.nanoTime();
      this.hvDim = isDebian ? debian[0].length : 8 + random.nextInt(9);
      this.fvDim = isDebian ? debian[0].length : 8 + random.nextInt(9);
      this.hvCentres = isDebian ? null : centres(hvDim);
      this.fvCentres = isDebian ? null : centres(fvDim);
      this.rowsLoaded = isDebian ? DebianVectors.COUNT : RANDOM_ROWS;
      // m = 8 keeps graph strategies competitive at 12,000 rows under the nominal costs; inner
      // product (not a metric, lengths vary) needs a wider beam to reach the recall bar.
      VectorIndexSpec hnsw = isDebian ? VectorIndexSpec.hnsw(16, 100)
          : data.hv == Metric.INNER_PRODUCT ? new VectorIndexSpec(8, 128, 256) : new VectorIndexSpec(8, 64, 128);
      CollectionSchema schema = SchemaBuilder.collection("docs").stringKey("id")
          .keyword("kind").tags("labels").longColumn("size").doubleColumn("score").booleanColumn("flag")
          .text("body").longColumn("u")
          .vector("hv", hvDim, data.hv, hnsw).vector("fv", fvDim, data.fv).build();
      this.oracle = new QueryOracle(Map.of("hv", data.hv, "fv", data.fv));
      // Nominal unit costs: the same seed replays the same plans on any machine.
      this.db = VennDB.open(root.resolve(data.name()), new DatabaseOptions(false).withNominalCosts());
      this.c = db.createCollection(schema);
      load();
      System.out.printf(Locale.ROOT, "[%s] %,d rows (hv %d-d %s with HNSW, fv %d-d %s flat) loaded in %.1f s%s%n",
          data, oracle.size(), hvDim, data.hv, fvDim, data.fv, (System.nanoTime() - embedded) / 1e9,
          isDebian ? String.format(Locale.ROOT, " after embedding in %.1f s", (embedded - start) / 1e9) : "");
    }

    private void load() {
      int[] u = new int[rowsLoaded];
      Arrays.setAll(u, i -> i);
      for (int i = u.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = u[i];
        u[i] = u[j];
        u[j] = t;
      }
      List<Map<String, Object>> batch = new ArrayList<>();
      for (int i = 0; i < rowsLoaded; i++) {
        batch.add(row(String.format(Locale.ROOT, "r%05d", i), u[i], i));
        if (batch.size() == 2_000 || i == rowsLoaded - 1) {
          c.insertAll(batch);
          batch.forEach(oracle::put);
          batch.clear();
        }
      }
      // Churn: deletes and upserts (an upsert gets a new doc id, so goes last in insertion order).
      for (int i = 0; i < rowsLoaded / 50; i++) {
        int victim = random.nextInt(rowsLoaded);
        String key = String.format(Locale.ROOT, "r%05d", victim);
        if (random.nextInt(3) == 0) {
          c.delete(key);
          oracle.remove(key);
        } else {
          Map<String, Object> r = row(key, u[victim], random.nextInt(rowsLoaded));
          c.upsert(r);
          oracle.put(r);
        }
      }
      assertThat(c.size()).isEqualTo(oracle.size());
    }

    private Map<String, Object> row(String key, long u, int vectorSource) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", key);
      row.put("kind", maybe(() -> KINDS.get(Math.min(random.nextInt(8), KINDS.size() - 1))));
      row.put("labels", maybe(() -> LABELS.stream().filter(l -> random.nextInt(3) == 0).toList()));
      row.put("size", maybe(() -> (long) random.nextInt(50)));
      row.put("score", maybe(() -> random.nextInt(100) / 4.0));
      row.put("flag", maybe(random::nextBoolean));
      row.put("body", maybe(() -> "body" + random.nextInt(5)));
      row.put("u", u);
      row.put("hv", random.nextInt(data.hvNullOneIn) == 0 ? null : debian != null ? debian[vectorSource]
          : clustered(hvCentres, data.hv, random));
      row.put("fv", random.nextInt(8) == 0 ? null : debian != null ? debian[(vectorSource * 7 + 3) % debian.length]
          : clustered(fvCentres, data.fv, random));
      return row;
    }

    private <T> T maybe(Supplier<T> value) {
      return random.nextInt(10) == 0 ? null : value.get();
    }

    private float[][] centres(int dim) {
      float[][] out = new float[24][dim];
      for (float[] c : out) {
        for (int i = 0; i < dim; i++) {
          c[i] = (float) random.nextGaussian();
        }
      }
      return out;
    }

    /** A point of a cluster; under INNER_PRODUCT its length varies too, so the metric differs from cosine. */
    static float[] clustered(float[][] centres, Metric metric, SplittableRandom r) {
      float[] c = centres[r.nextInt(centres.length)];
      double scale = metric == Metric.INNER_PRODUCT ? 0.5 + r.nextDouble() : 1;
      float[] v = new float[c.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (scale * (c[i] + 0.5 * r.nextGaussian()));
      }
      return v;
    }

    Metric metric(String column) {
      return oracle.metric(column);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Random predicates and query vectors
  // ---------------------------------------------------------------------------------------------

  /** One test's generator: its random stream (from the run seed) and the provenance of its query vectors. */
  static final class Gen {
    final Fixture f;
    final SplittableRandom random;
    final String name;
    /** Where each vector condition's query vector came from, for messages. */
    final Map<Object, String> provenance = new IdentityHashMap<>();
    private int fresh;

    Gen(Fixture f, String name) {
      this.f = f;
      this.name = name;
      this.random = TestSeed.random("QueryDifferentialTest." + name);
    }

    String context(int trial, Predicate p, String query) {
      return "seed " + TestSeed.runSeed() + ", " + name + " trial " + trial + ": " + query + " WHERE "
          + (p == null ? "(none)" : describe(p));
    }

    Predicate predicate(int depth) {
      if (depth == 0 || random.nextInt(3) == 0) {
        return random.nextInt(5) < 2 ? vectorLeaf() : scalarLeaf();
      }
      return switch (random.nextInt(3)) {
        case 0 -> random.nextBoolean() ? Predicate.and(predicate(depth - 1), predicate(depth - 1))
            : Predicate.and(predicate(depth - 1), predicate(depth - 1), predicate(depth - 1));
        case 1 -> random.nextBoolean() ? Predicate.or(predicate(depth - 1), predicate(depth - 1))
            : Predicate.or(predicate(depth - 1), predicate(depth - 1), predicate(depth - 1));
        default -> Predicate.not(predicate(depth - 1));
      };
    }

    Predicate scalarLeaf() {
      Predicate.Op op = Predicate.Op.values()[random.nextInt(6)];
      int n = f.rowsLoaded;
      return switch (random.nextInt(16)) {
        case 0, 1 -> new Predicate.Compare("kind", op, KINDS.get(random.nextInt(KINDS.size())));
        case 2 -> Predicate.in("kind", List.of(KINDS.get(random.nextInt(6)), KINDS.get(random.nextInt(6))));
        case 3 -> random.nextBoolean()
            ? Predicate.containsAny("labels", List.of(LABELS.get(random.nextInt(6)), LABELS.get(random.nextInt(6))))
            : Predicate.containsAll("labels", List.of(LABELS.get(random.nextInt(6)), LABELS.get(random.nextInt(6))));
        case 4, 5 -> new Predicate.Compare("size", op, random.nextInt(50));
        case 6 -> new Predicate.Compare("score", op, random.nextInt(25) + 0.5);
        case 7 -> Predicate.eq("flag", random.nextBoolean());
        case 8 -> new Predicate.Compare("body", op, "body" + random.nextInt(5)); // unindexed: row scan
        case 9 -> {
          String key = String.format(Locale.ROOT, "r%05d", random.nextInt(n));
          yield switch (random.nextInt(3)) {
            case 0 -> Predicate.eq("id", key);
            case 1 -> Predicate.in("id", List.of(key, String.format(Locale.ROOT, "r%05d", random.nextInt(n))));
            default -> new Predicate.Compare("id", op, key); // key range: row scan
          };
        }
        case 10, 11 -> {
          boolean openLow = random.nextInt(4) == 0;
          yield new Predicate.Range("size", openLow ? null : random.nextInt(50), random.nextBoolean(),
              !openLow && random.nextInt(4) == 0 ? null : random.nextInt(50), random.nextBoolean());
        }
        case 12 -> new Predicate.Range("kind", KINDS.get(random.nextInt(6)), random.nextBoolean(),
            random.nextBoolean() ? null : KINDS.get(random.nextInt(6)), random.nextBoolean());
        case 13 -> {
          long low = random.nextInt(n);
          yield new Predicate.Range("u", low, random.nextBoolean(), low + random.nextInt(n / 4), random.nextBoolean());
        }
        case 14 -> Predicate.isNull(List.of("kind", "labels", "size", "score", "flag", "body", "hv", "fv")
            .get(random.nextInt(8)));
        default -> random.nextInt(4) == 0 ? new Predicate.Constant(random.nextBoolean())
            : new Predicate.Compare("u", op, random.nextInt(n));
      };
    }

    /** A vector condition on either column, any measure and operator, TRUE on a random share of the rows. */
    Predicate vectorLeaf() {
      String column = random.nextInt(3) == 0 ? "fv" : "hv";
      Predicate.Measure measure = random.nextBoolean() ? Predicate.Measure.SIMILARITY : Predicate.Measure.DISTANCE;
      Predicate.Op op = List.of(Predicate.Op.LT, Predicate.Op.LE, Predicate.Op.GT, Predicate.Op.GE)
          .get(random.nextInt(4));
      double[] shares = {0, 0.001, 0.003, 0.005, 0.02, 0.1, 0.3, 0.6, 0.9, 0.99, 0.995, 0.997, 0.999, 1};
      float[] q = queryVector(column);
      double share = shares[random.nextInt(shares.length)];
      Predicate leaf = new Predicate.VectorCompare(column, q, measure, op, threshold(column, measure, op, q, share));
      provenance.put(leaf, describe(q));
      return leaf;
    }

    /** A near-keeping ({@code keepsNear}) or far-keeping condition TRUE on about {@code share} of the rows. */
    Predicate vectorLeaf(String column, Predicate.Measure measure, boolean keepsNear, double share) {
      boolean strict = random.nextBoolean();
      boolean above = keepsNear == (measure == Predicate.Measure.SIMILARITY);
      Predicate.Op op = above ? (strict ? Predicate.Op.GT : Predicate.Op.GE)
          : (strict ? Predicate.Op.LT : Predicate.Op.LE);
      float[] q = queryVector(column);
      Predicate leaf = new Predicate.VectorCompare(column, q, measure, op, threshold(column, measure, op, q, share));
      provenance.put(leaf, describe(q));
      return leaf;
    }

    /** A condition no row satisfies: similarity above (or distance below) every stored row's. */
    Predicate impossibleVectorLeaf(String column) {
      for (int attempt = 0; attempt < 20; attempt++) {
        float[] q = freshVector(column);
        Predicate.Measure measure = random.nextBoolean() ? Predicate.Measure.SIMILARITY : Predicate.Measure.DISTANCE;
        Predicate.Op op = measure == Predicate.Measure.SIMILARITY ? Predicate.Op.GT : Predicate.Op.LT;
        float t = threshold(column, measure, op, q, 0);
        Predicate leaf = new Predicate.VectorCompare(column, q, measure, op, t);
        if (f.oracle.matching(leaf).isEmpty()) {
          provenance.put(leaf, describe(q));
          return leaf;
        }
      }
      throw new AssertionError("no impossible threshold found for " + column);
    }

    /**
     * A threshold for {@code measure(column, q) op t} that keeps about {@code share} of the rows
     * with a vector. It is never closer than ~1e-4 (relative for large values) to any stored row's
     * value: it is the midpoint of two consecutive distinct values (sorted, over every live row
     * with a vector) that lie at least 2e-4 apart, the pair nearest the wanted rank; or a point
     * 2e-4 beyond the smallest or largest value when that is in the metric's valid range. So float
     * rounding in the engine (float kernels, normalised stored vectors, similarity derived from
     * distance) cannot move a row across the threshold, and the oracle's double values decide
     * every row unambiguously.
     */
    float threshold(String column, Predicate.Measure measure, Predicate.Op op, float[] q, double share) {
      double[] values = Arrays.stream(f.oracle.values(column, measure, q)).filter(v -> !Double.isNaN(v)).sorted()
          .toArray();
      int m = values.length;
      boolean above = op == Predicate.Op.GT || op == Predicate.Op.GE;
      // Gap g lies between values[g] and values[g + 1]; g = -1 is below all, g = m - 1 above all.
      int kept = (int) Math.round(share * m);
      int target = above ? m - 1 - kept : kept - 1;
      for (int delta = 0; delta <= m + 1; delta++) {
        for (int g : new int[] {target - delta, target + delta}) {
          Float t = gapThreshold(column, measure, values, g);
          if (t != null) {
            return t;
          }
        }
      }
      throw new AssertionError("no threshold with a clear margin for " + column);
    }

    private Float gapThreshold(String column, Predicate.Measure measure, double[] values, int g) {
      int m = values.length;
      if (g < -1 || g > m - 1 || m == 0) {
        return null;
      }
      double t;
      if (g == -1) {
        t = values[0] - 2 * margin(values[0]);
      } else if (g == m - 1) {
        t = values[m - 1] + 2 * margin(values[m - 1]);
      } else {
        if (values[g + 1] - values[g] < 2 * margin(values[g + 1])) {
          return null;
        }
        t = (values[g] + values[g + 1]) / 2;
      }
      float ft = (float) t;
      if (!valid(f.metric(column), measure, ft)) {
        return null;
      }
      double gapBelow = g >= 0 ? ft - values[g] : Double.POSITIVE_INFINITY;
      double gapAbove = g < m - 1 ? values[g + 1] - ft : Double.POSITIVE_INFINITY;
      return Math.min(gapBelow, gapAbove) >= 0.9 * margin(ft) ? ft : null;
    }

    static double margin(double value) {
      return 1e-4 * Math.max(1, Math.abs(value));
    }

    /** The engine's accepted range for a threshold (PredicateBinder), with room for rounding. */
    static boolean valid(Metric metric, Predicate.Measure measure, float t) {
      if (measure == Predicate.Measure.DISTANCE) {
        return metric == Metric.INNER_PRODUCT || t >= 0;
      }
      return switch (metric) {
        case COSINE -> t >= -1 && t <= 1;
        case L2 -> t > 0 && t <= 1;
        case INNER_PRODUCT -> true;
      };
    }

    /** A query vector: a stored row's, a stored row's perturbed, or a fresh one from the data's distribution. */
    float[] queryVector(String column) {
      int pick = random.nextInt(10);
      if (pick < 4) {
        int row = rowWithVector(column);
        float[] v = (float[]) f.oracle.rows().get(row).get(column);
        provenance.put(v, "row " + f.oracle.key(row));
        return v;
      }
      if (pick < 6) {
        int row = rowWithVector(column);
        float[] v = ((float[]) f.oracle.rows().get(row).get(column)).clone();
        double scale = f.debian != null ? 0.02 : 0.1;
        for (int i = 0; i < v.length; i++) {
          v[i] += (float) (scale * random.nextGaussian());
        }
        provenance.put(v, "row " + f.oracle.key(row) + " perturbed");
        return v;
      }
      return freshVector(column);
    }

    float[] freshVector(String column) {
      float[] v;
      if (f.debian != null) { // the normalised sum of two descriptions' embeddings
        float[] a = f.debian[random.nextInt(f.debian.length)];
        float[] b = f.debian[random.nextInt(f.debian.length)];
        v = new float[a.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = a[i] + b[i];
        }
      } else {
        v = Fixture.clustered(column.equals("hv") ? f.hvCentres : f.fvCentres, f.metric(column), random);
      }
      provenance.put(v, "fresh #" + fresh++);
      return v;
    }

    int rowWithVector(String column) {
      while (true) {
        int row = random.nextInt(f.oracle.size());
        if (f.oracle.rows().get(row).get(column) != null) {
          return row;
        }
      }
    }

    String describe(float[] q) {
      return "[" + provenance.getOrDefault(q, q.length + "-d") + "]";
    }

    boolean hasVectorLeaf(Predicate p) {
      return hasVectorLeaf(p, null);
    }

    /** Whether the predicate has a vector condition (on {@code column}; on any vector column when null). */
    boolean hasVectorLeaf(Predicate p, String column) {
      return switch (p) {
        case null -> false;
        case Predicate.VectorCompare v -> column == null || v.column().equals(column);
        case Predicate.And a -> a.children().stream().anyMatch(c -> hasVectorLeaf(c, column));
        case Predicate.Or o -> o.children().stream().anyMatch(c -> hasVectorLeaf(c, column));
        case Predicate.Not n -> hasVectorLeaf(n.child(), column);
        default -> false;
      };
    }

    /** The predicate with each vector condition's query vector named by where it came from. */
    String describe(Predicate p) {
      return switch (p) {
        case Predicate.And a -> "(" + String.join(" AND ", a.children().stream().map(this::describe).toList()) + ")";
        case Predicate.Or o -> "(" + String.join(" OR ", o.children().stream().map(this::describe).toList()) + ")";
        case Predicate.Not n -> "NOT " + describe(n.child());
        case Predicate.VectorCompare v -> v.measure().name().toLowerCase(Locale.ROOT) + "(" + v.column() + ", ["
            + provenance.getOrDefault(v, "?") + "]) " + symbol(v.op()) + " " + v.value();
        case Predicate.In in -> in.column() + " IN " + in.values();
        case Predicate.Tags t -> t.column() + (t.all() ? " CONTAINS ALL " : " CONTAINS ANY ") + t.tags();
        case Predicate.IsNull n -> n.column() + " IS NULL";
        default -> p.toString();
      };
    }

    private static String symbol(Predicate.Op op) {
      return switch (op) {
        case EQ -> "=";
        case NE -> "!=";
        case LT -> "<";
        case LE -> "<=";
        case GT -> ">";
        case GE -> ">=";
      };
    }
  }
}
