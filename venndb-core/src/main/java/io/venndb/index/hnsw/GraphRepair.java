package io.venndb.index.hnsw;

import java.util.BitSet;

/**
 * Makes every layer-0 node reachable from the entry point again. The neighbour heuristic keeps
 * diverse links, so a node can lose every in-link to the pruning of later inserts, and then no
 * search finds it: on the Debian catalog an exhaustive scan reached 63,130 of 63,466 nodes. After
 * a bulk build each node out of reach is linked from its nearest reachable node that still has a
 * free slot, and everything reachable from it is marked in turn. No link is ever dropped, so no
 * node that was reachable stops being reachable; a node whose nearest reachable nodes all have
 * full lists stays out of reach (counted, not forced).
 *
 * <p>An exact copy of a reachable node is left out of reach on purpose: the neighbour heuristic
 * keeps one member of a group of identical vectors linked, and any member answers a search as
 * well as another. Linking every copy made whole groups reachable, and a scan that met one
 * expanded all of it (a PyPI summary repeated by thousands of packages turned a 1 ms vector-NOT
 * query into 22 ms).
 *
 * <p>Runs under the index's writer lock; concurrent readers see each new link atomically (the
 * node's seqlock), as they see an insert's.
 */
final class GraphRepair {
  /**
   * @param unreachable nodes no search from the entry point could reach before the repair
   * @param linked those now linked from a reachable node (with everything reachable from them)
   * @param copies those left out of reach because they are exact copies of a reachable node
   */
  record Result(int unreachable, int linked, int copies) {}

  /** Identical vectors score about 0 under every metric (cosine: 1 - dot, with rounding). */
  private static final float COPY_DISTANCE = 1e-5f;

  private final GraphStore graph;
  private final VectorSource vectors;
  private final int ef;
  private final int[] links;
  private final BitSet reached;
  private int[] stack = new int[1024];

  private GraphRepair(GraphStore graph, VectorSource vectors, int ef) {
    this.graph = graph;
    this.vectors = vectors;
    this.ef = ef;
    this.links = new int[graph.maxConn(0)];
    this.reached = new BitSet(graph.docCapacity());
  }

  /** Repairs {@code graph}, searching {@code ef} candidates for each node out of reach. */
  static Result connect(GraphStore graph, VectorSource vectors, int ef) {
    return new GraphRepair(graph, vectors, ef).run();
  }

  /** Nodes reachable on layer 0 from the entry point (the measure the repair restores). */
  static int reachableCount(GraphStore graph) {
    GraphRepair walk = new GraphRepair(graph, null, 1);
    long entry = graph.entry();
    if (entry != GraphStore.NO_ENTRY) {
      walk.markFrom(GraphStore.entryNode(entry));
    }
    return walk.reached.cardinality();
  }

  private Result run() {
    long entry = graph.entry();
    if (entry == GraphStore.NO_ENTRY) {
      return new Result(0, 0, 0);
    }
    markFrom(GraphStore.entryNode(entry));
    Traversal traversal = new Traversal(graph, vectors);
    float[] vector = new float[vectors.dimension()];
    float[] other = new float[vectors.dimension()];
    int unreachable = 0, linked = 0, copies = 0;
    for (int doc = 0, end = graph.docCapacity(); doc < end; doc++) {
      if (reached.get(doc) || !graph.contains(doc)) {
        continue;
      }
      unreachable++;
      long[] found = nearestReachable(doc, traversal, vector, entry);
      if (isCopyOfReachable(found, vector, other)) {
        copies++;
      } else if (linkFromFirstWithRoom(found, doc)) {
        linked++;
        markFrom(doc);
      }
    }
    return new Result(unreachable, linked, copies);
  }

  /** The graph's nearest nodes to {@code doc}, ascending by distance (its vector is left in {@code vector}). */
  private long[] nearestReachable(int doc, Traversal traversal, float[] vector, long entry) {
    vectors.load(doc, vector);
    traversal.begin();
    traversal.visited.discover(doc);
    traversal.seed(traversal.descend(vector, entry, 0), Traversal.ALL, ef);
    traversal.searchLayer(vector, 0, ef, Traversal.ALL, Traversal.NO_BUDGET);
    return traversal.results.sortedAscending(new long[traversal.results.size()]);
  }

  /** Whether a reachable node at (about) distance 0 holds exactly {@code vector}. */
  private boolean isCopyOfReachable(long[] found, float[] vector, float[] other) {
    for (long key : found) {
      if (Keys.distance(key) > COPY_DISTANCE) {
        return false;
      }
      int node = Keys.doc(key);
      vectors.load(node, other);
      if (reached.get(node) && java.util.Arrays.equals(vector, other)) {
        return true;
      }
    }
    return false;
  }

  /** Adds a link to {@code doc} from the nearest reachable node that has a free slot. */
  private boolean linkFromFirstWithRoom(long[] found, int doc) {
    for (long key : found) {
      int node = Keys.doc(key);
      if (reached.get(node) && appendLink(node, doc)) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code from -> to} if {@code from}'s list has room; never drops a link. */
  private boolean appendLink(int from, int to) {
    graph.lock(from);
    try {
      int n = graph.neighbors(from, 0, links);
      if (n >= graph.maxConn(0)) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (links[i] == to) {
          return true;
        }
      }
      links[n] = to;
      graph.setNeighbors(from, 0, links, n + 1);
      return true;
    } finally {
      graph.unlock(from);
    }
  }

  /** Marks every node reachable on layer 0 from {@code start} (iterative depth-first walk). */
  private void markFrom(int start) {
    if (reached.get(start)) {
      return;
    }
    reached.set(start);
    int top = 0;
    stack[top++] = start;
    while (top > 0) {
      int node = stack[--top];
      int n = graph.neighbors(node, 0, links);
      for (int i = 0; i < n; i++) {
        int next = links[i];
        if (!reached.get(next)) {
          reached.set(next);
          if (top == stack.length) {
            stack = java.util.Arrays.copyOf(stack, 2 * top);
          }
          stack[top++] = next;
        }
      }
    }
  }
}
