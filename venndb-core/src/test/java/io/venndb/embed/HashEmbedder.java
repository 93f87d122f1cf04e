package io.venndb.embed;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fast, deterministic embedder for cache tests that need thousands of texts: each text maps to a
 * unit vector drawn from a generator seeded with the text's hash.
 */
final class HashEmbedder implements Embedder {
  private final int dimension;

  HashEmbedder(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public String modelId() {
    return "test-hash-" + dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[][] embed(List<String> texts) {
    float[][] vectors = new float[texts.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = vectorOf(texts.get(i));
    }
    return vectors;
  }

  private float[] vectorOf(String text) {
    if (text == null) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "null text");
    }
    SplittableRandom random = new SplittableRandom(text.hashCode());
    float[] vector = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      vector[d] = (float) random.nextGaussian();
    }
    return MeanPooling.normalize(vector);
  }

  @Override
  public void close() {}
}
