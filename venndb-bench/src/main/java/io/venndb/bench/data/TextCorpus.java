package io.venndb.bench.data;

import io.venndb.vector.Metric;
import java.util.Arrays;

/** Rows of text with keys and metadata, before embedding. */
public record TextCorpus(String name, String[] keys, String keyName, String[] texts, String textName, Table table) {

  public int size() {
    return keys.length;
  }

  /** Embeds every text (cached) and returns the dataset, cosine, unit-length vectors. */
  public Dataset embed(Embeddings embeddings, int chunkRows) {
    float[][] vectors = embeddings.embed(name, Arrays.asList(texts), chunkRows);
    Vectors.prepareAll(Metric.COSINE, vectors);
    String provenance = embeddings.modelId() + " via EmbeddingCache at " + embeddings.cache().directory();
    return new Dataset(name, Metric.COSINE, vectors, keys, keyName, texts, textName, table, provenance);
  }
}
