/**
 * Doc-id sets and the algebra over them: the layer every index answers in and every predicate
 * composes in, vector similarity included.
 *
 * <p>Two ways to hold a candidate set, chosen by the caller:
 *
 * <ul>
 *   <li><b>Streaming</b>: a {@link io.venndb.sets.DocIdIterator} (sorted ids, {@code advance},
 *       {@code cost()} as an upper bound), combined lazily by {@link
 *       io.venndb.sets.DocIdIterators}. Expensive per-doc checks (a distance computation) are
 *       {@link io.venndb.sets.TwoPhaseIterator}s, run last and cheapest first.
 *   <li><b>Materialised</b>: a {@code RoaringBitmap}, combined with {@link io.venndb.sets.Bitmaps}
 *       and counted without building. {@link io.venndb.sets.DocIdSets} moves between the two and
 *       combines {@link io.venndb.sets.DocIdSet}s with bitmap operations where every input is a
 *       bitmap already.
 * </ul>
 *
 * <p>Doc ids lie in {@code [0, DocIdIterator.MAX_DOC_ID]}. NOT is always exclusion from a positive
 * set; a pure negative needs the live-docs universe ({@code complement(set, universe)}).
 *
 * <p>This package imports nothing else of VennDB's.
 */
package io.venndb.sets;
