package io.venndb.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a small file laid out like ann-benchmarks' (written here with jHDF). */
class AnnBenchmarksFileTest {
  @TempDir
  Path dir;

  @Test
  void readsTrainTestAndMetricWithALimit() throws Exception {
    float[][] train = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}};
    float[][] test = {{1, 0.5f, 0}, {0, 0, 2}};
    int[][] neighbors = {{0, 3}, {2, 1}};
    Path file = dir.resolve("tiny-3-euclidean.hdf5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("train", train);
      hdf.putDataset("test", test);
      hdf.putDataset("neighbors", neighbors);
      hdf.putAttribute("distance", "euclidean");
    }
    AnnBenchmarksFile.Contents all = AnnBenchmarksFile.read(file, Integer.MAX_VALUE, 10);
    assertThat(all.metric()).isEqualTo(Metric.L2);
    assertThat(all.train()).isDeepEqualTo(train);
    assertThat(all.test()).isDeepEqualTo(test);
    assertThat(all.neighbors()).isDeepEqualTo(neighbors);
    AnnBenchmarksFile.Contents some = AnnBenchmarksFile.read(file, 2, 1);
    assertThat(some.train()).hasDimensions(2, 3);
    assertThat(some.test()).hasDimensions(1, 3);
  }
}
