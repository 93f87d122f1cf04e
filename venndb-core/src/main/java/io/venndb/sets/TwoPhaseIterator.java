package io.venndb.sets;

import java.util.Objects;

/**
 * A set given as a cheap superset (the approximation) plus a per-doc check, such as {@code sim(x,
 * B) > β} over the docs of a coarse index. Combinators drive approximations first and call {@link
 * #matches()} only on docs every cheaper clause has accepted, cheapest check first.
 */
public abstract class TwoPhaseIterator {
  private final DocIdIterator approximation;

  protected TwoPhaseIterator(DocIdIterator approximation) {
    this.approximation = Objects.requireNonNull(approximation, "approximation");
  }

  /** A superset of the matching docs; its cost bounds the matches too. */
  public final DocIdIterator approximation() {
    return approximation;
  }

  /**
   * Whether the doc the approximation is on matches. Called only while the approximation is on a
   * doc (not -1, not exhausted), and at most once per doc.
   */
  public abstract boolean matches();

  /**
   * The expected cost of one {@link #matches()} call, in elementary operations: a distance over
   * vectors of dimension d costs about d, a bitmap probe about 1. Only the order matters.
   */
  public abstract float matchCost();

  /** This set as a plain iterator that skips the docs failing the check. */
  public final DocIdIterator asDocIdIterator() {
    return new TwoPhaseDocIdIterator(this);
  }
}
