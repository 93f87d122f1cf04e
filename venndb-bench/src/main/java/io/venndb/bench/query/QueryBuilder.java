package io.venndb.bench.query;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Embeddings;
import io.venndb.bench.data.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the query set from one seed: a random sample of real rows is held out (removed from the
 * base set, so a query never finds itself) and the hand-written queries are embedded with the same
 * model. Each kind is split into TUNING and REPORTED queries by the same seed.
 */
public final class QueryBuilder {
  private QueryBuilder() {}

  /** Held-out rows plus natural-language queries, for text datasets. */
  public static BenchData fromRows(Dataset full, int heldOut, double tuningShare, long seed,
      List<NaturalQueries.Pair> natural, Embeddings embeddings) {
    SplittableRandom random = new SplittableRandom(seed);
    int h = Math.min(heldOut, full.size() / 10);
    int[] order = permutation(full.size(), random);
    int[] held = Arrays.copyOf(order, h);
    int[] base = Arrays.stream(order, h, order.length).sorted().toArray();
    List<BenchQuery> queries = new ArrayList<>();
    int tuning = (int) Math.round(h * tuningShare);
    for (int i = 0; i < h; i++) {
      int row = held[i];
      queries.add(new BenchQuery("held-out:" + full.keys()[row], BenchQuery.Kind.HELD_OUT,
          i < tuning ? Split.TUNING : Split.REPORTED, full.hasTexts() ? full.texts()[row] : null,
          full.vectors()[row], null, null));
    }
    queries.addAll(natural(natural, tuningShare, random, embeddings, full));
    return new BenchData(full.select(base), new QuerySet(queries));
  }

  /** Given query vectors (from a vector file), split into TUNING and REPORTED. */
  public static BenchData fromFile(Dataset base, float[][] queryVectors, double tuningShare, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] order = permutation(queryVectors.length, random);
    int tuning = (int) Math.round(queryVectors.length * tuningShare);
    List<BenchQuery> queries = new ArrayList<>();
    for (int i = 0; i < order.length; i++) {
      float[] v = queryVectors[order[i]].clone();
      if (base.metric().normalizesVectors()) {
        v = Vectors.normalized(v);
      }
      queries.add(new BenchQuery("test:" + order[i], BenchQuery.Kind.FILE,
          i < tuning ? Split.TUNING : Split.REPORTED, null, v, null, null));
    }
    return new BenchData(base, new QuerySet(queries));
  }

  private static List<BenchQuery> natural(List<NaturalQueries.Pair> pairs, double tuningShare,
      SplittableRandom random, Embeddings embeddings, Dataset full) {
    if (pairs.isEmpty()) {
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    for (NaturalQueries.Pair p : pairs) {
      texts.add(p.query());
      texts.add(p.notLike());
    }
    float[][] v = embeddings.embedUncached(texts);
    int[] order = permutation(pairs.size(), random);
    int tuning = (int) Math.round(pairs.size() * tuningShare);
    List<BenchQuery> out = new ArrayList<>();
    for (int i = 0; i < order.length; i++) {
      int p = order[i];
      float[] q = full.metric().normalizesVectors() ? Vectors.normalized(v[2 * p]) : v[2 * p];
      float[] b = full.metric().normalizesVectors() ? Vectors.normalized(v[2 * p + 1]) : v[2 * p + 1];
      out.add(new BenchQuery("nl:" + pairs.get(p).query(), BenchQuery.Kind.NATURAL_LANGUAGE,
          i < tuning ? Split.TUNING : Split.REPORTED, pairs.get(p).query(), q, "nl:" + pairs.get(p).notLike(), b));
    }
    return out;
  }

  /** A seeded Fisher–Yates permutation of 0..n-1. */
  static int[] permutation(int n, SplittableRandom random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
