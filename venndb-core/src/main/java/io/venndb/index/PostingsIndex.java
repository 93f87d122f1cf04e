package io.venndb.index;

import io.venndb.catalog.ColumnDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the bitmap and sorted indexes share: value → posting bitmap under a read-write lock, so
 * queries read while the single writer appends. Subclasses choose the map (hash or ordered).
 */
abstract sealed class PostingsIndex permits BitmapIndex, SortedIndex {
  private final ColumnDef column;
  final Map<Object, RoaringBitmap> postings;
  final RoaringBitmap present = new RoaringBitmap();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  PostingsIndex(ColumnDef column, Map<Object, RoaringBitmap> postings) {
    this.column = column;
    this.postings = postings;
  }

  public ColumnDef column() {
    return column;
  }

  /** Adds a doc under each of its keys (one for scalars, one per tag). */
  final void addKeys(int docId, Iterable<?> keys) {
    lock.writeLock().lock();
    try {
      present.add(docId);
      for (Object key : keys) {
        postings.computeIfAbsent(key, k -> new RoaringBitmap()).add(docId);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code reader} under the read lock; readers must not leak a posting they did not copy. */
  final <T> T read(Supplier<T> reader) {
    lock.readLock().lock();
    try {
      return reader.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  public RoaringBitmap equal(Object value) {
    return read(() -> {
      RoaringBitmap docs = postings.get(value);
      return docs == null ? new RoaringBitmap() : docs.clone();
    });
  }

  public RoaringBitmap anyOf(Collection<?> values) {
    return read(() -> union(postingsOf(values, false)));
  }

  /** The postings of {@code values}; with {@code stopAtMissing}, null as soon as one is absent. */
  final List<RoaringBitmap> postingsOf(Collection<?> values, boolean stopAtMissing) {
    List<RoaringBitmap> parts = new ArrayList<>(values.size());
    for (Object v : values) {
      RoaringBitmap docs = postings.get(v);
      if (docs != null) {
        parts.add(docs);
      } else if (stopAtMissing) {
        return null;
      }
    }
    return parts;
  }

  /** Docs whose key passes {@code keyTest}: a scan over distinct keys, not over docs. */
  public RoaringBitmap matching(java.util.function.Predicate<Object> keyTest) {
    return read(() -> {
      List<RoaringBitmap> parts = new ArrayList<>();
      postings.forEach((key, docs) -> {
        if (keyTest.test(key)) {
          parts.add(docs);
        }
      });
      return union(parts);
    });
  }

  static RoaringBitmap union(Collection<RoaringBitmap> parts) {
    return parts.isEmpty() ? new RoaringBitmap() : FastAggregation.or(parts.iterator());
  }

  public RoaringBitmap present() {
    return read(present::clone);
  }

  public long presentCount() {
    return read(present::getLongCardinality);
  }

  public long countEqual(Object value) {
    return read(() -> {
      RoaringBitmap docs = postings.get(value);
      return docs == null ? 0L : docs.getLongCardinality();
    });
  }

  public int distinctValues() {
    return read(postings::size);
  }
}
