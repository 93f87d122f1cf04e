package io.venndb.bench.truth;

/**
 * Keeps the {@code capacity} best (similarity, row) pairs: higher similarity first, equal
 * similarities by lower row. Pairs are packed in a {@code long} whose natural order is "better",
 * so the heap is a plain min-heap of primitives.
 */
final class TopHeap {
  private final long[] heap;
  private int size;

  TopHeap(int capacity) {
    this.heap = new long[Math.max(0, capacity)];
  }

  static long pack(float similarity, int row) {
    int bits = Float.floatToIntBits(similarity + 0f);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) sortable << 32) | (Integer.MAX_VALUE - row);
  }

  static float similarityOf(long key) {
    int sortable = (int) (key >> 32);
    return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
  }

  static int rowOf(long key) {
    return Integer.MAX_VALUE - (int) key;
  }

  void offer(float similarity, int row) {
    if (heap.length == 0) {
      return;
    }
    long key = pack(similarity, row);
    if (size < heap.length) {
      heap[size] = key;
      up(size++);
    } else if (key > heap[0]) {
      heap[0] = key;
      down(0);
    }
  }

  int size() {
    return size;
  }

  /** The kept pairs, best first. Empties the heap. */
  long[] drainBestFirst() {
    long[] out = new long[size];
    for (int i = size - 1; i >= 0; i--) {
      out[i] = heap[0];
      heap[0] = heap[--size];
      down(0);
    }
    return out;
  }

  private void up(int i) {
    long key = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= key) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
  }

  private void down(int i) {
    long key = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && heap[child + 1] < heap[child]) {
        child++;
      }
      if (key <= heap[child]) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = key;
  }
}
