package io.venndb.index;

/**
 * What rebuilding one column's HNSW graph did.
 *
 * @param column the vector column
 * @param nodesBefore nodes in the old graph, deleted rows included
 * @param nodesAfter nodes in the new graph: the live rows with a vector in the column
 * @param seconds wall time of the build
 */
public record GraphRebuild(String column, int nodesBefore, int nodesAfter, double seconds) {}
