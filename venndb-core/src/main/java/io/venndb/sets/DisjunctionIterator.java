package io.venndb.sets;

import java.util.Arrays;

/**
 * Union through a min-heap of members keyed by their current doc. The keys are kept in a parallel
 * int array so sifting compares primitives instead of calling {@code docId()} on each member.
 */
final class DisjunctionIterator extends DocIdIterator {
  private final DocIdIterator[] heap;
  private final int[] heapDocs;
  private final long cost;
  private int doc = -1;

  /** {@code members} holds at least two unpositioned iterators. */
  DisjunctionIterator(DocIdIterator[] members) {
    assert members.length >= 2 : "a disjunction needs two members, got " + members.length;
    this.heap = members.clone();
    this.heapDocs = new int[members.length];
    Arrays.fill(heapDocs, -1); // all at -1: any order is a valid heap
    this.cost = saturatedCostSum(members);
  }

  /** The union returns at most every member's docs; saturate rather than wrap on huge ranges. */
  private static long saturatedCostSum(DocIdIterator[] members) {
    long sum = 0;
    for (DocIdIterator member : members) {
      sum += member.cost();
      if (sum < 0) {
        return Long.MAX_VALUE;
      }
    }
    return sum;
  }

  @Override
  public int docId() {
    return doc;
  }

  @Override
  public int nextDoc() {
    int current = doc;
    while (heapDocs[0] == current) {
      heapDocs[0] = heap[0].nextDoc();
      siftDownTop();
    }
    return doc = heapDocs[0];
  }

  @Override
  public int advance(int target) {
    while (heapDocs[0] < target) {
      heapDocs[0] = heap[0].advance(target);
      siftDownTop();
    }
    return doc = heapDocs[0];
  }

  @Override
  public long cost() {
    return cost;
  }

  private void siftDownTop() {
    DocIdIterator moving = heap[0];
    int movingDoc = heapDocs[0];
    int i = 0;
    int child;
    while ((child = smallerChild(i)) >= 0 && heapDocs[child] < movingDoc) {
      heap[i] = heap[child];
      heapDocs[i] = heapDocs[child];
      i = child;
    }
    heap[i] = moving;
    heapDocs[i] = movingDoc;
  }

  /** The child of {@code i} with the smaller doc, or -1 for a leaf. */
  private int smallerChild(int i) {
    int left = 2 * i + 1;
    if (left >= heap.length) {
      return -1;
    }
    int right = left + 1;
    return right < heap.length && heapDocs[right] < heapDocs[left] ? right : left;
  }
}
