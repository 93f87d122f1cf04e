package io.venndb.index.hnsw;

import java.util.Arrays;

/**
 * Adds nodes to a graph (HNSW's INSERT). One per writer thread: it owns a traversal and buffers.
 * Several inserters may work on one graph at once (the parallel build); every list update is a
 * read-modify-write under the node's lock, one lock at a time, so they cannot deadlock.
 *
 * <p>With one inserter the result depends only on the order of inserts and their level keys:
 * distances are deterministic and every tie is broken by doc id.
 */
final class Inserter {
  private final GraphStore graph;
  private final VectorSource vectors;
  private final LevelAssigner levels;
  private final int efConstruction;
  private final Traversal traversal;
  private final NeighborSelector selector;
  private final float[] vector;
  private final float[] other;
  private final int[] chosen;
  private final int[] links;
  /** The layer's search results, sorted; they seed the next layer down. */
  private long[] keys;
  /** (distance, doc) of one list being pruned; separate so pruning never clobbers {@link #keys}. */
  private final long[] linkKeys;

  Inserter(GraphStore graph, VectorSource vectors, HnswConfig config) {
    this.graph = graph;
    this.vectors = vectors;
    this.levels = new LevelAssigner(config.m(), config.seed());
    this.efConstruction = config.efConstruction();
    this.traversal = new Traversal(graph, vectors);
    this.selector = new NeighborSelector(vectors, graph.maxConn(0));
    this.vector = new float[vectors.dimension()];
    this.other = new float[vectors.dimension()];
    this.chosen = new int[Math.max(efConstruction, graph.maxConn(0)) + 1];
    this.links = new int[2 * graph.maxConn(0) + 1]; // own choice merged with concurrent reverse links
    this.keys = new long[efConstruction];
    this.linkKeys = new long[links.length];
  }

  /** Inserts {@code doc}, whose vector is in the arena; false if it already was a node. */
  boolean insert(int doc, long levelKey) {
    int level = levels.level(levelKey);
    if (!graph.addNode(doc, level)) {
      return false;
    }
    long entry = graph.entry();
    if (entry == GraphStore.NO_ENTRY) {
      graph.raiseEntry(doc, level); // only ever reached by the first, single-threaded insert
      return true;
    }
    vectors.load(doc, vector);
    traversal.begin();
    int entryLevel = GraphStore.entryLevel(entry);
    long start = traversal.descend(vector, entry, level);
    traversal.visited.discover(doc); // a concurrent builder may already link to this node
    traversal.seed(start, Traversal.ALL, efConstruction);
    for (int layer = Math.min(level, entryLevel); layer >= 0; layer--) {
      connect(doc, layer);
    }
    if (level > entryLevel) {
      graph.raiseEntry(doc, level);
    }
    return true;
  }

  /** Finds neighbours on one layer, links both ways, and seeds the next layer down. */
  private void connect(int doc, int layer) {
    traversal.searchLayer(vector, layer, efConstruction, Traversal.ALL, Traversal.NO_BUDGET);
    int found = traversal.results.size();
    keys = traversal.results.sortedAscending(keys);
    int count = selector.select(keys, found, graph.maxConn(layer), chosen);
    setOwnLinks(doc, layer, count);
    for (int i = 0; i < count; i++) {
      addLink(chosen[i], doc, layer);
    }
    traversal.visited.reset();
    traversal.visited.discover(doc);
    for (int i = 0; i < found; i++) {
      traversal.visited.discover(Keys.doc(keys[i]));
      traversal.frontier.push(keys[i]); // results stay: they are nodes of the lower layer too
    }
  }

  /**
   * Writes the chosen links, merged with reverse links concurrent builders added meanwhile (only a
   * parallel build can overflow the list here, so the full re-selection is rare).
   */
  private void setOwnLinks(int doc, int layer, int count) {
    graph.lock(doc);
    try {
      int existing = graph.neighbors(doc, layer, links);
      int n = existing;
      for (int i = 0; i < count; i++) {
        if (indexOf(links, n, chosen[i]) < 0) {
          links[n++] = chosen[i];
        }
      }
      int maxConn = graph.maxConn(layer);
      graph.setNeighbors(doc, layer, links, n <= maxConn ? n : prune(doc, n, maxConn));
    } finally {
      graph.unlock(doc);
    }
  }

  /**
   * Adds the reverse link {@code from -> to} ({@code to} is the node being inserted). A full list
   * drops one link, the farthest non-diverse one, instead of being re-selected from scratch.
   */
  private void addLink(int from, int to, int layer) {
    graph.lock(from);
    try {
      int n = graph.neighbors(from, layer, links);
      if (indexOf(links, n, to) >= 0) {
        return;
      }
      links[n++] = to;
      if (n <= graph.maxConn(layer)) {
        graph.setNeighbors(from, layer, links, n);
      } else {
        sortByDistanceTo(from, n);
        graph.setNeighbors(from, layer, links, selector.dropOne(linkKeys, n, to, vector, links));
      }
    } finally {
      graph.unlock(from);
    }
  }

  /** Keeps a diverse subset of {@code links[0..n)} relative to {@code base}; returns its size. */
  private int prune(int base, int n, int maxConn) {
    sortByDistanceTo(base, n);
    return selector.select(linkKeys, n, maxConn, links);
  }

  /** Fills {@code linkKeys[0..n)} with (distance to base, doc) of {@code links[0..n)}, ascending. */
  private void sortByDistanceTo(int base, int n) {
    vectors.load(base, other);
    for (int i = 0; i < n; i++) {
      linkKeys[i] = Keys.pack(vectors.distance(links[i], other), links[i]);
    }
    Arrays.sort(linkKeys, 0, n);
  }

  private static int indexOf(int[] values, int count, int value) {
    for (int i = 0; i < count; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
