package io.venndb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.venndb.plan.QueryExplanation;
import io.venndb.plan.Strategy;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
  private static final Map<Data, DifferentialFixture> FIXTURES = new EnumMap<>(Data.class);

  @AfterAll
  static void closeAll() {
    FIXTURES.values().forEach(f -> f.db.close());
    FIXTURES.clear();
  }

  static synchronized DifferentialFixture fixture(Data data) {
    return FIXTURES.computeIfAbsent(data, DifferentialFixture::new);
  }

  // ---------------------------------------------------------------------------------------------
  // 1 + 2: filter-only queries and counts, exact and approximate
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Data.class)
  void filterOnlyQueriesAndCountsMatchOracle(Data data) {
    DifferentialFixture f = fixture(data);
    DifferentialGen gen = new DifferentialGen(f, "filter-only." + data);
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
    DifferentialFixture f = fixture(data);
    DifferentialGen gen = new DifferentialGen(f, "exact-topk." + data);
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
    DifferentialFixture f = fixture(data);
    DifferentialGen gen = new DifferentialGen(f, "approx-topk." + data);
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
    DifferentialFixture f = fixture(data);
    DifferentialGen gen = new DifferentialGen(f, "limit." + data);
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
    DifferentialFixture f = fixture(data);
    DifferentialGen gen = new DifferentialGen(f, "order-by." + data);
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
    DifferentialFixture f = fixture(data);
    DifferentialGen gen = new DifferentialGen(f, "not-similar." + data);
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
    DifferentialFixture f = fixture(data);
    DifferentialGen gen = new DifferentialGen(f, "small-near." + data);
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
  private static void assertExactRanking(DifferentialFixture f, String column, List<SearchHit> hits,
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
  private static void assertApproximateRanking(DifferentialFixture f, String column, List<SearchHit> hits,
      List<QueryOracle.Scored> expected, int k, String what, Query query) {
    assertApproximateRanking(f, column, hits, expected, 0, k, what, query);
  }

  private static void assertApproximateRanking(DifferentialFixture f, String column, List<SearchHit> hits,
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

  private static void assertNoViolations(DifferentialFixture f, List<String> keys, Predicate p, String what, Query query) {
    List<String> bad = keys.stream().filter(k -> {
      int i = f.oracle.indexOf(k);
      return i < 0 || !f.oracle.isTrue(p, i);
    }).toList();
    assertThat(bad).as(explained(f, query, "VIOLATION: rows not satisfying the filter, " + what)).isEmpty();
    assertThat(new HashSet<>(keys)).as("duplicates, %s", what).hasSize(keys.size());
  }

  private static void assertInDocOrder(DifferentialFixture f, List<String> keys, String what) {
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
  private static Supplier<String> explained(DifferentialFixture f, Query query, String message) {
    return () -> message + "\n" + f.c.explainAnalyze(query).text();
  }
}
