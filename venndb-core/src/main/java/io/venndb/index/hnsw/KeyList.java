package io.venndb.index.hnsw;

import java.util.Arrays;

/** A growable list of packed keys, so range results never box. */
final class KeyList {
  private long[] keys = new long[64];
  private int size;

  void add(long key) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size++] = key;
  }

  int size() {
    return size;
  }

  /** Sorts in place and returns the backing array; valid up to {@link #size()}. */
  long[] sorted() {
    Arrays.sort(keys, 0, size);
    return keys;
  }
}
