package io.venndb.plan;

import io.venndb.store.VectorArena;
import io.venndb.vector.Kernels;
import io.venndb.vector.Metric;
import io.venndb.vector.VectorKernels;
import java.util.List;

/**
 * How a multi-vector ranking scores one row from its distances to several query vectors, and the
 * best score a row not yet seen by the cursors could still have (the threshold-algorithm bound).
 * A score is a pair (sunk, value), compared sunk-last then value ascending, so smaller is better
 * in both parts. Immutable.
 */
sealed interface VectorScoring {

  /** A query vector on a column: a term of the sum, a positive or a negative example. */
  record Probe(int position, Metric metric, float[] prepared, float weight) {}

  List<Probe> probes();

  /** How many of the first probes get a streaming cursor (the rest are only scored). */
  int streamed();

  /**
   * Which streamed cursors must have departed (relaxed monotonicity) before the bound is trusted:
   * those whose term can move the score materially. A light term's frontier still enters the
   * bound; only the wait for its cursor to leave the query's neighbourhood is skipped.
   */
  default boolean[] mustDepart() {
    boolean[] all = new boolean[streamed()];
    java.util.Arrays.fill(all, true);
    return all;
  }

  /** The score from the row's distance to every probe; null when a distance is missing (no vector). */
  Score score(float[] distances);

  /** The best score a row could have whose distance to streamed probe i is at least {@code frontier[i]}. */
  Score bound(float[] frontier);

  /**
   * How urgently cursor i should be pulled next under adaptive scheduling, from its frontier
   * distance and the pulls it has had: larger first.
   */
  double pullPriority(int i, float frontier, long pulls);

  /** Compared sunk rows last, then by value, then by doc id. */
  record Score(boolean sunk, double value) implements Comparable<Score> {
    /** This score made worse by {@code slack} of its magnitude: a bound that stops the stream sooner. */
    Score relaxed(double slack) {
      return new Score(sunk, value + slack * Math.abs(value));
    }

    @Override
    public int compareTo(Score o) {
      return sunk != o.sunk ? (sunk ? 1 : -1) : Double.compare(value, o.value);
    }
  }

  /** {@code Σ weight_i · distance_i}. */
  record WeightedSum(List<Probe> probes) implements VectorScoring {
    @Override
    public int streamed() {
      return probes.size();
    }

    @Override
    public Score score(float[] distances) {
      double sum = 0;
      for (int i = 0; i < distances.length; i++) {
        sum += probes.get(i).weight() * (double) distances[i];
      }
      return new Score(false, sum);
    }

    @Override
    public Score bound(float[] frontier) {
      return score(frontier);
    }

    /** A term with less than a quarter of the heaviest weight need not wait for its cursor to depart. */
    @Override
    public boolean[] mustDepart() {
      double heaviest = probes.stream().mapToDouble(Probe::weight).max().orElse(1);
      boolean[] out = new boolean[probes.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = probes.get(i).weight() >= LIGHT_TERM * heaviest;
      }
      return out;
    }

    /** Below this share of the heaviest weight a term is light (see {@link #mustDepart()}). */
    static final double LIGHT_TERM = 0.25;

    /**
     * Pulls in proportion to the weights: a term with ten times the weight moves the bound ten
     * times as far per unit of distance, so its cursor gets ten pulls for the other's one.
     */
    @Override
    public double pullPriority(int i, float frontier, long pulls) {
      return probes.get(i).weight() / (pulls + 1.0);
    }
  }

  /**
   * Best score over positives (streamed) and negatives (scored only): a row more similar to some
   * positive than to every negative scores {@code -maxSimilarity(positives)}; any other row is
   * sunk and scores {@code maxSimilarity(negatives)}.
   */
  record BestScore(List<Probe> probes, int positives) implements VectorScoring {
    @Override
    public int streamed() {
      return positives;
    }

    @Override
    public Score score(float[] distances) {
      double bestPositive = Double.NEGATIVE_INFINITY;
      double bestNegative = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < distances.length; i++) {
        double similarity = probes.get(i).metric().similarity(distances[i]);
        if (i < positives) {
          bestPositive = Math.max(bestPositive, similarity);
        } else {
          bestNegative = Math.max(bestNegative, similarity);
        }
      }
      return bestPositive > bestNegative ? new Score(false, -bestPositive) : new Score(true, bestNegative);
    }

    /** An unseen row is at best as similar to a positive as the nearest frontier. */
    @Override
    public Score bound(float[] frontier) {
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < positives; i++) {
        best = Math.max(best, probes.get(i).metric().similarity(frontier[i]));
      }
      return new Score(false, -best);
    }

    /** The bound is the best frontier over positives: raise it by pulling the cursor nearest its query. */
    @Override
    public double pullPriority(int i, float frontier, long pulls) {
      return -frontier;
    }
  }

  /** The row's distance to every probe into {@code out}; false when it lacks a vector in some column. */
  static boolean distances(VectorScoring scoring, List<VectorArena> arenas, int doc, float[] out) {
    VectorKernels kernels = Kernels.get();
    List<Probe> probes = scoring.probes();
    for (int i = 0; i < out.length; i++) {
      Probe p = probes.get(i);
      float d = VectorCondition.distance(arenas.get(i), p.metric(), kernels, p.prepared(), doc);
      if (Float.isNaN(d)) {
        return false;
      }
      out[i] = d;
    }
    return true;
  }
}
