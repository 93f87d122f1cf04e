package io.venndb.bench.system;

/**
 * Work one Lucene search did, summed over its vector clauses: nodes visited by graph searches
 * (Lucene reports them as the approximate TopDocs' total hits) and vectors scored by exact
 * fallbacks. One instance per search, used by one thread.
 */
final class WorkCounter {
  long visited;
  long exactScored;

  long distanceComputations() {
    return visited + exactScored;
  }
}
