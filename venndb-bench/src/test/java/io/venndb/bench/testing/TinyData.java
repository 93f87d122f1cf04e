package io.venndb.bench.testing;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.KeywordColumn;
import io.venndb.bench.data.LongColumn;
import io.venndb.bench.data.Table;
import io.venndb.bench.data.TagsColumn;
import io.venndb.bench.data.Vectors;
import io.venndb.vector.Metric;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/** Small seeded datasets with every column kind, NULLs included, for harness tests. */
public final class TinyData {
  public static final String[] SECTIONS = {"libs", "games", "editors", "net", "science", "doc"};
  public static final String[] TAGS = {"role::program", "use::editing", "interface::x11", "game::arcade", "web"};

  private TinyData() {}

  /** {@code n} random unit vectors of {@code dim} dims with a section, tags, size (10% NULL) and rank (70% NULL). */
  public static Dataset random(SplittableRandom random, int n, int dim) {
    float[][] vectors = new float[n][dim];
    String[] keys = new String[n];
    String[] texts = new String[n];
    String[] sections = new String[n];
    String[][] tags = new String[n][];
    long[] sizes = new long[n];
    BitSet sizeNulls = new BitSet();
    long[] ranks = new long[n];
    BitSet rankNulls = new BitSet();
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) {
        vectors[i][d] = (float) random.nextGaussian();
      }
      vectors[i] = Vectors.normalized(vectors[i]);
      keys[i] = "row-" + i;
      texts[i] = "text " + i;
      // skewed sections: libs most common, doc rare; a few NULLs
      sections[i] = random.nextInt(50) == 0 ? null : SECTIONS[Math.min(SECTIONS.length - 1,
          (int) Math.floor(-Math.log(random.nextDouble()) * 1.5))];
      tags[i] = random.nextInt(10) == 0 ? null : randomTags(random);
      sizes[i] = random.nextLong(1, 100_000);
      if (random.nextInt(10) == 0) {
        sizeNulls.set(i);
      }
      ranks[i] = random.nextLong(1, 5_000);
      if (random.nextInt(10) < 7) {
        rankNulls.set(i);
      }
    }
    Table table = new Table(n, List.of(new KeywordColumn("section", sections), new TagsColumn("tags", tags),
        new LongColumn("size", sizes, sizeNulls), new LongColumn("rank", ranks, rankNulls)));
    return new Dataset("tiny", Metric.COSINE, vectors, keys, "key", texts, "text", table, "random");
  }

  private static String[] randomTags(SplittableRandom random) {
    return java.util.Arrays.stream(TAGS).filter(t -> random.nextInt(3) == 0).toArray(String[]::new);
  }
}
