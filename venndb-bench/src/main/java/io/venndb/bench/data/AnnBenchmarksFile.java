package io.venndb.bench.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.venndb.vector.Metric;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An ann-benchmarks HDF5 file (glove-100-angular.hdf5, sift-128-euclidean.hdf5, …): datasets
 * {@code train} (base vectors), {@code test} (queries), {@code neighbors} (true ids) and the file
 * attribute {@code distance} ("angular", "euclidean", "dot"). Read with jHDF, sliced so that
 * {@code --limit} reads only the rows it needs.
 */
public final class AnnBenchmarksFile {
  private AnnBenchmarksFile() {}

  /** Base vectors, queries and the metric of one file. */
  public record Contents(float[][] train, float[][] test, Metric metric, int[][] neighbors) {}

  public static Contents read(Path file, int limit, int maxQueries) {
    try (HdfFile hdf = new HdfFile(file)) {
      Metric metric = metric(hdf.getAttribute("distance"), file);
      float[][] train = rows(hdf.getDatasetByPath("train"), limit);
      float[][] test = rows(hdf.getDatasetByPath("test"), maxQueries);
      int[][] neighbors = hdf.getChildren().containsKey("neighbors") && limit == Integer.MAX_VALUE
          ? ints(hdf.getDatasetByPath("neighbors"), maxQueries) : null;
      return new Contents(train, test, metric, neighbors);
    }
  }

  static Metric metric(Attribute attribute, Path file) {
    String name = attribute == null ? "" : String.valueOf(attribute.getData()).toLowerCase(Locale.ROOT);
    return switch (name) {
      case "angular", "cosine" -> Metric.COSINE;
      case "euclidean", "l2" -> Metric.L2;
      case "dot", "ip", "inner_product" -> Metric.INNER_PRODUCT;
      default -> throw new IllegalArgumentException(file + ": unknown or missing 'distance' attribute '" + name
          + "'; expected angular, euclidean or dot");
    };
  }

  private static float[][] rows(Dataset ds, int limit) {
    int[] dims = ds.getDimensions();
    if (dims.length != 2) {
      throw new IllegalArgumentException("HDF5 dataset " + ds.getPath() + " is not 2-dimensional");
    }
    int n = Math.min(dims[0], limit);
    Object data = ds.getData(new long[] {0, 0}, new int[] {n, dims[1]});
    return switch (data) {
      case float[][] f -> f;
      case double[][] d -> toFloats(d);
      default -> throw new IllegalArgumentException("HDF5 dataset " + ds.getPath() + " holds "
          + data.getClass().getSimpleName() + ", expected float or double rows");
    };
  }

  private static int[][] ints(Dataset ds, int limit) {
    int[] dims = ds.getDimensions();
    int n = Math.min(dims[0], limit);
    Object data = ds.getData(new long[] {0, 0}, new int[] {n, dims[1]});
    if (data instanceof int[][] i) {
      return i;
    }
    if (data instanceof long[][] l) {
      int[][] out = new int[l.length][];
      for (int r = 0; r < l.length; r++) {
        out[r] = java.util.Arrays.stream(l[r]).mapToInt(Math::toIntExact).toArray();
      }
      return out;
    }
    return null;
  }

  private static float[][] toFloats(double[][] d) {
    float[][] out = new float[d.length][];
    for (int r = 0; r < d.length; r++) {
      out[r] = new float[d[r].length];
      for (int c = 0; c < d[r].length; c++) {
        out[r][c] = (float) d[r][c];
      }
    }
    return out;
  }
}
