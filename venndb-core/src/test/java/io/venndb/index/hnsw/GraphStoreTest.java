package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GraphStoreTest {
  @Test
  void nodesListsAndLevels() {
    GraphStore graph = new GraphStore(4);
    assertThat(graph.addNode(3, 0)).isTrue();
    assertThat(graph.addNode(1500, 2)).isTrue();
    assertThat(graph.addNode(3, 1)).isFalse();
    assertThat(graph.size()).isEqualTo(2);
    assertThat(graph.level(3)).isZero();
    assertThat(graph.level(1500)).isEqualTo(2);
    assertThat(graph.level(4)).isEqualTo(-1);
    assertThat(graph.level(1 << 20)).isEqualTo(-1);
    assertThat(graph.maxConn(0)).isEqualTo(8);
    assertThat(graph.maxConn(1)).isEqualTo(4);

    write(graph, 1500, 2, 3);
    write(graph, 1500, 0, 3, 7, 9);
    int[] out = new int[8];
    assertThat(graph.neighbors(1500, 2, out)).isEqualTo(1);
    assertThat(out[0]).isEqualTo(3);
    assertThat(graph.neighbors(1500, 1, out)).isZero();
    assertThat(graph.neighbors(1500, 0, out)).isEqualTo(3);
    assertThat(out).startsWith(3, 7, 9);
  }

  @Test
  void entryPointOnlyRises() {
    GraphStore graph = new GraphStore(4);
    assertThat(graph.entry()).isEqualTo(GraphStore.NO_ENTRY);
    graph.raiseEntry(5, 1);
    graph.raiseEntry(6, 1);
    assertThat(GraphStore.entryNode(graph.entry())).isEqualTo(5);
    graph.raiseEntry(7, 3);
    assertThat(GraphStore.entryNode(graph.entry())).isEqualTo(7);
    assertThat(GraphStore.entryLevel(graph.entry())).isEqualTo(3);
  }

  /** A writer rewrites one list over and over; readers must only ever see whole lists. */
  @Test
  void readersNeverSeeATornList() throws InterruptedException {
    GraphStore graph = new GraphStore(8);
    graph.addNode(11, 0);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> failure = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      int[] out = new int[16];
      while (!done.get() && failure.get() == null) {
        int count = graph.neighbors(11, 0, out);
        for (int i = 0; i < count; i++) {
          // List v holds (v % 16) + 1 copies of v: its length tells which list it must be.
          if (out[i] != out[0] || (count > 0 && count != out[0] % 16 + 1)) {
            failure.set("torn list: count " + count + ", entry " + i + " = " + out[i] + ", first " + out[0]);
          }
        }
      }
    });
    reader.start();
    int[] list = new int[16];
    for (int v = 1; v < 300_000 && failure.get() == null; v++) {
      java.util.Arrays.fill(list, v);
      graph.lock(11);
      graph.setNeighbors(11, 0, list, v % 16 + 1);
      graph.unlock(11);
    }
    done.set(true);
    reader.join();
    assertThat(failure.get()).isNull();
  }

  @Test
  void theNodeLockExcludesOtherWriters() throws InterruptedException {
    GraphStore graph = new GraphStore(4);
    graph.addNode(2, 0);
    write(graph, 2, 0, 0);
    Runnable increment = () -> {
      int[] list = new int[8];
      for (int i = 0; i < 50_000; i++) {
        graph.lock(2);
        graph.neighbors(2, 0, list);
        list[0]++;
        graph.setNeighbors(2, 0, list, 1);
        graph.unlock(2);
      }
    };
    Thread a = new Thread(increment), b = new Thread(increment);
    a.start();
    b.start();
    a.join();
    b.join();
    int[] out = new int[8];
    graph.neighbors(2, 0, out);
    assertThat(out[0]).isEqualTo(100_000);
  }

  @Test
  void linkBytesStayNearTheLayerZeroCapacity() {
    GraphStore graph = new GraphStore(16);
    for (int doc = 0; doc < 4096; doc++) {
      graph.addNode(doc, doc % 16 == 0 ? 1 : 0);
    }
    double layer0 = 4096.0 * 32 * 4;
    assertThat(graph.linkBytes() / layer0).isBetween(1.0, 1.2);
  }

  @Test
  void pagesAreAddedOnlyWhereDocsAre() {
    GraphStore graph = new GraphStore(8);
    for (int doc = 20_000; doc >= 0; doc -= 7) {
      graph.addNode(doc, 0);
    }
    assertThat(graph.docCapacity()).isBetween(20_001, 20_001 + 512);
    assertThat(graph.linkBytes()).isLessThan(20_512L * (2 + 16) * 4 + 20_512L * 5 + 4096);
  }

  private static void write(GraphStore graph, int doc, int layer, int... list) {
    graph.lock(doc);
    try {
      graph.setNeighbors(doc, layer, list, list.length);
    } finally {
      graph.unlock(doc);
    }
  }
}
