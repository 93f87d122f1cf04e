package io.venndb.plan;

/** How a query produces its ranked rows; {@code EXPLAIN} names the chosen one and the runner-up. */
public enum Strategy {
  /** Materialise the filter, exact (SIMD) top-k over its members: cheap when the filter is small. */
  EXACT_OVER_FILTER("materialise the filter, exact top-k over its members"),
  /**
   * Materialise the filter, rank its members by one-bit codes, rescore the best exactly until the
   * codes' measured error says no other member can place: approximate, priced per member at a
   * popcount and a cache line.
   */
  BIT_SCAN_OVER_FILTER("materialise the filter, rank its members by one-bit codes, rescore the best exactly"),
  /** Materialise the filter, HNSW traversal that admits only its members (ACORN-1 two-hop when sparse). */
  FILTERED_GRAPH("materialise the filter, filtered HNSW traversal"),
  /** Stream the VBASE cursor and test the filter on each row, stopping on k rows plus departure. */
  STREAM_CURSOR("stream the HNSW cursor, test the filter per row"),
  /** One streaming cursor per query vector, rows scored on every vector, threshold-algorithm stop. */
  MULTI_CURSOR("stream one HNSW cursor per query vector, score rows on all of them"),
  /** Plain HNSW top-k: there is no filter. */
  GRAPH_TOPK("HNSW top-k"),
  /** Walk the column's sorted index in order, keeping members of the materialised filter. */
  INDEX_ORDER("walk the sorted index in order over the materialised filter"),
  /** Materialise the filter, read its rows and sort them by the column. */
  SORT_ROWS("materialise the filter, read and sort its rows"),
  /** Materialise the filter, first rows in doc-id (insertion) order. */
  DOC_ORDER("materialise the filter, rows in insertion order");

  private final String description;

  Strategy(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
