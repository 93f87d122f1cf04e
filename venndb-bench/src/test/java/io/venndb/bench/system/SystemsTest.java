package io.venndb.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.filter.Filter;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.testing.TestSeed;
import io.venndb.bench.testing.TinyData;
import io.venndb.bench.truth.BruteForce;
import io.venndb.bench.truth.GroundTruth;
import io.venndb.bench.truth.Scoring;
import io.venndb.bench.truth.TaskTruth;
import io.venndb.bench.workload.Family;
import io.venndb.bench.workload.QueryTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every system answers through the harness as it should on a small random dataset: the exact
 * systems (VennDB flat, brute force) are scored at recall 1 with no invalid rows, Lucene at high
 * effort is close to it, and the client-side NOT with K' = every row is exact; both VennDB systems
 * answer vector NOT (the flat one exactly) with no violations.
 */
@ExtendWith(TestSeed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemsTest {
  static final int ROWS = 1_500;

  @TempDir
  static Path dir;

  Dataset data;
  Scoring scoring;
  GroundTruth truth;
  BruteForce bruteForce;
  VennDbSystem venndb;
  VennDbSystem venndbHnsw;
  LuceneHnswSystem lucene;
  LuceneHnswSystem luceneInt8;
  ExactSystem exact;
  ClientSideNotSystem client;

  @BeforeAll
  void build() throws Exception {
    data = TinyData.random(TestSeed.random("systems-data"), ROWS, 16);
    FilterMatcher matcher = new FilterMatcher(data.table());
    scoring = new Scoring(data, matcher);
    bruteForce = new BruteForce(data);
    truth = new GroundTruth(bruteForce, matcher);
    venndb = VennDbSystem.flat();
    venndb.build(data, dir);
    venndbHnsw = VennDbSystem.hnsw(16, 100);
    venndbHnsw.build(data, dir);
    lucene = new LuceneHnswSystem(16, 100, 1, 0);
    lucene.build(data, dir);
    luceneInt8 = new LuceneHnswSystem(true, 16, 100, 1, 0);
    luceneInt8.build(data, dir);
    exact = new ExactSystem();
    exact.build(data, dir);
    client = new ClientSideNotSystem(LuceneHnswSystem.NAME, lucene);
  }

  @AfterAll
  void close() throws Exception {
    venndb.close();
    venndbHnsw.close();
    lucene.close();
    luceneInt8.close();
  }

  /** The int8 peer searches its own quantized index under its own name, close to the exact answer. */
  @Test
  void quantizedLuceneIsCloseAndNamesItsSeriesAfterItself() throws Exception {
    assertThat(luceneInt8.name()).isEqualTo(LuceneHnswSystem.INT8);
    SplittableRandom random = TestSeed.random("systems-int8");
    double recall = 0;
    for (int i = 0; i < 20; i++) {
      float[] q = data.vectors()[random.nextInt(ROWS)];
      Filter filter = new Filter.Keyword("section", TinyData.SECTIONS[random.nextInt(3)]);
      QueryTask t = QueryTask.topK(0, Family.FILTERED, 10, q, filter);
      Scoring.Verdict v = judge(luceneInt8, SearchParams.of(LuceneHnswSystem.INT8, LuceneHnswSystem.CANDIDATES, 100), t);
      assertThat(v.invalid()).isZero();
      recall += v.recall();
    }
    assertThat(recall / 20).isGreaterThanOrEqualTo(0.8);
  }

  @RepeatedTest(5)
  void exactSystemsAreExactAndLuceneIsClose() throws Exception {
    SplittableRandom random = TestSeed.random("systems-queries");
    float[] q = data.vectors()[random.nextInt(ROWS)].clone();
    q[0] += 0.1f;
    q = io.venndb.bench.data.Vectors.normalized(q);
    Filter filter = new Filter.Keyword("section", TinyData.SECTIONS[random.nextInt(3)]);
    // Halfway between the 50th and 51st similarity, as the workloads place it: a threshold exactly on
    // a row's similarity would make the answer depend on float rounding of each implementation.
    float[] top = BruteForce.topK(bruteForce.similarities(q), null, 51).similarities();
    float threshold = (top[49] + top[50]) / 2;
    List<QueryTask> tasks = List.of(QueryTask.topK(0, Family.TOPK, 10, q, null),
        QueryTask.topK(0, Family.FILTERED, 10, q, filter),
        QueryTask.topK(0, Family.FILTERED, 10, q, Filter.not(filter)),
        QueryTask.range(0, q, threshold));
    for (QueryTask t : tasks) {
      assertExact(venndb, SearchParams.of(VennDbSystem.FLAT), t);
      assertExact(exact, SearchParams.of(ExactSystem.NAME), t);
      SearchParams effort = t.isRange() ? SearchParams.of(LuceneHnswSystem.NAME, LuceneHnswSystem.TRAVERSAL_GAP, 0.5)
          : SearchParams.of(LuceneHnswSystem.NAME, LuceneHnswSystem.CANDIDATES, 200);
      Scoring.Verdict v = judge(lucene, effort, t);
      assertThat(v.recall()).as("lucene on %s", t.family()).isGreaterThanOrEqualTo(0.8);
      assertThat(v.invalid()).isZero();
      SearchParams ef = t.isRange() ? SearchParams.of(VennDbSystem.HNSW) : SearchParams.of(VennDbSystem.HNSW, VennDbSystem.EF, 200);
      Scoring.Verdict h = judge(venndbHnsw, ef, t);
      assertThat(h.recall()).as("venndb-hnsw on %s", t.family()).isGreaterThanOrEqualTo(0.8);
      assertThat(h.invalid()).isZero();
      assertThat(h.isShort()).isFalse();
    }
  }

  /**
   * VennDB counts its work only through EXPLAIN ANALYZE, outside the timed passes: the counted
   * answer is the plain one, with the distances scored and (for the graph) nodes expanded.
   */
  @Test
  void vennDbCountsItsWorkWithTheSameAnswer() throws Exception {
    float[] q = data.vectors()[7];
    QueryTask t = QueryTask.topK(0, Family.FILTERED, 10, q, new Filter.Keyword("section", TinyData.SECTIONS[0]));
    for (VennDbSystem s : List.of(venndb, venndbHnsw)) {
      SearchParams p = SearchParams.of(s.name());
      SearchResult counted = s.counted(t, p).orElseThrow();
      assertThat(counted.ids()).as(s.name()).containsExactly(s.search(t, p).ids());
      assertThat(counted.distanceComputations()).as(s.name()).isGreaterThanOrEqualTo(10);
      assertThat(counted.nodesVisited()).as(s.name()).isGreaterThanOrEqualTo(0);
    }
    assertThat(lucene.counted(t, SearchParams.of(LuceneHnswSystem.NAME, LuceneHnswSystem.CANDIDATES, 50))).isEmpty();
  }

  @RepeatedTest(5)
  void vectorNotIsExactForExactSystemsAndAnExhaustiveClientAndVennDbHasNoViolations() throws Exception {
    SplittableRandom random = TestSeed.random("systems-not");
    float[] q = data.vectors()[random.nextInt(ROWS)];
    float[] b = data.vectors()[random.nextInt(ROWS)];
    float[] nearB = BruteForce.topK(bruteForce.similarities(b), null, 101).similarities();
    float beta = (nearB[99] + nearB[100]) / 2;
    QueryTask t = QueryTask.vectorNot(0, 10, q, null, b, beta);
    assertThat(venndb.unsupported(workloadOf(t))).isEmpty();
    assertThat(venndbHnsw.unsupported(workloadOf(t))).isEmpty();
    assertExact(exact, SearchParams.of(ExactSystem.NAME), t);
    assertExact(venndb, SearchParams.of(VennDbSystem.FLAT), t);
    Filter filter = new Filter.Keyword("section", TinyData.SECTIONS[random.nextInt(3)]);
    assertExact(venndb, SearchParams.of(VennDbSystem.FLAT), QueryTask.vectorNot(0, 10, q, filter, b, beta));
    for (QueryTask task : List.of(t, QueryTask.vectorNot(0, 10, q, filter, b, beta))) {
      Scoring.Verdict h = judge(venndbHnsw, SearchParams.of(VennDbSystem.HNSW, VennDbSystem.EF, 200), task);
      assertThat(h.notViolations()).isZero();
      assertThat(h.invalid()).isZero();
      assertThat(h.isShort()).isFalse();
      assertThat(h.recall()).isGreaterThanOrEqualTo(0.8);
    }
    Scoring.Verdict all = judge(client, SearchParams.of("client", ClientSideNotSystem.K_PRIME, ROWS), t);
    assertThat(all.notViolations()).isZero();
    assertThat(all.recall()).isEqualTo(1.0);
    SearchParams wide = new SearchParams(LuceneHnswSystem.NOT_IN_FILTER,
        Map.of(LuceneHnswSystem.CANDIDATES, 100.0, LuceneHnswSystem.NOT_GAP, 2.0));
    Scoring.Verdict lucenes = judge(lucene, wide, t);
    assertThat(lucenes.notViolations()).isZero();
    assertThat(lucenes.recall()).isGreaterThanOrEqualTo(0.8);
  }

  private void assertExact(SearchSystem s, SearchParams p, QueryTask t) throws Exception {
    Scoring.Verdict v = judge(s, p, t);
    assertThat(v.recall()).as("%s on %s", s.name(), t.family()).isEqualTo(1.0);
    assertThat(v.invalid()).isZero();
    assertThat(v.isShort()).isFalse();
  }

  private Scoring.Verdict judge(SearchSystem s, SearchParams p, QueryTask t) throws Exception {
    TaskTruth expected = truth.solve(t, bruteForce.similarities(t.vector()),
        t.negative() == null ? null : bruteForce.similarities(t.negative()));
    return scoring.judge(t, expected, s.search(t, p).ids());
  }

  private static io.venndb.bench.workload.Workload workloadOf(QueryTask t) {
    return new io.venndb.bench.workload.Workload("w", t.family(), "", t.k(), "none", Double.NaN, "none", 0.3, 0,
        List.of(), List.of(t));
  }
}
