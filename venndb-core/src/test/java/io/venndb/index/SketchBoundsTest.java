package io.venndb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.store.VectorArena;
import io.venndb.store.VectorSketch;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import io.venndb.vector.VectorKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roaringbitmap.RoaringBitmap;

/**
 * The sketch bounds' one promise, checked against the exact kernels: the exact distance lies in
 * [lower, upper], for every metric, dimension and magnitude; and the interval is narrow enough
 * on embedding-like data to rule most candidates out (the reason sketches exist).
 */
@ExtendWith(TestSeed.class)
class SketchBoundsTest {
  private static final int[] DIMENSIONS = {16, 17, 100, 384, 1536};

  @ParameterizedTest
  @EnumSource(Metric.class)
  void theExactDistanceLiesInsideTheBounds(Metric metric) {
    SplittableRandom random = TestSeed.random("sketch.bounds." + metric);
    for (int dimension : DIMENSIONS) {
      try (VectorArena arena = new VectorArena(dimension)) {
        for (int doc = 0; doc < 300; doc++) {
          arena.set(doc, metric.prepare(vector(random, dimension, magnitude(random, metric))));
        }
        for (int round = 0; round < 20; round++) {
          float[] query = metric.prepare(vector(random, dimension, magnitude(random, metric)));
          if (round == 0) {
            arena.get(random.nextInt(300), query); // a stored vector: its distance is near 0 (L2, COSINE)
          }
          forEachBound(arena, metric, query, (exact, lower, upper) ->
              assertThat(exact).as("d=%d %s", dimension, metric).isBetween(lower, upper));
        }
      }
    }
  }

  /** 384-d unit vectors (the built-in model's shape): intervals well under a typical neighbour gap. */
  @Test
  void boundsOnUnitVectorsAreNarrow() {
    SplittableRandom random = TestSeed.random("sketch.width");
    int dimension = 384;
    try (VectorArena arena = new VectorArena(dimension)) {
      for (int doc = 0; doc < 500; doc++) {
        arena.set(doc, Metric.COSINE.prepare(gaussian(random, dimension)));
      }
      float[] query = Metric.COSINE.prepare(gaussian(random, dimension));
      double[] widest = {0};
      forEachBound(arena, Metric.COSINE, query, (exact, lower, upper) -> widest[0] = Math.max(widest[0], upper - lower));
      assertThat(widest[0]).isLessThan(0.05);
    }
  }

  /** The estimate a walk ranks by lies inside the interval, so it is never further off than the bounds allow. */
  @ParameterizedTest
  @EnumSource(Metric.class)
  void theEstimateLiesInsideTheBounds(Metric metric) {
    SplittableRandom random = TestSeed.random("sketch.estimate." + metric);
    VectorKernels kernels = Kernels.get();
    for (int dimension : DIMENSIONS) {
      try (VectorArena arena = new VectorArena(dimension)) {
        for (int doc = 0; doc < 100; doc++) {
          arena.set(doc, metric.prepare(vector(random, dimension, magnitude(random, metric))));
        }
        float[] query = metric.prepare(vector(random, dimension, magnitude(random, metric)));
        SketchBounds bounds = new SketchBounds(metric, query);
        arena.forEachSketch(RoaringBitmap.bitmapOfRange(0, 100), (doc, segment, offset) -> {
          float dot = kernels.dotCodes(segment, offset + VectorSketch.CODES_OFFSET, query);
          float scale = VectorSketch.scale(segment, offset);
          float radius = VectorSketch.radius(segment, offset);
          float norm = VectorSketch.norm(segment, offset);
          assertThat(bounds.estimate(dot, scale, norm)).as("d=%d %s doc %d", dimension, metric, doc)
              .isBetween(bounds.lower(dot, scale, radius, norm), bounds.upper(dot, scale, radius, norm));
        });
      }
    }
  }

  private interface BoundCheck {
    void check(float exact, float lower, float upper);
  }

  private static void forEachBound(VectorArena arena, Metric metric, float[] preparedQuery, BoundCheck check) {
    VectorKernels kernels = Kernels.get();
    SketchBounds bounds = new SketchBounds(metric, preparedQuery);
    RoaringBitmap docs = RoaringBitmap.bitmapOfRange(0, arena.maxDocExclusive());
    float[][] exact = new float[arena.maxDocExclusive()][1];
    arena.forEach(docs, (doc, segment, offset) ->
        exact[doc][0] = metric.storedDistance(kernels, segment, offset, preparedQuery));
    arena.forEachSketch(docs, (doc, segment, offset) -> {
      float dot = kernels.dotCodes(segment, offset + VectorSketch.CODES_OFFSET, preparedQuery);
      float scale = VectorSketch.scale(segment, offset);
      float radius = VectorSketch.radius(segment, offset);
      float norm = VectorSketch.norm(segment, offset);
      check.check(exact[doc][0], bounds.lower(dot, scale, radius, norm), bounds.upper(dot, scale, radius, norm));
    });
  }

  private static float magnitude(SplittableRandom random, Metric metric) {
    return metric == Metric.COSINE ? 1 : (float) Math.pow(10, random.nextInt(-15, 16));
  }

  private static float[] vector(SplittableRandom random, int dimension, float magnitude) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextDouble(-1, 1) * magnitude;
    }
    if (random.nextInt(4) == 0) {
      v[random.nextInt(dimension)] *= 1000; // one dominant component: the others' codes round to 0
    }
    return v;
  }

  private static float[] gaussian(SplittableRandom random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1 + random.nextDouble() * 2 - 1 + random.nextDouble() * 2 - 1);
    }
    return v;
  }
}
