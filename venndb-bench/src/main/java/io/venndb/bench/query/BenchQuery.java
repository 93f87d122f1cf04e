package io.venndb.bench.query;

import java.util.Objects;

/**
 * One query: a held-out row of the dataset (removed from the base set), a hand-written
 * natural-language query, or a query vector from a vector file. {@code negative} is the related
 * vector B that vector-NOT workloads exclude; null until chosen.
 *
 * @param id stable, readable id ("held-out:zsh-doc", "nl:image viewer", "test:17")
 * @param text the query text, or null for vector files
 * @param negativeText what B is ("nl:…" text, or the key of the base row it was taken from)
 */
public record BenchQuery(String id, Kind kind, Split split, String text, float[] vector,
    String negativeText, float[] negative) {

  /** Where a query comes from. */
  public enum Kind {
    HELD_OUT, NATURAL_LANGUAGE, FILE
  }

  public BenchQuery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(vector, "vector");
  }

  public BenchQuery withNegative(String text, float[] vector) {
    return new BenchQuery(id, kind, split, this.text, this.vector, text, vector);
  }

  public boolean hasNegative() {
    return negative != null;
  }
}
