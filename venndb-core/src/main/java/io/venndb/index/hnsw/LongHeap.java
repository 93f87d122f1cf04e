package io.venndb.index.hnsw;

import java.util.Arrays;

/**
 * A binary heap of packed {@link Keys} that grows on demand and is cleared in O(1), so one
 * instance serves every query of a searcher. A max-heap stores complemented keys: {@code ~key}
 * reverses the signed order, so both kinds share one min-heap implementation.
 */
final class LongHeap {
  private final boolean max;
  private long[] heap;
  private int size;

  private LongHeap(boolean max, int initialCapacity) {
    this.max = max;
    this.heap = new long[Math.max(4, initialCapacity)];
  }

  /** Smallest key on top: the frontier of a best-first search. */
  static LongHeap min(int initialCapacity) {
    return new LongHeap(false, initialCapacity);
  }

  /** Largest key on top: the worst of the results kept so far. */
  static LongHeap max(int initialCapacity) {
    return new LongHeap(true, initialCapacity);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  long top() {
    assert size > 0 : "top of an empty heap";
    return unwrap(heap[0]);
  }

  void push(long key) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, heap.length * 2);
    }
    heap[size] = wrap(key);
    siftUp(size++);
  }

  long pop() {
    assert size > 0 : "pop of an empty heap";
    long top = heap[0];
    heap[0] = heap[--size];
    if (size > 0) {
      siftDown(0);
    }
    return unwrap(top);
  }

  /** Keeps at most {@code capacity} keys, the best ones; only for max-heaps (bounded results). */
  boolean offerBounded(long key, int capacity) {
    assert max : "bounded offers keep the smallest keys, which needs a max-heap";
    if (size < capacity) {
      push(key);
      return true;
    }
    if (size > 0 && key < top()) {
      heap[0] = wrap(key);
      siftDown(0);
      return true;
    }
    return false;
  }

  /** The keys in ascending order, written to {@code out} (grown when short); the heap is kept. */
  long[] sortedAscending(long[] out) {
    long[] target = out.length >= size ? out : new long[size];
    for (int i = 0; i < size; i++) {
      target[i] = unwrap(heap[i]);
    }
    Arrays.sort(target, 0, size);
    return target;
  }

  private long wrap(long key) {
    return max ? ~key : key;
  }

  private long unwrap(long stored) {
    return max ? ~stored : stored;
  }

  private void siftUp(int index) {
    long key = heap[index];
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (heap[parent] <= key) {
        break;
      }
      heap[index] = heap[parent];
      index = parent;
    }
    heap[index] = key;
  }

  private void siftDown(int index) {
    long key = heap[index];
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      if (child + 1 < size && heap[child + 1] < heap[child]) {
        child++;
      }
      if (key <= heap[child]) {
        break;
      }
      heap[index] = heap[child];
      index = child;
    }
    heap[index] = key;
  }
}
