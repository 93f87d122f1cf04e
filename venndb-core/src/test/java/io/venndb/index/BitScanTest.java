package io.venndb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.store.VectorArena;
import io.venndb.testing.DebianVectors;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roaringbitmap.RoaringBitmap;

/**
 * The bit scan against the exact scan: estimates against their definition computed in double,
 * returned distances against the stored-distance oracle bit for bit, recall on real embeddings
 * (the first Debian descriptions; the last 100 are the queries) with stated thresholds.
 */
@ExtendWith(TestSeed.class)
class BitScanTest {
  private static final int K = 10, QUERIES = 100;

  @ParameterizedTest
  @EnumSource(Metric.class)
  void estimatesFollowTheirDefinition(Metric metric) {
    SplittableRandom random = TestSeed.random("bits.estimate." + metric);
    int dimension = 67 + 64; // two words, the second partly padding
    try (VectorArena arena = new VectorArena(dimension)) {
      for (int doc = 0; doc < 200; doc++) {
        arena.set(doc, metric.prepare(vector(random, dimension)));
      }
      for (int round = 0; round < 10; round++) {
        float[] query = metric.prepare(vector(random, dimension));
        BitEstimator estimator = new BitEstimator(metric, query);
        float[] x = new float[dimension];
        long[] ones = new long[VectorArena.BATCH], weighted = new long[VectorArena.BATCH];
        int[] seen = {0};
        arena.forEachCode(all(200), (codes, docs, bases, count) -> {
          Kernels.get().codePopcounts(codes, bases, count, estimator.words(), estimator.planes(), ones, weighted);
          for (int i = 0; i < count; i++) {
            arena.get(docs[i], x);
            assertThat(estimator.distance(codes, bases[i], ones[i], weighted[i]))
                .isCloseTo((float) definition(metric, query, x), within(1e-4f));
          }
          seen[0] += count;
        });
        assertThat(seen[0]).isEqualTo(200);
      }
    }
  }

  /** The estimate computed from floats in double: 4-bit query levels, signs, f = ||x||² / Σ|x_i|. */
  private static double definition(Metric metric, float[] q, float[] x) {
    float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
    for (float v : q) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float step = (max - min) / 15f, perStep = 1 / step; // the levels are chosen in float, as the estimator does
    double signed = 0, squares = 0, absolutes = 0, querySquares = 0;
    for (int i = 0; i < q.length; i++) {
      double level = min + (double) step * Math.min(15, (int) ((q[i] - min) * perStep + 0.5f));
      signed += x[i] > 0 ? level : -level;
      squares += (double) x[i] * x[i];
      absolutes += Math.abs(x[i]);
      querySquares += (double) q[i] * q[i];
    }
    double dot = squares / absolutes * signed;
    return switch (metric) {
      case COSINE -> 1 - dot;
      case INNER_PRODUCT -> -dot;
      case L2 -> Math.sqrt(Math.max(0, querySquares + squares - 2 * dot));
    };
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void returnsExactDistancesInExactOrderFromTheCandidates(Metric metric) {
    SplittableRandom random = TestSeed.random("bits.exact." + metric);
    try (VectorArena arena = debianArena(metric)) {
      for (int q = 0; q < 20; q++) {
        float[] query = DebianVectors.get()[base() + q];
        RoaringBitmap candidates = sample(random, base(), 0.3);
        BitScan.Result r = BitScan.topK(arena, metric, query, K, 20, candidates);
        assertThat(r.hits().size()).isEqualTo(K);
        float[] prepared = metric.prepare(query);
        for (int i = 0; i < r.hits().size(); i++) {
          int doc = r.hits().docId(i);
          assertThat(candidates.contains(doc)).isTrue();
          assertThat(r.hits().distance(i)).isEqualTo(
              metric.storedDistance(Kernels.get(), arena.segmentOf(doc), arena.byteOffsetOf(doc), prepared));
          if (i > 0) {
            assertThat(r.hits().distance(i)).isGreaterThanOrEqualTo(r.hits().distance(i - 1));
          }
        }
      }
    }
  }

  /**
   * Recall@10 against the exact scan on real embeddings, over no filter, a 20% and a 2% random
   * filter: at least 0.95 when rescoring at least 20 rows (the planner's floor for k = 10), at
   * least 0.99 from 64; and the stop rule keeps the rescoring to a small share of the candidates.
   */
  @Test
  void recallAgainstTheExactScanOnRealEmbeddings() {
    SplittableRandom random = TestSeed.random("bits.recall");
    try (VectorArena arena = debianArena(Metric.COSINE)) {
      for (double share : new double[] {1, 0.2, 0.02}) {
        double recall20 = 0, recall64 = 0, rescored = 0, candidatesSeen = 0;
        for (int q = 0; q < QUERIES; q++) {
          float[] query = DebianVectors.get()[base() + q];
          RoaringBitmap candidates = sample(random, base(), share);
          ScoredDocs oracle = FlatVectorSearch.topK(arena, Metric.COSINE, query, K, candidates);
          BitScan.Result r20 = BitScan.topK(arena, Metric.COSINE, query, K, 20, candidates);
          recall20 += recall(r20.hits(), oracle);
          recall64 += recall(BitScan.topK(arena, Metric.COSINE, query, K, 64, candidates).hits(), oracle);
          rescored += r20.rescored();
          candidatesSeen += r20.ranked();
        }
        System.out.printf("[bits] share %.2f: recall@10 %.4f (min 20), %.4f (min 64); rescored %.1f of %.0f%n",
            share, recall20 / QUERIES, recall64 / QUERIES, rescored / QUERIES, candidatesSeen / QUERIES);
        assertThat(recall20 / QUERIES).as("recall, min 20, share " + share).isGreaterThanOrEqualTo(0.95);
        assertThat(recall64 / QUERIES).as("recall, min 64, share " + share).isGreaterThanOrEqualTo(0.99);
        if (share >= 0.2) {
          assertThat(rescored / candidatesSeen).as("share rescored").isLessThan(0.25);
        }
      }
    }
  }

  /** Rows far from the query (the tenth least like it): codes rank them poorly, and the scan rescores more to keep recall. */
  @Test
  void candidatesTheCodesCannotSeparateAreRescoredUntilRecallHolds() {
    try (VectorArena arena = debianArena(Metric.COSINE)) {
      double recall = 0, rescored = 0;
      for (int q = 0; q < QUERIES; q++) {
        float[] query = DebianVectors.get()[base() + q];
        ScoredDocs all = FlatVectorSearch.topK(arena, Metric.COSINE, query, base(), all(base()));
        RoaringBitmap far = new RoaringBitmap();
        for (int i = all.size() - base() / 10; i < all.size(); i++) {
          far.add(all.docId(i));
        }
        ScoredDocs oracle = FlatVectorSearch.topK(arena, Metric.COSINE, query, K, far);
        BitScan.Result r = BitScan.topK(arena, Metric.COSINE, query, K, 20, far);
        recall += recall(r.hits(), oracle);
        rescored += r.exactFallback() ? r.ranked() : r.rescored();
      }
      System.out.printf("[bits] far tenth: recall@10 %.4f, rescored %.1f of %d%n", recall / QUERIES,
          rescored / QUERIES, base() / 10);
      assertThat(recall / QUERIES).isGreaterThanOrEqualTo(0.95);
    }
  }

  /**
   * Vectors whose components are all positive share one code, so estimates differ only by f and
   * cannot rank them: the scan must rank again into a larger pool and then give the exact answer.
   * 6,000 rows: the second pool (2,048) is more than a quarter of them but at most half, so the
   * second pass happens under the rule (a further pass while its pool is at most half of the
   * candidates), where the earlier rule went straight to the exact scan.
   */
  @Test
  void codesThatCannotRankGiveTheExactAnswerAfterLargerPools() {
    SplittableRandom random = TestSeed.random("bits.same-code");
    int dimension = 64, count = 6_000;
    try (VectorArena arena = new VectorArena(dimension)) {
      for (int doc = 0; doc < count; doc++) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
          v[i] = 1 + (float) random.nextDouble();
        }
        arena.set(doc, Metric.COSINE.prepare(v));
      }
      for (int q = 0; q < 5; q++) {
        float[] query = new float[dimension];
        for (int i = 0; i < dimension; i++) {
          query[i] = 1 + (float) random.nextDouble();
        }
        BitScan.Result r = BitScan.topK(arena, Metric.COSINE, query, K, 20, all(count));
        assertThat(r.passes()).isEqualTo(2);
        assertThat(r.exactFallback()).isTrue();
        assertThat(r.hits()).isEqualTo(FlatVectorSearch.topK(arena, Metric.COSINE, query, K, all(count)));
      }
    }
  }

  @Test
  void returnsMinOfKAndTheCandidatesWithAVector() {
    try (VectorArena arena = debianArena(Metric.COSINE)) {
      float[] query = DebianVectors.get()[base()];
      assertThat(BitScan.topK(arena, Metric.COSINE, query, K, 20, RoaringBitmap.bitmapOf(5, 700, 1500)).hits().docIds())
          .containsExactlyInAnyOrder(5, 700, 1500);
      assertThat(BitScan.topK(arena, Metric.COSINE, query, K, 20, new RoaringBitmap()).hits().size()).isZero();
      assertThat(BitScan.topK(arena, Metric.COSINE, query, 0, 20, all(base())).hits().size()).isZero();
      RoaringBitmap withMissing = RoaringBitmap.bitmapOf(3, 4, 1_000_000, 2_000_000); // the last two have no vector
      assertThat(BitScan.topK(arena, Metric.COSINE, query, K, 20, withMissing).hits().docIds())
          .containsExactlyInAnyOrder(3, 4);
      int many = 5000;
      assertThat(BitScan.topK(arena, Metric.COSINE, query, many, 20, all(base())).hits().size()).isEqualTo(base());
    }
  }

  @Test
  void badArgumentsAreRejectedWithTheirValue() {
    try (VectorArena arena = new VectorArena(64)) {
      assertThatThrownBy(() -> BitScan.topK(arena, Metric.L2, new float[3], 1, 20, all(1)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("query has 3 dimensions; the vectors have 64")
          .extracting(e -> ((InvalidInputException) e).code())
          .isEqualTo(ErrorCode.DIMENSION_MISMATCH);
      assertThatThrownBy(() -> BitScan.topK(arena, Metric.L2, new float[64], -1, 20, all(1)))
          .hasMessageContaining("got -1");
    }
  }

  /** Rows of the Debian sample below the queries. */
  private static int base() {
    return DebianVectors.COUNT - QUERIES;
  }

  private static VectorArena debianArena(Metric metric) {
    VectorArena arena = new VectorArena(DebianVectors.get()[0].length);
    for (int doc = 0; doc < base(); doc++) {
      arena.set(doc, metric.prepare(DebianVectors.get()[doc]));
    }
    return arena;
  }

  private static double recall(ScoredDocs result, ScoredDocs oracle) {
    if (oracle.size() == 0) {
      return 1;
    }
    RoaringBitmap truth = RoaringBitmap.bitmapOf(oracle.docIds());
    int hits = 0;
    for (int doc : result.docIds()) {
      hits += truth.contains(doc) ? 1 : 0;
    }
    return (double) hits / oracle.size();
  }

  private static RoaringBitmap sample(SplittableRandom random, int count, double share) {
    RoaringBitmap out = new RoaringBitmap();
    for (int i = 0; i < count; i++) {
      if (random.nextDouble() < share) {
        out.add(i);
      }
    }
    return out;
  }

  private static RoaringBitmap all(int count) {
    RoaringBitmap out = new RoaringBitmap();
    out.add(0L, count);
    return out;
  }

  private static float[] vector(SplittableRandom random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian() + (i % 3 == 0 ? 0.3f : 0);
    }
    return v;
  }
}
