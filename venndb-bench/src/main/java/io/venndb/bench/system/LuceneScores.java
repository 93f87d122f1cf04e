package io.venndb.bench.system;

import io.venndb.vector.Metric;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Converts between the harness's similarity (VennDB's: cosine, 1/(1+d) for L2, dot product) and
 * Lucene's score for the similarity function used for that metric. Unit-length cosine vectors use
 * DOT_PRODUCT (score (1 + cos) / 2); L2 uses EUCLIDEAN (score 1 / (1 + d²)); inner product uses
 * MAXIMUM_INNER_PRODUCT.
 */
final class LuceneScores {
  private LuceneScores() {}

  static VectorSimilarityFunction function(Metric metric) {
    return switch (metric) {
      case COSINE -> VectorSimilarityFunction.DOT_PRODUCT;
      case L2 -> VectorSimilarityFunction.EUCLIDEAN;
      case INNER_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
    };
  }

  static float score(Metric metric, float similarity) {
    return switch (metric) {
      case COSINE -> Math.max((1 + similarity) / 2, 0);
      case L2 -> {
        double d = 1 / (double) similarity - 1;
        yield (float) (1 / (1 + d * d));
      }
      case INNER_PRODUCT -> similarity < 0 ? 1 / (1 - similarity) : similarity + 1;
    };
  }

  static float similarity(Metric metric, float score) {
    return switch (metric) {
      case COSINE -> 2 * score - 1;
      case L2 -> (float) (1 / (1 + Math.sqrt(1 / (double) score - 1)));
      case INNER_PRODUCT -> score < 1 ? 1 - 1 / score : score - 1;
    };
  }

  /** The smallest score strictly above {@code similarity}: Lucene's thresholds are inclusive. */
  static float scoreAbove(Metric metric, float similarity) {
    return Math.nextUp(score(metric, similarity));
  }
}
