package io.venndb.bench.jmh;

import io.venndb.index.FlatVectorSearch;
import io.venndb.index.ScoredDocs;
import io.venndb.store.VectorArena;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import io.venndb.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.roaringbitmap.RoaringBitmap;

/**
 * Exact top-10 over every vector of a large arena, against the physical limit: a SIMD sum that
 * streams the same bytes with no per-vector work. The vectors far exceed the caches, so both are
 * bound by memory bandwidth and their ratio is the scan's overhead. {@code flatTop10Scattered} is
 * the exact top-10 a selective filter asks for: a seeded random 1% of the docs, each one a cache
 * miss, so it measures memory latency rather than bandwidth. Both top-10s read int8 sketches
 * first; {@code onePassScan} and {@code onePassScanScattered} score every float vector instead,
 * as the top-10 did before sketches. Uniform random vectors crowd their distances together,
 * so the sketches rule out fewer candidates here than on real embeddings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FlatScanBench {
  private static final int QUERIES = 16;

  @Param("800000")
  int docs;

  @Param("384")
  int dimension;

  @Param("cosine")
  String metric;

  private Metric m;
  private VectorArena arena;
  private RoaringBitmap all;
  private RoaringBitmap scattered;
  private float[][] queries;
  private int nextQuery;
  private final VectorKernels kernels = Kernels.get();
  private final List<MemorySegment> spans = new ArrayList<>();
  private final List<Long> spanFloats = new ArrayList<>();

  @Setup
  public void setUp() {
    m = Metric.parse(metric);
    SplittableRandom random = new SplittableRandom(42); // fixed: every run scans the same data
    arena = new VectorArena(dimension);
    for (int doc = 0; doc < docs; doc++) {
      arena.set(doc, m.prepare(random(random)));
    }
    all = RoaringBitmap.bitmapOfRange(0, docs);
    scattered = new RoaringBitmap();
    SplittableRandom pick = new SplittableRandom(43); // its own stream: the queries stay as they were
    for (int doc = 0; doc < docs; doc++) {
      if (pick.nextInt(100) == 0) {
        scattered.add(doc);
      }
    }
    queries = new float[QUERIES][];
    for (int i = 0; i < QUERIES; i++) {
      queries[i] = random(random);
    }
    collectSpans();
  }

  /** The arena's chunks as (segment, float count) runs: exactly the bytes the scan reads. */
  private void collectSpans() {
    MemorySegment current = null;
    for (int doc = 0; doc < docs; doc++) {
      MemorySegment segment = arena.segmentOf(doc);
      if (segment != current) {
        spans.add(segment);
        spanFloats.add(0L);
        current = segment;
      }
      spanFloats.set(spans.size() - 1, spanFloats.getLast() + dimension);
    }
  }

  @TearDown
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  public ScoredDocs flatTop10() {
    return FlatVectorSearch.topK(arena, m, queries[nextQuery++ & (QUERIES - 1)], 10, all);
  }

  @Benchmark
  public ScoredDocs flatTop10Scattered() {
    return FlatVectorSearch.topK(arena, m, queries[nextQuery++ & (QUERIES - 1)], 10, scattered);
  }

  /** The one-pass exact scan the sketched top-10 replaced: every candidate's float distance. */
  @Benchmark
  public float onePassScan() {
    return minimumDistance(all);
  }

  @Benchmark
  public float onePassScanScattered() {
    return minimumDistance(scattered);
  }

  private float minimumDistance(RoaringBitmap candidates) {
    float[] min = {Float.POSITIVE_INFINITY};
    FlatVectorSearch.scan(arena, m, m.prepare(queries[nextQuery++ & (QUERIES - 1)]), candidates,
        (doc, distance) -> min[0] = Math.min(min[0], distance));
    return min[0];
  }

  @Benchmark
  public float streamingRead() {
    float sum = 0;
    for (int i = 0; i < spans.size(); i++) {
      sum += kernels.sum(spans.get(i), 0, spanFloats.get(i));
    }
    return sum;
  }

  private float[] random(SplittableRandom random) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextDouble(-1, 1);
    }
    return v;
  }
}
