package io.venndb.store;

import java.util.concurrent.atomic.AtomicInteger;
import org.roaringbitmap.RoaringBitmap;
import org.rocksdb.Snapshot;

/**
 * One consistent state of a collection: the live docs after a commit and the RocksDB snapshot
 * taken right after that commit. Doc ids are never reused and rows never change under a doc id,
 * so indexes (which only grow) intersected with {@link #liveDocs()} and rows read at
 * {@link #snapshot()} show exactly this state, whatever writers do meanwhile.
 *
 * <p>Reference counted: the collection holds one reference while the view is current, each reader
 * one while it runs; the RocksDB snapshot is released when the count reaches zero.
 */
public final class ReadView implements AutoCloseable {
  private final long generation;
  private final RoaringBitmap liveDocs;
  private final int maxDocExclusive;
  private final Snapshot snapshot;
  private final RocksStore rocks;
  private final AtomicInteger refs = new AtomicInteger(1);

  ReadView(long generation, RoaringBitmap liveDocs, int maxDocExclusive, Snapshot snapshot, RocksStore rocks) {
    this.generation = generation;
    this.liveDocs = liveDocs;
    this.maxDocExclusive = maxDocExclusive;
    this.snapshot = snapshot;
    this.rocks = rocks;
  }

  /** The commit count of the collection when this view was published. */
  public long generation() {
    return generation;
  }

  /** Live doc ids. Shared and read-only: callers must never modify it. */
  public RoaringBitmap liveDocs() {
    return liveDocs;
  }

  public long liveCount() {
    return liveDocs.getLongCardinality();
  }

  /** One past the largest doc id ever allocated when this view was published. */
  public int maxDocExclusive() {
    return maxDocExclusive;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** Takes a reference unless the view was already released; false means: read the current one. */
  boolean tryRetain() {
    for (int n = refs.get(); n > 0; n = refs.get()) {
      if (refs.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Drops one reference; the last one releases the RocksDB snapshot. */
  @Override
  public void close() {
    int left = refs.decrementAndGet();
    assert left >= 0 : "view released more often than retained";
    if (left == 0 && snapshot != null) {
      rocks.release(snapshot);
      snapshot.close();
    }
  }
}
