package io.venndb.query;

/** One result of a vector search: the row, its distance and similarity to the query vector. */
public record SearchHit(Row row, float distance, float similarity) {
  public Object key() {
    return row.key();
  }
}
