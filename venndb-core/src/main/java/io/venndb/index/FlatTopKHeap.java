package io.venndb.index;

import java.util.Arrays;

/**
 * Keeps the {@code capacity} smallest packed keys seen: a max-heap on a {@code long[]} whose root
 * is the current worst, so a candidate that cannot make the cut costs one comparison.
 */
final class FlatTopKHeap {
  private final long[] heap;
  private int size;

  FlatTopKHeap(int capacity) {
    heap = new long[capacity];
  }

  void offer(long key) {
    if (size < heap.length) {
      heap[size] = key;
      siftUp(size++);
    } else if (key < heap[0]) {
      heap[0] = key;
      siftDown(0);
    }
  }

  int size() {
    return size;
  }

  /** Whether {@code capacity} keys are kept, so {@link #worst} is the cut. */
  boolean isFull() {
    return size == heap.length;
  }

  /** The largest kept key; only meaningful when {@link #isFull}. */
  long worst() {
    return heap[0];
  }

  /** The kept keys in ascending order; the heap is unusable afterwards. */
  long[] sortedKeys() {
    long[] keys = Arrays.copyOf(heap, size);
    Arrays.sort(keys);
    return keys;
  }

  private void siftUp(int index) {
    long key = heap[index];
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (heap[parent] >= key) {
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
      if (child + 1 < size && heap[child + 1] > heap[child]) {
        child++;
      }
      if (key >= heap[child]) {
        break;
      }
      heap[index] = heap[child];
      index = child;
    }
    heap[index] = key;
  }
}
