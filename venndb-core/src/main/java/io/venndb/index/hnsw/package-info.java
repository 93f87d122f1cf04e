/**
 * HNSW, the default vector index: a graph over the vectors of a {@link
 * io.venndb.store.VectorArena}, searched four ways from one traversal core.
 *
 * <h2>Building</h2>
 *
 * {@link io.venndb.index.hnsw.HnswIndex#create} then {@link io.venndb.index.hnsw.HnswIndex#insert
 * insert(docId, levelKey)} from one writer, or {@link io.venndb.index.hnsw.HnswIndex#build} with
 * several threads. The level key is the primary key's 64-bit hash: with the configured seed it
 * fixes each node's level, so replicas that apply the same inserts in the same order get the same
 * graph (the incremental path and a one-thread build are deterministic; a parallel build is not,
 * so ship its file instead). Determinism assumes the replicas compute bit-identical distances,
 * i.e. run the same {@link io.venndb.vector.Kernels} (the same SIMD width, or all scalar). Deletes are not applied to the graph: searches take the live docs
 * and skip the others, and {@link io.venndb.index.hnsw.HnswIndex#rebuild} builds a fresh graph
 * over the live docs when enough are dead. {@link io.venndb.index.hnsw.HnswIndex#save} and {@link
 * io.venndb.index.hnsw.HnswIndex#load} keep the graph in a checksummed file; a bad file is a
 * {@link io.venndb.error.CorruptionException}, after which the caller rebuilds from the rows.
 *
 * <h2>Searching</h2>
 *
 * One {@link io.venndb.index.hnsw.HnswSearcher} per thread, reused across queries:
 *
 * <ul>
 *   <li>{@code search(q, k, ef, live)}: classic top-k.
 *   <li>{@code searchFiltered(q, k, ef, live, accept)}: top-k inside a materialised filter; exact
 *       scan for small filters, two-hop (ACORN-1) traversal for restrictive ones, exact fallback
 *       when the graph's budget runs out. Always {@code min(k, |live ∩ accept|)} rows.
 *   <li>{@code cursor(q, live, options)}: a VBASE iterator yielding docs in approximately
 *       increasing distance, with the relaxed-monotonicity state ({@code departed()}, R, M) and
 *       budgets.
 *   <li>{@code range(q, maxDistance, live, options)}: every live doc within a distance, stopping
 *       by the same detector.
 *   <li>{@code topK(q, k, live, predicate, options)} / {@link io.venndb.index.hnsw.CursorTopK}:
 *       top-k over the cursor with a per-row predicate, exact fallback on budget.
 * </ul>
 *
 * Every {@link io.venndb.index.hnsw.HnswResult} reports nodes visited, distance computations, the
 * {@link io.venndb.index.hnsw.StopReason} and whether an exact scan was used.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * HnswIndex index = HnswIndex.create(arena, Metric.COSINE, HnswConfig.defaults());
 * index.insert(docId, primaryKeyHash);                 // after arena.set(docId, prepared vector)
 * HnswSearcher searcher = index.newSearcher();         // one per thread, reused
 * HnswResult top = searcher.search(query, 10, view.liveDocs());
 * HnswResult tagged = searcher.topK(query, 10, view.liveDocs(), tagged::contains,
 *     CursorOptions.defaults());                        // VBASE: filter above the iterator
 * index.save(dir.resolve("emb.hnsw"));                 // HnswIndex.load(...) on open
 * }</pre>
 *
 * <h2>Concurrency and memory</h2>
 *
 * Layer-0 links live in flat per-page {@code int[]} blocks of {@code 2 + 2M} ints per node, read
 * under a per-node seqlock, so readers never see a half-written list; upper-layer lists are
 * exact-size arrays replaced whole. Readers may see a new node before all its links. Links cost
 * about {@code (2M + 2) * 4 + 12} bytes per node (levels, page bookkeeping and the upper layers
 * included): about 1.15 to 1.2 times the layer-0 capacity of {@code 2M} ints; vectors are not
 * copied.
 *
 * <p>A graph does not guarantee that every node is reachable (inner-product graphs in particular
 * leave some low-norm nodes without in-links); the filtered search and the cursor's top-k fall
 * back to an exact scan when the graph runs out before k rows, so row counts stay exact.
 */
package io.venndb.index.hnsw;
