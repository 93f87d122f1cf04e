package io.venndb.bench.data;

import io.venndb.vector.Metric;
import java.util.Objects;

/**
 * Vectors with their keys, texts and metadata, aligned by row ordinal (the benchmark's id for a
 * row in every system). Vectors of a COSINE dataset are unit length. {@code texts} is null for
 * plain vector files.
 *
 * @param keyName name of the primary-key column ("package", "name", "id")
 * @param textName name of the text column, or null when there are no texts
 * @param provenance where the vectors came from (model id and cache, or the file), for reports
 */
public record Dataset(String name, Metric metric, float[][] vectors, String[] keys, String keyName,
    String[] texts, String textName, Table table, String provenance) {

  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metric, "metric");
    if (keys.length != vectors.length || table.size() != vectors.length
        || (texts != null && texts.length != vectors.length)) {
      throw new IllegalArgumentException("dataset '" + name + "': " + vectors.length + " vectors, "
          + keys.length + " keys, " + table.size() + " metadata rows");
    }
  }

  public int size() {
    return vectors.length;
  }

  public int dimension() {
    return vectors.length == 0 ? 0 : vectors[0].length;
  }

  public boolean hasTexts() {
    return texts != null;
  }

  /** The rows at {@code rows}, in that order; vectors are shared, not copied. */
  public Dataset select(int[] rows) {
    float[][] v = new float[rows.length][];
    String[] k = new String[rows.length];
    String[] t = texts == null ? null : new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      v[i] = vectors[rows[i]];
      k[i] = keys[rows[i]];
      if (t != null) {
        t[i] = texts[rows[i]];
      }
    }
    return new Dataset(name, metric, v, k, keyName, t, textName, table.select(rows), provenance);
  }
}
