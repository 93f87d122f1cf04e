package io.venndb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roaringbitmap.RoaringBitmap;

/** Exact search against a brute-force oracle: every candidate scored, sorted, cut. */
@ExtendWith(TestSeed.class)
class FlatVectorSearchTest {
  /** Wide enough for the two-pass sketched scans ({@link FlatVectorSearch#MIN_SKETCH_DIMENSION}), and odd-sized. */
  private static final int DIMENSION = 67, DOCS = 3000;

  @ParameterizedTest
  @EnumSource(Metric.class)
  void topKMatchesBruteForce(Metric metric) {
    SplittableRandom random = TestSeed.random("flat.topk." + metric);
    try (VectorArena arena = randomArena(metric, random)) {
      for (int round = 0; round < 20; round++) {
        float[] query = vector(random);
        RoaringBitmap candidates = randomCandidates(random);
        int k = new int[] {1, 10, 100, 5000}[round % 4];
        List<Scored> oracle = bruteForce(arena, metric, query, candidates);
        ScoredDocs result = FlatVectorSearch.topK(arena, metric, query, k, candidates);
        assertMatches(result, oracle.subList(0, Math.min(k, oracle.size())));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void withinDistanceMatchesBruteForceIncludingTheBoundary(Metric metric) {
    SplittableRandom random = TestSeed.random("flat.range." + metric);
    try (VectorArena arena = randomArena(metric, random)) {
      for (int round = 0; round < 10; round++) {
        float[] query = vector(random);
        RoaringBitmap candidates = randomCandidates(random);
        List<Scored> oracle = bruteForce(arena, metric, query, candidates);
        float maxDistance = oracle.get(random.nextInt(oracle.size())).distance;
        List<Scored> expected = oracle.stream().filter(s -> s.distance <= maxDistance).toList();
        assertMatches(
            FlatVectorSearch.withinDistance(arena, metric, query, maxDistance, candidates), expected);
      }
    }
  }

  /** Every threshold shape a vector condition uses, at a boundary taken from the data. */
  @ParameterizedTest
  @EnumSource(Metric.class)
  void selectMatchesBruteForceForEveryThresholdShape(Metric metric) {
    SplittableRandom random = TestSeed.random("flat.select." + metric);
    try (VectorArena arena = randomArena(metric, random)) {
      for (int round = 0; round < 12; round++) {
        float[] query = vector(random);
        RoaringBitmap candidates = randomCandidates(random);
        List<Scored> oracle = bruteForce(arena, metric, query, candidates);
        float t = oracle.get(random.nextInt(oracle.size())).distance;
        FlatVectorSearch.MonotoneTest test = switch (round % 4) {
          case 0 -> d -> d < t;
          case 1 -> d -> d <= t;
          case 2 -> d -> d > t;
          default -> d -> d >= t;
        };
        RoaringBitmap expected = new RoaringBitmap();
        oracle.stream().filter(s -> test.holds(s.distance)).forEach(s -> expected.add(s.doc));
        assertThat(FlatVectorSearch.select(arena, metric, metric.prepare(query), candidates, test))
            .as("round %d", round).isEqualTo(expected);
      }
    }
  }

  /**
   * Data built to defeat the sketch bounds: clusters of vectors a few ulps apart (many candidates
   * inside any interval), one dominant component (every other code rounds to 0), magnitudes from
   * 1e-20 to 1e18, and zero vectors. The two-pass scans must still equal the oracle exactly.
   */
  @ParameterizedTest
  @EnumSource(Metric.class)
  void hardDataStillMatchesBruteForce(Metric metric) {
    SplittableRandom random = TestSeed.random("flat.hard." + metric);
    int dimension = 96;
    try (VectorArena arena = new VectorArena(dimension)) {
      float[] centre = randomVector(random, dimension, 1);
      for (int doc = 0; doc < 2000; doc++) {
        float[] v = switch (doc % 5) {
          case 0 -> nudged(random, centre);
          case 1 -> dominant(random, dimension);
          case 2 -> randomVector(random, dimension, (float) Math.pow(10, random.nextInt(-20, 19)));
          case 3 -> metric == Metric.COSINE ? nudged(random, centre) : new float[dimension];
          default -> randomVector(random, dimension, 1);
        };
        arena.set(doc, metric.prepare(v));
      }
      for (int round = 0; round < 12; round++) {
        float[] query = round % 3 == 0 ? nudged(random, centre) : randomVector(random, dimension, 1);
        RoaringBitmap candidates = randomCandidates(random);
        List<Scored> oracle = bruteForce(arena, metric, query, candidates);
        int k = new int[] {1, 10, 30}[round % 3];
        assertMatches(FlatVectorSearch.topK(arena, metric, query, k, candidates),
            oracle.subList(0, Math.min(k, oracle.size())));
        float t = oracle.get(random.nextInt(oracle.size())).distance;
        assertMatches(FlatVectorSearch.withinDistance(arena, metric, query, t, candidates),
            oracle.stream().filter(s -> s.distance <= t).toList());
        RoaringBitmap expected = new RoaringBitmap();
        oracle.stream().filter(s -> s.distance > t).forEach(s -> expected.add(s.doc));
        assertThat(FlatVectorSearch.select(arena, metric, metric.prepare(query), candidates, d -> d > t))
            .isEqualTo(expected);
      }
    }
  }

  private static float[] randomVector(SplittableRandom random, int dimension, float magnitude) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextDouble(-1, 1) * magnitude;
    }
    return v;
  }

  /** The vector with a few components moved by an ulp or two. */
  private static float[] nudged(SplittableRandom random, float[] centre) {
    float[] v = centre.clone();
    for (int i = 0; i < 3; i++) {
      int at = random.nextInt(v.length);
      v[at] = random.nextBoolean() ? Math.nextUp(v[at]) : Math.nextDown(Math.nextDown(v[at]));
    }
    return v;
  }

  private static float[] dominant(SplittableRandom random, int dimension) {
    float[] v = randomVector(random, dimension, 1e-4f);
    v[random.nextInt(dimension)] = random.nextBoolean() ? 50 : -50;
    return v;
  }

  @Test
  void distancesAgreeWithDoublePrecision() {
    SplittableRandom random = TestSeed.random("flat.precision");
    try (VectorArena arena = randomArena(Metric.L2, random)) {
      float[] query = vector(random);
      ScoredDocs result = FlatVectorSearch.topK(arena, Metric.L2, query, 50, all());
      float[] v = new float[DIMENSION];
      for (int i = 0; i < result.size(); i++) {
        arena.get(result.docId(i), v);
        double sum = 0;
        for (int j = 0; j < DIMENSION; j++) {
          sum += ((double) v[j] - query[j]) * ((double) v[j] - query[j]);
        }
        assertThat(result.distance(i)).isCloseTo((float) Math.sqrt(sum), within(1e-4f));
      }
    }
  }

  @Test
  void tiesAreBrokenByDocIdAndMissingVectorsAreSkipped() {
    try (VectorArena arena = new VectorArena(2)) {
      for (int doc : new int[] {9, 3, 5}) {
        arena.set(doc, new float[] {1, 1});
      }
      arena.set(7, new float[] {0, 0});
      arena.set(2, new float[] {5, 5});
      RoaringBitmap candidates = RoaringBitmap.bitmapOf(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 400);
      ScoredDocs top = FlatVectorSearch.topK(arena, Metric.L2, new float[] {1, 1}, 3, candidates);
      assertThat(top.docIds()).containsExactly(3, 5, 9);
      assertThat(top.distances()).containsExactly(0, 0, 0);
      ScoredDocs all = FlatVectorSearch.topK(arena, Metric.L2, new float[] {1, 1}, 100, candidates);
      assertThat(all.docIds()).containsExactly(3, 5, 9, 7, 2);
    }
  }

  @Test
  void kLargerThanCandidatesAndEmptyInputsAreFine() {
    try (VectorArena arena = new VectorArena(2)) {
      arena.set(0, new float[] {1, 0});
      arena.set(1, new float[] {0, 1});
      float[] q = {1, 0};
      assertThat(FlatVectorSearch.topK(arena, Metric.INNER_PRODUCT, q, Integer.MAX_VALUE, all()).docIds())
          .containsExactly(0, 1);
      assertThat(FlatVectorSearch.topK(arena, Metric.L2, q, 10, new RoaringBitmap()).size()).isZero();
      assertThat(FlatVectorSearch.topK(arena, Metric.L2, q, 0, all())).isEqualTo(ScoredDocs.empty());
      assertThat(FlatVectorSearch.withinDistance(arena, Metric.L2, q, -1f, all()).size()).isZero();
    }
    try (VectorArena empty = new VectorArena(2)) {
      assertThat(FlatVectorSearch.topK(empty, Metric.L2, new float[2], 5, all()).size()).isZero();
    }
  }

  @Test
  void cosineNormalizesTheQuery() {
    try (VectorArena arena = new VectorArena(2)) {
      arena.set(0, Metric.COSINE.prepare(new float[] {1, 0}));
      arena.set(1, Metric.COSINE.prepare(new float[] {1, 1}));
      ScoredDocs result = FlatVectorSearch.topK(arena, Metric.COSINE, new float[] {10, 0}, 2, all());
      assertThat(result.docIds()).containsExactly(0, 1);
      assertThat(result.distance(0)).isZero();
      assertThat(result.distance(1)).isCloseTo(1 - (float) Math.sqrt(0.5), within(1e-6f));
    }
  }

  @Test
  void badArgumentsAreRejectedWithTheirValue() {
    try (VectorArena arena = new VectorArena(3)) {
      assertThatThrownBy(() -> FlatVectorSearch.topK(arena, Metric.L2, new float[2], 1, all()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("query has 2 dimensions; the vectors have 3")
          .extracting(e -> ((InvalidInputException) e).code())
          .isEqualTo(ErrorCode.DIMENSION_MISMATCH);
      assertThatThrownBy(() -> FlatVectorSearch.topK(arena, Metric.L2, new float[3], -2, all()))
          .hasMessageContaining("got -2");
      assertThatThrownBy(() ->
              FlatVectorSearch.withinDistance(arena, Metric.L2, new float[3], Float.NaN, all()))
          .hasMessageContaining("NaN");
      assertThatThrownBy(() -> FlatVectorSearch.topK(arena, Metric.COSINE, new float[3], 1, all()))
          .extracting(e -> ((InvalidInputException) e).code())
          .isEqualTo(ErrorCode.INVALID_VECTOR);
    }
  }

  @Test
  void packedKeysOrderByDistanceThenDoc() {
    SplittableRandom random = TestSeed.random("flat.pack");
    float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e30f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    List<Scored> items = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      float d = random.nextInt(4) == 0
          ? specials[random.nextInt(specials.length)]
          : (float) random.nextDouble(-10, 10);
      items.add(new Scored(random.nextInt(50), d));
    }
    for (Scored s : items) {
      long key = ScoredDocs.pack(s.distance, s.doc);
      assertThat(ScoredDocs.docOf(key)).isEqualTo(s.doc);
      assertThat(ScoredDocs.distanceOf(key)).isEqualTo(s.distance + 0f);
    }
    List<Scored> byKey = new ArrayList<>(items);
    byKey.sort(Comparator.comparingLong(s -> ScoredDocs.pack(s.distance, s.doc)));
    List<Scored> byValue = new ArrayList<>(items);
    byValue.sort(ORDER);
    assertThat(byKey).isEqualTo(byValue);
  }

  /** Distance then doc id, with -0.0 equal to 0.0 as in SQL ordering. */
  private static final Comparator<Scored> ORDER =
      Comparator.<Scored>comparingDouble(s -> s.distance + 0.0).thenComparingInt(s -> s.doc);

  record Scored(int doc, float distance) {}

  /** The oracle: score every candidate that has a vector with the same kernel, sort, no cut. */
  private static List<Scored> bruteForce(
      VectorArena arena, Metric metric, float[] query, RoaringBitmap candidates) {
    float[] q = metric.prepare(query);
    List<Scored> all = new ArrayList<>();
    for (int doc : candidates) {
      if (doc >= 0 && arena.has(doc)) {
        float d = metric.storedDistance(Kernels.get(), arena.segmentOf(doc), arena.byteOffsetOf(doc), q);
        all.add(new Scored(doc, d));
      }
    }
    all.sort(ORDER);
    return all;
  }

  private static void assertMatches(ScoredDocs result, List<Scored> expected) {
    assertThat(result.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(result.docId(i)).as("doc at %d", i).isEqualTo(expected.get(i).doc);
      assertThat(result.distance(i)).as("distance at %d", i).isEqualTo(expected.get(i).distance);
    }
  }

  /** About 10% of docs have no vector; a tenth of the rest are exact duplicates to force ties. */
  private static VectorArena randomArena(Metric metric, SplittableRandom random) {
    VectorArena arena = new VectorArena(DIMENSION);
    float[] previous = null;
    for (int doc = 0; doc < DOCS; doc++) {
      if (random.nextInt(10) == 0) {
        continue;
      }
      float[] v = previous != null && random.nextInt(10) == 0 ? previous : metric.prepare(vector(random));
      arena.set(doc, v);
      previous = v;
    }
    return arena;
  }

  /** A random subset, plus ids past the last doc and one that reads as negative. */
  /** Dense sets are scanned doc by doc, sparse ones in batches: both paths meet the oracle. */
  private static RoaringBitmap randomCandidates(SplittableRandom random) {
    RoaringBitmap candidates = new RoaringBitmap();
    int keepOneIn = 1 + random.nextInt(5);
    for (int doc = 0; doc < DOCS + 100; doc++) {
      if (random.nextInt(keepOneIn) == 0) {
        candidates.add(doc);
      }
    }
    if (random.nextBoolean()) {
      candidates.add(-7); // an id past every vector; it also makes the set sparse over its span
    }
    return candidates;
  }

  private static RoaringBitmap all() {
    return RoaringBitmap.bitmapOfRange(0, 1 << 20);
  }

  private static float[] vector(SplittableRandom random) {
    float[] v = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = (float) random.nextDouble(-1, 1);
    }
    return v;
  }
}
