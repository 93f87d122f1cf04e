package io.venndb.bench.data;

import io.venndb.embed.Embedder;
import io.venndb.embed.EmbeddingCache;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Texts to vectors through VennDB's {@link EmbeddingCache}, so every dataset is embedded once per
 * machine (outside the repository) and shared with {@code ./venndb demo}. Large inputs are cached
 * in fixed chunks: a {@code --limit} run embeds only the chunks it needs, and a later full run
 * reuses them.
 */
public final class Embeddings {
  /** Rows per cache file for large datasets. */
  public static final int CHUNK_ROWS = 65_536;

  private final Embedder embedder;
  private final EmbeddingCache cache;

  public Embeddings(Embedder embedder, EmbeddingCache cache) {
    this.embedder = embedder;
    this.cache = cache;
  }

  public String modelId() {
    return embedder.modelId();
  }

  public EmbeddingCache cache() {
    return cache;
  }

  /**
   * The vectors of {@code texts}, in order, with a progress bar. Inputs up to {@code chunkRows}
   * are one cache entry named {@code prefix-N} (the name the demo uses for the Debian catalog);
   * larger inputs are split into entries {@code prefix-cNNNN}.
   */
  public float[][] embed(String prefix, List<String> texts, int chunkRows) {
    float[][] out = new float[texts.size()][];
    try (ProgressBar bar = bar("Embedding " + prefix, texts.size())) {
      if (texts.size() <= chunkRows) {
        float[][] v = cache.getOrCompute(prefix + "-" + texts.size(), texts, embedder, (d, t) -> bar.stepTo(d));
        System.arraycopy(v, 0, out, 0, v.length);
        return out;
      }
      for (int from = 0, chunk = 0; from < texts.size(); from += chunkRows, chunk++) {
        int to = Math.min(texts.size(), from + chunkRows);
        int base = from;
        String name = "%s-c%04d".formatted(prefix, chunk);
        float[][] v = cache.getOrCompute(name, texts.subList(from, to), embedder, (d, t) -> bar.stepTo(base + d));
        System.arraycopy(v, 0, out, from, v.length);
      }
    }
    return out;
  }

  /** A few texts (queries), not cached: embedding them takes milliseconds. */
  public float[][] embedUncached(List<String> texts) {
    return embedder.embed(texts);
  }

  public static ProgressBar bar(String task, long total) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
  }
}
