package io.venndb.ingest;

import java.util.Arrays;

/** (doc id, level key) pairs awaiting graph insertion, in primitive arrays. */
final class DeferredDocs {
  private int[] docs = new int[1024];
  private long[] keys = new long[1024];
  private int size;

  void add(int doc, long key) {
    if (size == docs.length) {
      docs = Arrays.copyOf(docs, size * 2);
      keys = Arrays.copyOf(keys, size * 2);
    }
    docs[size] = doc;
    keys[size++] = key;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int[] docs() {
    return Arrays.copyOf(docs, size);
  }

  long[] keys() {
    return Arrays.copyOf(keys, size);
  }

  void clear() {
    size = 0;
  }
}
