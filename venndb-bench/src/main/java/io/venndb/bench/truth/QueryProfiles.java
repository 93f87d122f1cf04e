package io.venndb.bench.truth;

import io.venndb.bench.data.Vectors;
import io.venndb.bench.query.QuerySet;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Each query's unfiltered neighbourhood: its {@code depth} most similar base rows, exactly. The
 * workload generator reads thresholds (range result sizes), Q's top-100 (vector-NOT β, correlated
 * filters) and related rows (B for held-out queries) from it. Computed once, cached.
 */
public final class QueryProfiles {
  private final Ranked[] byQuery;

  private QueryProfiles(Ranked[] byQuery) {
    this.byQuery = byQuery;
  }

  public Ranked of(int query) {
    return byQuery[query];
  }

  public static QueryProfiles load(BruteForce bruteForce, QuerySet queries, int depth, CacheFiles cache,
      int threads) {
    int d = Math.min(depth, bruteForce.base().size());
    long key = Vectors.mix(Vectors.fingerprint(bruteForce.base().vectors()), d);
    for (int i = 0; i < queries.size(); i++) {
      key = Vectors.mix(key, Vectors.fingerprint(new float[][] {queries.get(i).vector()}));
    }
    Ranked[] cached = cache.read("profiles", key, in -> readAll(in, queries.size()));
    if (cached != null) {
      return new QueryProfiles(cached);
    }
    Ranked[] computed = new Ranked[queries.size()];
    Parallel.forEachQuery("Profiling queries", queries.size(), threads, q ->
        computed[q] = BruteForce.topK(bruteForce.similarities(queries.get(q).vector()), null, d));
    cache.write("profiles", key, out -> writeAll(out, computed));
    return new QueryProfiles(computed);
  }

  private static void writeAll(DataOutputStream out, Ranked[] all) throws IOException {
    out.writeInt(all.length);
    for (Ranked r : all) {
      writeRanked(out, r);
    }
  }

  static void writeRanked(DataOutputStream out, Ranked r) throws IOException {
    out.writeInt(r.size());
    for (int i = 0; i < r.size(); i++) {
      out.writeInt(r.rows()[i]);
      out.writeFloat(r.similarities()[i]);
    }
  }

  private static Ranked[] readAll(DataInputStream in, int expected) throws IOException {
    int n = in.readInt();
    if (n != expected) {
      throw new IOException("profile count " + n + " != " + expected);
    }
    Ranked[] out = new Ranked[n];
    for (int q = 0; q < n; q++) {
      out[q] = readRanked(in);
    }
    return out;
  }

  static Ranked readRanked(DataInputStream in) throws IOException {
    int size = in.readInt();
    int[] rows = new int[size];
    float[] sims = new float[size];
    for (int i = 0; i < size; i++) {
      rows[i] = in.readInt();
      sims[i] = in.readFloat();
    }
    return new Ranked(rows, sims);
  }
}
