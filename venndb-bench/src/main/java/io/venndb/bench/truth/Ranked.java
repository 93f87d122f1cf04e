package io.venndb.bench.truth;

/** Rows with their similarities, best first (higher similarity, then lower row). */
public record Ranked(int[] rows, float[] similarities) {
  public static final Ranked EMPTY = new Ranked(new int[0], new float[0]);

  public int size() {
    return rows.length;
  }

  static Ranked of(long[] keysBestFirst) {
    int[] rows = new int[keysBestFirst.length];
    float[] sims = new float[keysBestFirst.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = TopHeap.rowOf(keysBestFirst[i]);
      sims[i] = TopHeap.similarityOf(keysBestFirst[i]);
    }
    return new Ranked(rows, sims);
  }
}
