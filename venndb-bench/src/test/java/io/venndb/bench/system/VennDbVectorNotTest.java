package io.venndb.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.bench.filter.RangeRecipe;
import io.venndb.bench.measure.Diagnosis;
import io.venndb.bench.measure.Measurer;
import io.venndb.bench.measure.PlanRecorder;
import io.venndb.bench.measure.QueryTimings;
import io.venndb.bench.measure.TaskRunner;
import io.venndb.bench.query.BenchData;
import io.venndb.bench.query.QueryBuilder;
import io.venndb.bench.query.QuerySet;
import io.venndb.bench.report.BenchResults.PlanInfo;
import io.venndb.bench.report.BenchResults.ResultRow;
import io.venndb.bench.testing.TinyData;
import io.venndb.bench.truth.BruteForce;
import io.venndb.bench.truth.CacheFiles;
import io.venndb.bench.truth.GroundTruth;
import io.venndb.bench.truth.QueryProfiles;
import io.venndb.bench.truth.Scoring;
import io.venndb.bench.truth.WorkloadTruth;
import io.venndb.bench.workload.Family;
import io.venndb.bench.workload.Negatives;
import io.venndb.bench.workload.Workload;
import io.venndb.bench.workload.WorkloadFactory;
import io.venndb.bench.workload.WorkloadSpec;
import io.venndb.testing.TestSeed;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
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
 * Vector-NOT workloads, made by the same factory as a real run (β per query so that 10%, 30% or 60%
 * of Q's top-100 is excluded; with and without a scalar filter), measured through the harness on
 * both VennDB systems: no returned row violates the NOT, the flat system agrees exactly with the
 * ground truth, the plan recorder explains every reported query, and the per-query diagnosis judges
 * them all (flagging nothing on the exact system).
 */
@ExtendWith(TestSeed.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VennDbVectorNotTest {
  static final int ROWS = 2_000;
  static final int QUERIES = 24;

  @TempDir
  static Path dir;

  Dataset base;
  QuerySet queries;
  List<Workload> workloads;
  Map<String, WorkloadTruth> truth;
  Scoring scoring;
  VennDbSystem flat;
  VennDbSystem hnsw;

  @BeforeAll
  void build() {
    SplittableRandom random = TestSeed.random("venndb-not");
    Dataset full = TinyData.random(random, ROWS, 16);
    float[][] near = new float[QUERIES][];
    for (int i = 0; i < QUERIES; i++) { // queries near (not on) real rows, so Q's neighbourhood has structure
      near[i] = full.vectors()[random.nextInt(ROWS)].clone();
      for (int d = 0; d < near[i].length; d++) {
        near[i][d] += (float) (0.3 * random.nextGaussian() / Math.sqrt(near[i].length));
      }
    }
    BenchData data = QueryBuilder.fromFile(full, near, 1.0 / 3, 11);
    base = data.base();
    BruteForce bf = new BruteForce(base);
    CacheFiles cache = new CacheFiles(dir.resolve("cache"));
    QueryProfiles profiles = QueryProfiles.load(bf, data.queries(), 1_001, cache, 1);
    queries = Negatives.resolve(data.queries(), profiles, base);
    RangeRecipe size = RangeRecipe.of("size-le", "size", RangeRecipe.Mode.LOW);
    workloads = new WorkloadFactory(base, queries, profiles).build(List.of(
        new WorkloadSpec.VectorNot(0.1, null, Double.NaN, 10),
        new WorkloadSpec.VectorNot(0.3, null, Double.NaN, 10),
        new WorkloadSpec.VectorNot(0.6, null, Double.NaN, 10),
        new WorkloadSpec.VectorNot(0.3, size, 0.5, 10),
        new WorkloadSpec.VectorNot(0.6, size, 0.05, 10)));
    FilterMatcher matcher = new FilterMatcher(base.table());
    truth = new GroundTruth(bf, matcher).load(workloads, cache, 1);
    scoring = new Scoring(base, matcher);
    flat = VennDbSystem.flat();
    flat.build(base, dir);
    hnsw = VennDbSystem.hnsw(16, 100);
    hnsw.build(base, dir);
  }

  @AfterAll
  void close() {
    flat.close();
    hnsw.close();
  }

  @Test
  void vectorNotRunsOnBothSystemsWithoutViolationsAndFlatIsExact() {
    List<SearchSystem> systems = List.of(flat, hnsw);
    try (TaskRunner runner = new TaskRunner(2)) {
      Measurer measurer = new Measurer(runner, scoring, 1, true, new PrintStream(OutputStream.nullOutputStream()));
      for (Workload w : workloads) {
        assertThat(w.family()).isEqualTo(Family.VECTOR_NOT);
        assertThat(flat.unsupported(w)).isEmpty();
        assertThat(hnsw.unsupported(w)).isEmpty();
        List<ResultRow> rows = measurer.measure(w, truth.get(w.id()), systems);
        assertThat(rows).extracting(ResultRow::system).containsOnly(VennDbSystem.FLAT, VennDbSystem.HNSW);
        for (ResultRow r : rows) {
          assertThat(r.supported()).isTrue();
          assertThat(r.notViolations()).as("NOT violations of %s on %s", r.series(), w.id()).isZero();
          assertThat(r.invalidRows()).as("invalid rows of %s on %s", r.series(), w.id()).isZero();
          assertThat(r.duplicateRows()).isZero();
        }
        ResultRow exact = rows.stream().filter(r -> r.system().equals(VennDbSystem.FLAT)).findFirst().orElseThrow();
        assertThat(exact.recall()).as("flat recall on %s", w.id()).isEqualTo(1.0);
        assertThat(exact.recallMin()).isEqualTo(1.0);
        assertThat(exact.shortQueries()).isZero();
        ResultRow widest = rows.stream().filter(r -> r.system().equals(VennDbSystem.HNSW)).reduce((a, b) -> b)
            .orElseThrow();
        assertThat(widest.recall()).as("hnsw recall at %s on %s", widest.paramsLabel(), w.id())
            .isGreaterThanOrEqualTo(0.9);
        assertThat(widest.shortQueries()).isZero();
      }
    }
  }

  @Test
  void flatAnswersEqualTheTruthRowForRow() {
    for (Workload w : workloads) {
      for (int i = 0; i < w.reported().size(); i++) {
        var task = w.reported().get(i);
        var expected = truth.get(w.id()).reported().get(i);
        int[] got = flat.search(task, SearchParams.of(VennDbSystem.FLAT)).ids();
        // Random 16-d vectors: ties within float rounding among the top 10 are (practically) absent.
        assertThat(got).as("%s query %d", w.id(), task.query()).containsExactly(expected.rows());
      }
    }
  }

  @Test
  void diagnosisFlagsNothingOnTheExactSystemAndJudgesEveryQuery() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Diagnosis diagnosis = new Diagnosis(base, scoring,
        q -> new PlanRecorder.QueryLabel(queries.get(q).id(), false, queries.get(q).negativeText()),
        new PrintStream(text, true, StandardCharsets.UTF_8), 2);
    for (Workload w : workloads) {
      var flatVerdicts = diagnosis.run(w, truth.get(w.id()), flat);
      assertThat(flatVerdicts).hasSize(w.reported().size()).noneMatch(Diagnosis.Verdict::flagged);
      var hnswVerdicts = diagnosis.run(w, truth.get(w.id()), hnsw);
      assertThat(hnswVerdicts).hasSize(w.reported().size()).allMatch(v -> v.violations() == 0);
    }
    assertThat(text.toString(StandardCharsets.UTF_8))
        .contains("venndb-flat on c.not.x30: 0 of " + workloads.get(1).reported().size() + " reported queries");
  }

  @Test
  void timingsListEveryQuerySlowestFirstWithItsRecall() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    QueryTimings timings = new QueryTimings(scoring, new PrintStream(text, true, StandardCharsets.UTF_8));
    Workload w = workloads.getFirst();
    timings.run(w, truth.get(w.id()), flat, flat.defaultSetting());
    List<String> lines = text.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines.getFirst()).startsWith("venndb-flat on " + w.id() + " at ").contains("recall 1.000");
    List<String> rows = lines.subList(1, lines.size());
    assertThat(rows).hasSize(w.reported().size()).allMatch(r -> r.contains("recall 1.00"));
    List<Double> millis = rows.stream().map(r -> Double.parseDouble(r.trim().split("\\s+")[1])).toList();
    assertThat(millis).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void plansAreRecordedForHnswOnly() {
    PlanRecorder recorder = new PlanRecorder(q -> new PlanRecorder.QueryLabel(queries.get(q).id(), false,
        queries.get(q).negativeText()));
    for (Workload w : workloads) {
      List<PlanInfo> plans = recorder.record(w, List.of(flat, hnsw));
      assertThat(plans).hasSize(1);
      PlanInfo p = plans.getFirst();
      assertThat(p.system()).isEqualTo(VennDbSystem.HNSW);
      assertThat(p.params()).isEqualTo("default");
      assertThat(p.queries()).isEqualTo(w.reported().size());
      assertThat(p.strategies().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(p.queries());
      assertThat(p.strategies().keySet().iterator().next()).isEqualTo(p.strategy());
      assertThat(p.text()).startsWith("Strategy: " + p.strategy());
      assertThat(p.negative()).isNotNull();
      // The NOT condition appears in every plan, materialised or tested per candidate.
      assertThat(p.vectorAccess().values().stream().mapToInt(Integer::intValue).sum())
          .isGreaterThanOrEqualTo(p.queries());
    }
  }
}
