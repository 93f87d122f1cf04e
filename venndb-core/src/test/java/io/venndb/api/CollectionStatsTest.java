package io.venndb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Collection#stats()}: row counts and the memory the issue bounds — raw vectors off-heap,
 * plus an HNSW graph of at most 1.2 × its layer-0 links (2M ints per node).
 */
@ExtendWith(TestSeed.class)
class CollectionStatsTest {
  static final int DIM = 16;
  static final int ROWS = 3_000;

  @TempDir Path dir;

  @Test
  void graphMemoryStaysWithinTheBoundOverRawVectors() {
    VectorIndexSpec spec = VectorIndexSpec.hnsw(16, 100);
    try (VennDB db = VennDB.open(dir)) {
      Collection indexed = load(db, "indexed", spec, TestSeed.random("stats-indexed"));
      Collection flat = load(db, "flat", null, TestSeed.random("stats-flat"));

      CollectionStats withGraph = indexed.stats();
      CollectionStats without = flat.stats();
      double layer0Links = (double) ROWS * 2 * spec.m() * Integer.BYTES;
      assertThat(withGraph.liveRows()).isEqualTo(ROWS);
      assertThat(withGraph.vectorBytesOffHeap()).isGreaterThanOrEqualTo((long) ROWS * DIM * Float.BYTES);
      assertThat(withGraph.graphBytes() / layer0Links).as("graph bytes / layer-0 links").isBetween(1.0, 1.2);
      assertThat(without.graphBytes()).isZero();
      assertThat(withGraph.keyBytes()).as("long keys: 8 bytes a doc, grown by half").isBetween(8L * ROWS, 8L * 2 * ROWS);
      assertThat(without.vectorBytesOffHeap()).isGreaterThanOrEqualTo((long) ROWS * DIM * Float.BYTES);
    }
  }

  @Test
  void deletesLowerLiveRowsButKeepTheDocIdsAllocated() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = load(db, "docs", VectorIndexSpec.hnsw(), TestSeed.random("stats-deletes"));
      for (long id = 0; id < 100; id++) {
        c.delete(id);
      }
      CollectionStats stats = c.stats();
      assertThat(stats.liveRows()).isEqualTo(ROWS - 100);
      assertThat(stats.docIdsAllocated()).isEqualTo(ROWS);
    }
  }

  private static Collection load(VennDB db, String name, VectorIndexSpec spec, SplittableRandom random) {
    SchemaBuilder schema = SchemaBuilder.collection(name).longKey("id");
    Collection c = db.createCollection((spec == null ? schema.vector("v", DIM, Metric.L2)
        : schema.vector("v", DIM, Metric.L2, spec)).build());
    try (BulkWriter writer = c.bulkWriter(1000)) {
      for (int i = 0; i < ROWS; i++) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
          v[d] = (float) random.nextGaussian();
        }
        writer.upsert(Map.of("id", (long) i, "v", v));
      }
    }
    return c;
  }
}
