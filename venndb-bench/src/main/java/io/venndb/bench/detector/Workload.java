package io.venndb.bench.detector;

import io.venndb.index.hnsw.CursorOptions;
import io.venndb.index.hnsw.HnswResult;
import io.venndb.index.hnsw.HnswSearcher;

/** One family of queries that the cursor answers, run at a detector setting and scored against the truth. */
interface Workload {
  /** How far boundary ties are forgiven: about the float error of a 384-d cosine distance. */
  double TIE = 1e-5;

  /** A short name for table headings, e.g. "top-10, pass rate 10%". */
  String name();

  /** How the rows owed are defined; printed under the workload's heading. */
  String description();

  /** Queries this workload runs: the first {@code queries()} of the data set. */
  int queries();

  HnswResult run(HnswSearcher searcher, int query, CursorOptions options);

  /** How well {@code docIds} answers {@code query}. */
  Score score(int query, int[] docIds);

  /** True when no row qualifies, so what matters is how soon the scan gives up, not recall. */
  default boolean expectsNoRows() {
    return false;
  }

  /**
   * @param recall share of the rows owed that the answer holds (1 when nothing is owed)
   * @param isShort the answer holds fewer rows than it owes
   */
  record Score(double recall, boolean isShort) {}
}
