package io.venndb.bench.workload;

/** The workload families of the benchmark issue, (a) to (d). */
public enum Family {
  /** (a) plain top-k. */
  TOPK("a", "plain top-k"),
  /** (b) top-k under a scalar filter. */
  FILTERED("b", "top-k with scalar filters"),
  /** (c) top-k near Q excluding every row with sim(x, B) > β, optionally with a scalar filter. */
  VECTOR_NOT("c", "vector NOT"),
  /** (d) every row with sim(x, Q) ≥ t. */
  RANGE("d", "similarity threshold (range)");

  public final String letter;
  public final String title;

  Family(String letter, String title) {
    this.letter = letter;
    this.title = title;
  }

  public static Family ofLetter(String letter) {
    for (Family f : values()) {
      if (f.letter.equalsIgnoreCase(letter.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown workload family '" + letter + "'; expected a, b, c or d");
  }
}
