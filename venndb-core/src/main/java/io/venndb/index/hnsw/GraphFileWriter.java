package io.venndb.index.hnsw;

import io.venndb.store.ChecksummedFileWriter;
import java.io.IOException;

/** Writes the fields of {@link GraphFile} in order; the caller keeps inserts out meanwhile. */
final class GraphFileWriter {
  private final GraphStore graph;
  private final ChecksummedFileWriter out;
  private final int[] list;

  GraphFileWriter(GraphStore graph, ChecksummedFileWriter out) {
    this.graph = graph;
    this.out = out;
    this.list = new int[graph.maxConn(0)];
  }

  void write(VectorSource vectors, HnswConfig config) throws IOException {
    long entry = graph.entry();
    boolean empty = entry == GraphStore.NO_ENTRY;
    out.putBytes(GraphFile.MAGIC);
    out.putInt(GraphFile.VERSION);
    out.putInt(GraphFile.metricCode(vectors.metric));
    out.putInt(vectors.dimension());
    out.putInt(config.m());
    out.putInt(config.efConstruction());
    out.putLong(config.seed());
    out.putInt(graph.size());
    out.putInt(empty ? -1 : GraphStore.entryNode(entry));
    out.putInt(empty ? -1 : GraphStore.entryLevel(entry));
    writeLevels();
    writeLinks();
  }

  private void writeLevels() throws IOException {
    int written = 0;
    for (int doc = 0, end = graph.docCapacity(); doc < end; doc++) {
      int level = graph.level(doc);
      if (level >= 0) {
        out.putInt(doc);
        out.putInt(level);
        written++;
      }
    }
    if (written != graph.size()) {
      throw new IllegalStateException(
          "graph changed while saving (" + written + " nodes, size " + graph.size() + ")");
    }
  }

  private void writeLinks() throws IOException {
    for (int doc = 0, end = graph.docCapacity(); doc < end; doc++) {
      for (int layer = 0, level = graph.level(doc); layer <= level; layer++) {
        int count = graph.neighbors(doc, layer, list);
        out.putInt(count);
        for (int i = 0; i < count; i++) {
          out.putInt(list[i]);
        }
      }
    }
  }
}
