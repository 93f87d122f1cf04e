package io.venndb.bench.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written queries of a dataset, from {@code queries/<dataset>.tsv} on the classpath:
 * one "query TAB related query to exclude" per line, '#' for comments. Datasets without a file
 * (vector files) have none.
 */
public final class NaturalQueries {
  /** A query and the related query B that vector-NOT workloads exclude. */
  public record Pair(String query, String notLike) {}

  private NaturalQueries() {}

  public static List<Pair> of(String dataset) {
    String resource = "/io/venndb/bench/queries/" + dataset + ".tsv";
    try (InputStream in = NaturalQueries.class.getResourceAsStream(resource)) {
      return in == null ? List.of() : parse(in, resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  static List<Pair> parse(InputStream in, String source) throws IOException {
    List<Pair> pairs = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int line = 0;
    for (String s = reader.readLine(); s != null; s = reader.readLine()) {
      line++;
      if (s.isBlank() || s.startsWith("#")) {
        continue;
      }
      String[] f = s.split("\t");
      if (f.length != 2 || f[0].isBlank() || f[1].isBlank()) {
        throw new IOException(source + " line " + line + ": expected 'query<TAB>not-like query'");
      }
      pairs.add(new Pair(f[0].strip(), f[1].strip()));
    }
    return pairs;
  }
}
