package io.venndb.index.hnsw;

import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;

/**
 * How an {@link HnswCursor} decides that it has left the query's neighbourhood, and how much it
 * may spend. Relaxed monotonicity (VBASE, OSDI'23): R is the distance of the E-th nearest node
 * visited so far, M the median distance of the last w visited nodes; the scan has departed once
 * M &gt; R. A larger E or w waits longer before trusting the order (higher recall, more work).
 *
 * @param departure the rule: the windowed median, or the last visited node alone (w = 1) as the
 *     released VBASE code does
 * @param e the rank of the bound R
 * @param w the window of the median M; always 1 for {@link Departure#LAST_VISITED}
 * @param maxVisited most nodes the cursor may expand (the greedy descent through the upper layers
 *     included) before stopping with {@link StopReason#BUDGET}
 * @param maxFrontier most entries the frontier may hold (its memory: 8 bytes each)
 */
public record CursorOptions(Departure departure, int e, int w, long maxVisited, int maxFrontier) {
  public static final int DEFAULT_E = 100;
  public static final int DEFAULT_W = 64;
  public static final int DEFAULT_MAX_FRONTIER = 1 << 22;
  /** The detector keeps E and w floats; these bounds keep a typo from allocating gigabytes. */
  private static final int MAX_E = 1 << 20, MAX_W = 1 << 16;

  /** The two departure rules, so they can be measured against each other. */
  public enum Departure {
    /** The paper's rule: median of the last w visited against the E-th nearest. */
    MEDIAN_WINDOW,
    /** The released code's simplification: the last visited node against the E-th nearest. */
    LAST_VISITED
  }

  public CursorOptions {
    if (departure == null) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "departure rule is null");
    }
    within("e", e, MAX_E);
    within("w", w, MAX_W);
    positive("maxVisited", maxVisited);
    positive("maxFrontier", maxFrontier);
    if (departure == Departure.LAST_VISITED) {
      w = 1;
    }
  }

  /**
   * Median window, E = 100, w = 64, no visit limit, a frontier of at most 4M entries (32 MiB). E
   * plays the part ef plays in a classic search: on MiniLM embeddings of package descriptions
   * these give recall@10 near 1 for top-k and about 0.99 for a 100-row range; on uniformly random
   * vectors, which are much harder, raise E.
   */
  public static CursorOptions defaults() {
    return new CursorOptions(
        Departure.MEDIAN_WINDOW, DEFAULT_E, DEFAULT_W, Long.MAX_VALUE, DEFAULT_MAX_FRONTIER);
  }

  public CursorOptions withMedianWindow(int e, int w) {
    return new CursorOptions(Departure.MEDIAN_WINDOW, e, w, maxVisited, maxFrontier);
  }

  public CursorOptions withLastVisited(int e) {
    return new CursorOptions(Departure.LAST_VISITED, e, 1, maxVisited, maxFrontier);
  }

  public CursorOptions withBudget(long maxVisited, int maxFrontier) {
    return new CursorOptions(departure, e, w, maxVisited, maxFrontier);
  }

  private static void within(String name, int value, int max) {
    if (value < 1 || value > max) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "cursor " + name + " " + value + " is outside [1, " + max + "]");
    }
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "cursor " + name + " must be >= 1, got " + value);
    }
  }
}
