package io.venndb.api;

/**
 * Sizes of a collection at one moment.
 *
 * @param liveRows rows visible to queries
 * @param docIdsAllocated doc ids handed out so far, live or dead (dead ones await compaction)
 * @param generation commits applied since the collection was created
 * @param vectorBytesOffHeap bytes of off-heap vector arena memory allocated, all vector columns
 * @param graphBytes heap bytes of the HNSW graphs' links and levels, all vector columns (the
 *     graphs read vectors from the arenas, so this is what an index adds to them)
 * @param keyBytes heap bytes of the in-memory primary-key column that answers keys-only queries
 *     without reading rows (about 8 bytes per doc id plus, for string keys, their UTF-8 bytes)
 */
public record CollectionStats(long liveRows, long docIdsAllocated, long generation, long vectorBytesOffHeap,
    long graphBytes, long keyBytes) {}
