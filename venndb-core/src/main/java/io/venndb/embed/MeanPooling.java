package io.venndb.embed;

import java.nio.FloatBuffer;

/**
 * Sentence vectors from token vectors the way sentence-transformers builds them for MiniLM: the
 * mean of the token vectors the attention mask keeps, scaled to unit length.
 */
final class MeanPooling {
  /** torch.nn.functional.normalize's epsilon, so a zero vector stays zero instead of NaN. */
  private static final float MIN_NORM = 1e-12f;

  private MeanPooling() {}

  /** {@code hidden} is {@code rows x width x dimension}, row-major. */
  static float[][] pool(FloatBuffer hidden, TokenBatch batch, int dimension) {
    assert hidden.remaining() == (long) batch.rows() * batch.width() * dimension
        : "hidden state has " + hidden.remaining() + " floats for " + batch;
    float[][] vectors = new float[batch.rows()][];
    for (int row = 0; row < batch.rows(); row++) {
      vectors[row] = normalize(meanOfKeptTokens(hidden, batch, row, dimension));
    }
    return vectors;
  }

  private static float[] meanOfKeptTokens(
      FloatBuffer hidden, TokenBatch batch, int row, int dimension) {
    float[] sum = new float[dimension];
    int kept = 0;
    for (int token = 0; token < batch.width(); token++) {
      int position = row * batch.width() + token;
      if (batch.attentionMask()[position] == 0) {
        continue;
      }
      kept++;
      int base = position * dimension;
      for (int d = 0; d < dimension; d++) {
        sum[d] += hidden.get(base + d);
      }
    }
    // Every encoding holds at least [CLS] and [SEP], so kept >= 1; max() guards a foreign
    // tokenizer.
    float scale = 1f / Math.max(kept, 1);
    for (int d = 0; d < dimension; d++) {
      sum[d] *= scale;
    }
    return sum;
  }

  static float[] normalize(float[] vector) {
    double squares = 0;
    for (float v : vector) {
      squares += (double) v * v;
    }
    float scale = (float) (1 / Math.max(Math.sqrt(squares), MIN_NORM));
    for (int d = 0; d < vector.length; d++) {
      vector[d] *= scale;
    }
    return vector;
  }
}
