package io.venndb.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Vectors;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.bench.filter.RangeRecipe;
import io.venndb.bench.query.BenchData;
import io.venndb.bench.query.QueryBuilder;
import io.venndb.bench.query.QuerySet;
import io.venndb.testing.TestSeed;
import io.venndb.bench.testing.TinyData;
import io.venndb.bench.truth.BruteForce;
import io.venndb.bench.truth.CacheFiles;
import io.venndb.bench.truth.GroundTruth;
import io.venndb.bench.truth.QueryProfiles;
import io.venndb.bench.truth.WorkloadTruth;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Per-query parameters land where the workload says, measured by the ground truth. */
@ExtendWith(TestSeed.class)
class WorkloadFactoryTest {
  @TempDir
  Path dir;

  @Test
  void cutsNeverSplitTies() {
    float[] desc = {1f, 1f, 1f, 1f, 0.9f, 0.8f};
    assertThat(WorkloadFactory.cut(desc, 2)).isEqualTo(0.95f);   // moves past the run of 1s
    assertThat(WorkloadFactory.cut(desc, 5)).isEqualTo(0.85f);
    float[] allEqual = {0.5f, 0.5f, 0.5f};
    // no gap anywhere: below the whole run, never on a tie
    assertThat(WorkloadFactory.cut(allEqual, 1)).isEqualTo(0.5f - WorkloadFactory.MIN_GAP);
  }

  @Test
  void betaClearsARunOfCopiesOfBAndStaysInsideTheSimilarityRange() {
    java.util.SplittableRandom random = TestSeed.random("factory-duplicates");
    Dataset full = TinyData.random(random, 2_000, 12);
    float[] v;
    do { // a unit vector whose float self-similarity rounds above 1, as duplicated catalog rows do
      v = new float[12];
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) random.nextGaussian();
      }
      v = Vectors.normalized(v);
    } while (Vectors.similarity(full.metric(), v, v) <= 1f);
    for (int i = 0; i < 300; i++) {
      full.vectors()[i] = v.clone();
    }
    BenchData data = QueryBuilder.fromFile(full, new float[][] {v, v, v}, 0.0, 7);
    BruteForce bf = new BruteForce(data.base());
    CacheFiles cache = new CacheFiles(dir);
    QueryProfiles profiles = QueryProfiles.load(bf, data.queries(), 1_001, cache, 1);
    QuerySet queries = Negatives.resolve(data.queries(), profiles, data.base());
    WorkloadFactory factory = new WorkloadFactory(data.base(), queries, profiles);
    // All of Q's top-100 are copies of B and score the same (above-1) similarity against it: no
    // gap to cut in. A beta on that value would leave each system's rounding (0.99999988, 1.0,
    // 1.0000001 for the same pair) to decide whether copies of B are excluded; below the run
    // they are excluded by everyone.
    for (double exclude : new double[] {0.1, 0.3, 0.6}) {
      float beta = factory.beta(0, queries.get(0).negative(), exclude);
      assertThat(beta).isLessThanOrEqualTo(Vectors.similarity(full.metric(), v, v) - WorkloadFactory.MIN_GAP / 2);
      assertThat(full.metric().isValidSimilarity(beta)).isTrue();
    }
  }

  @Test
  void betaAndThresholdsHitTheirTargetsAndTruthIsCached() {
    Dataset full = TinyData.random(TestSeed.random("factory"), 3_000, 12);
    BenchData data = QueryBuilder.fromFile(full, java.util.Arrays.copyOf(full.vectors(), 20), 0.25, 7);
    BruteForce bf = new BruteForce(data.base());
    CacheFiles cache = new CacheFiles(dir);
    QueryProfiles profiles = QueryProfiles.load(bf, data.queries(), 1_001, cache, 1);
    QuerySet queries = Negatives.resolve(data.queries(), profiles, data.base());
    WorkloadFactory factory = new WorkloadFactory(data.base(), queries, profiles);
    List<Workload> workloads = factory.build(List.of(new WorkloadSpec.VectorNot(0.3, null, Double.NaN, 10),
        new WorkloadSpec.Range(100), new WorkloadSpec.Scalar(RangeRecipe.of("size-le", "size", RangeRecipe.Mode.LOW),
            0.1, 10)));
    FilterMatcher matcher = new FilterMatcher(data.base().table());
    Map<String, WorkloadTruth> truth = new GroundTruth(bf, matcher).load(workloads, cache, 1);

    Workload not = workloads.get(0);
    for (QueryTask t : not.reported()) {
      int[] top = java.util.Arrays.copyOf(profiles.of(t.query()).rows(), 100);
      long excluded = java.util.Arrays.stream(top)
          .filter(r -> Vectors.similarity(data.base().metric(), data.base().vectors()[r], t.negative()) > t.beta())
          .count();
      assertThat(excluded).isBetween(28L, 32L); // exactly 30 unless a near-tie moves the cut to a real gap
    }
    for (var t : truth.get("d.range.n100").reported()) {
      assertThat(t.matching()).isBetween(98, 102);
    }
    assertThat(matcher.selectivity(workloads.get(2).reported().getFirst().filter())).isCloseTo(0.1,
        org.assertj.core.data.Offset.offset(1.0 / 3_000));
    // A second load reads the cache and agrees.
    Map<String, WorkloadTruth> again = new GroundTruth(bf, matcher).load(workloads, cache, 1);
    assertThat(again.get("c.not.x30").reported().getFirst().rows())
        .containsExactly(truth.get("c.not.x30").reported().getFirst().rows());
  }
}
