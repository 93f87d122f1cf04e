package io.venndb.index.hnsw;

import io.venndb.store.VectorArena;
import java.io.IOException;
import java.util.Arrays;

/** Reads and checks a {@link GraphFile}, building the graph as it goes. */
final class GraphFileReader {
  private final GraphFileInput in;
  private final VectorSource vectors;
  private final HnswConfig config;
  private final GraphStore graph;
  private final int maxDoc;
  /** Level + 1 of each node by doc id; 0 for docs that are not nodes. */
  private final byte[] levels;
  /** Per-list stamps that catch a neighbour named twice in one list. */
  private final int[] seenInList;
  private int listStamp;
  private int[] docs;

  GraphFileReader(GraphFileInput in, VectorSource vectors, HnswConfig config) {
    this.in = in;
    this.vectors = vectors;
    this.config = config;
    this.graph = new GraphStore(config.m());
    this.maxDoc = vectors.arena.maxDocExclusive();
    this.levels = new byte[maxDoc];
    this.seenInList = new int[maxDoc];
  }

  GraphStore read() throws IOException {
    checkHeader();
    int count = in.nextInt();
    if (count < 0 || GraphFile.HEADER_BYTES + 12L * count + 4 > in.length()) {
      throw in.corrupt("node count " + count + " does not fit a file of " + in.length() + " bytes");
    }
    int entryNode = in.nextInt();
    int entryLevel = in.nextInt();
    int top = readLevels(count);
    checkEntry(count, entryNode, entryLevel, top);
    readLinks();
    in.verifyChecksumAndEnd();
    if (count > 0) {
      graph.raiseEntry(entryNode, entryLevel);
    }
    return graph;
  }

  private void checkHeader() throws IOException {
    if (!Arrays.equals(in.nextBytes(GraphFile.MAGIC.length), GraphFile.MAGIC)) {
      throw in.corrupt("bad magic; not a VennDB HNSW graph file");
    }
    int version = in.nextInt();
    if (version != GraphFile.VERSION) {
      throw in.corrupt("unsupported format version " + version + "; this build reads " + GraphFile.VERSION);
    }
    expect("metric code", in.nextInt(), GraphFile.metricCode(vectors.metric));
    expect("dimension", in.nextInt(), vectors.dimension());
    expect("M", in.nextInt(), config.m());
    expect("efConstruction", in.nextInt(), config.efConstruction());
    expect("seed", in.nextLong(), config.seed());
  }

  private void expect(String field, long actual, long expected) {
    if (actual != expected) {
      throw in.corrupt(field + " is " + actual + "; expected " + expected);
    }
  }

  /** Reads (doc, level) pairs, adds the nodes, and returns the highest level. */
  private int readLevels(int count) throws IOException {
    VectorArena arena = vectors.arena;
    docs = new int[count];
    int top = -1;
    for (int i = 0; i < count; i++) {
      int doc = in.nextInt();
      int level = in.nextInt();
      if (doc < 0 || (i > 0 && doc <= docs[i - 1])) {
        throw in.corrupt("node doc ids not increasing at node " + i + " (doc " + doc + ")");
      }
      if (doc >= maxDoc || !arena.has(doc)) {
        throw in.corrupt("node doc " + doc + " has no vector in the arena");
      }
      if (level < 0 || level > GraphStore.MAX_LEVEL) {
        throw in.corrupt("node doc " + doc + " has level " + level);
      }
      docs[i] = doc;
      levels[doc] = (byte) (level + 1);
      graph.addNode(doc, level);
      top = Math.max(top, level);
    }
    return top;
  }

  private void checkEntry(int count, int entryNode, int entryLevel, int top) {
    boolean valid = count == 0
        ? entryNode == -1 && entryLevel == -1
        : entryNode >= 0 && entryNode < maxDoc && levels[entryNode] - 1 == entryLevel && entryLevel == top;
    if (!valid) {
      throw in.corrupt("entry point doc " + entryNode + " at level " + entryLevel
          + " is not a node on the top level " + top);
    }
  }

  private void readLinks() throws IOException {
    int[] list = new int[graph.maxConn(0)];
    for (int doc : docs) {
      for (int layer = 0, level = levels[doc] - 1; layer <= level; layer++) {
        int count = readList(doc, layer, list);
        graph.lock(doc);
        try {
          graph.setNeighbors(doc, layer, list, count);
        } finally {
          graph.unlock(doc);
        }
      }
    }
  }

  private int readList(int doc, int layer, int[] list) throws IOException {
    int count = in.nextInt();
    if (count < 0 || count > graph.maxConn(layer)) {
      throw in.corrupt("doc " + doc + " has " + count + " links on layer " + layer);
    }
    listStamp++;
    for (int i = 0; i < count; i++) {
      int neighbor = in.nextInt();
      if (neighbor < 0 || neighbor >= maxDoc || levels[neighbor] - 1 < layer || neighbor == doc
          || seenInList[neighbor] == listStamp) {
        throw in.corrupt("doc " + doc + " links to " + neighbor + " on layer " + layer
            + ", which is not a distinct other node of that layer");
      }
      seenInList[neighbor] = listStamp;
      list[i] = neighbor;
    }
    return count;
  }
}
