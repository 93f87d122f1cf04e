package io.venndb.index.hnsw;

import java.util.Arrays;

/**
 * Which docs a query has discovered (distance computed) and expanded (neighbours read), as stamps
 * in an {@code int[]} indexed by doc id. Each query takes two fresh stamps instead of clearing the
 * array, so starting a query is O(1); the array grows when a doc inserted after it was sized shows
 * up (a writer may insert while a cursor is open).
 */
final class VisitedSet {
  private int[] marks;
  /** Stamp meaning "discovered" in the current query; {@code base + 1} means "expanded". */
  private int base = 2;

  VisitedSet(int capacity) {
    marks = new int[Math.max(16, capacity)];
  }

  /** Forgets the previous query. */
  void reset() {
    if (base >= Integer.MAX_VALUE - 4) {
      Arrays.fill(marks, 0); // stamps would wrap into values an old query left behind
      base = 0;
    }
    base += 2;
  }

  /** Marks {@code doc} discovered; false when the current query had already discovered it. */
  boolean discover(int doc) {
    ensure(doc);
    if (marks[doc] >= base) {
      return false;
    }
    marks[doc] = base;
    return true;
  }

  boolean isDiscovered(int doc) {
    return doc < marks.length && marks[doc] >= base;
  }

  void markExpanded(int doc) {
    ensure(doc);
    marks[doc] = base + 1;
  }

  boolean isExpanded(int doc) {
    return doc < marks.length && marks[doc] == base + 1;
  }

  private void ensure(int doc) {
    if (doc >= marks.length) {
      marks = Arrays.copyOf(marks, Math.max(doc + 1, marks.length + (marks.length >> 1)));
    }
  }
}
