package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** Replicas applying the same inserts in the same order must hold the same graph. */
@ExtendWith(TestSeed.class)
class DeterminismTest {
  private static final int N = 3000, DIMENSION = 20;

  @Test
  void theSameInsertSequenceBuildsIdenticalGraphs(@TempDir Path dir) throws IOException {
    SplittableRandom random = TestSeed.random("determinism.inserts");
    try (VectorArena arena = HnswFixtures.randomArena(Metric.COSINE, random, N, DIMENSION)) {
      int[] order = shuffledDocs(random);
      long[] keys = random.longs(N).toArray(); // primary-key hashes, unrelated to doc ids
      HnswIndex first = incremental(arena, order, keys);
      HnswIndex second = incremental(arena, order, keys);
      assertSameGraph(first.graph(), second.graph());
      first.save(dir.resolve("a.hnsw"));
      second.save(dir.resolve("b.hnsw"));
      assertThat(Files.readAllBytes(dir.resolve("a.hnsw"))).isEqualTo(Files.readAllBytes(dir.resolve("b.hnsw")));
    }
  }

  /** A bulk build is the inserts in doc order followed by the repair every bulk build runs. */
  @Test
  void aOneThreadBuildEqualsInsertingInDocOrder() {
    SplittableRandom random = TestSeed.random("determinism.build");
    try (VectorArena arena = HnswFixtures.randomArena(Metric.L2, random, N, DIMENSION)) {
      HnswIndex built = HnswFixtures.build(arena, Metric.L2, HnswConfig.defaults(), 1);
      HnswIndex inserted = HnswIndex.create(arena, Metric.L2, HnswConfig.defaults());
      for (int doc = 0; doc < N; doc++) {
        inserted.insert(doc, HnswFixtures.levelKey(doc));
      }
      inserted.repair();
      assertSameGraph(built.graph(), inserted.graph());
    }
  }

  @Test
  void theSameQueryGivesTheSameRows() {
    SharedGraphs.Graph graph = SharedGraphs.random();
    RoaringBitmap live = HnswFixtures.all(graph.size());
    HnswSearcher reused = graph.index().newSearcher();
    for (float[] query : graph.queries()) {
      HnswResult once = reused.search(query, 10, live);
      reused.topK(query, 10, live, doc -> doc % 2 == 0, CursorOptions.defaults()); // dirties the scratch
      assertThat(reused.search(query, 10, live).sameRows(once)).isTrue();
      assertThat(graph.index().newSearcher().search(query, 10, live).sameRows(once)).isTrue();
    }
  }

  @Test
  void levelsComeFromTheKeyAndTheSeed() {
    try (VectorArena arena = new VectorArena(2)) {
      HnswIndex a = HnswIndex.create(arena, Metric.L2, HnswConfig.defaults());
      HnswIndex b = HnswIndex.create(arena, Metric.L2, HnswConfig.defaults());
      HnswIndex otherSeed = HnswIndex.create(arena, Metric.L2, new HnswConfig(16, 100, 64, 99));
      int differ = 0;
      for (long key = 0; key < 5000; key++) {
        assertThat(a.levelOf(key)).isEqualTo(b.levelOf(key));
        differ += a.levelOf(key) != otherSeed.levelOf(key) ? 1 : 0;
      }
      assertThat(differ).isPositive();
    }
  }

  static void assertSameGraph(GraphStore expected, GraphStore actual) {
    assertThat(actual.entry()).isEqualTo(expected.entry());
    assertThat(actual.size()).isEqualTo(expected.size());
    int[] a = new int[expected.maxConn(0)], b = new int[expected.maxConn(0)];
    for (int doc = 0; doc < Math.max(expected.docCapacity(), actual.docCapacity()); doc++) {
      int level = expected.level(doc);
      assertThat(actual.level(doc)).as("level of %d", doc).isEqualTo(level);
      for (int layer = 0; layer <= level; layer++) {
        int count = expected.neighbors(doc, layer, a);
        assertThat(actual.neighbors(doc, layer, b)).isEqualTo(count);
        assertThat(java.util.Arrays.copyOf(b, count)).as("links of %d on %d", doc, layer)
            .containsExactly(java.util.Arrays.copyOf(a, count));
      }
    }
  }

  private static HnswIndex incremental(VectorArena arena, int[] order, long[] keys) {
    HnswIndex index = HnswIndex.create(arena, Metric.COSINE, HnswConfig.defaults());
    for (int i = 0; i < order.length; i++) {
      index.insert(order[i], keys[i]);
    }
    return index;
  }

  private static int[] shuffledDocs(SplittableRandom random) {
    int[] docs = new int[N];
    for (int i = 0; i < N; i++) {
      docs[i] = i;
    }
    for (int i = N - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = docs[i];
      docs[i] = docs[j];
      docs[j] = t;
    }
    return docs;
  }
}
