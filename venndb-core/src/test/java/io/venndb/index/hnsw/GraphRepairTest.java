package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.store.VectorArena;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reachability repair: every node of a built graph can be found, and a node cut off is linked back. */
@ExtendWith(TestSeed.class)
class GraphRepairTest {
  static final int DIM = 16;
  static final int COUNT = 3_000;

  @Test
  void builtGraphsReachEveryNodeButExactCopies() {
    for (SharedGraphs.Graph graph : new SharedGraphs.Graph[] {SharedGraphs.random(), SharedGraphs.debian()}) {
      GraphRepair.Result again = graph.index().repair();
      assertThat(again.linked()).isZero();
      assertThat(again.unreachable()).isEqualTo(again.copies());
      assertThat(graph.index().reachableNodes()).isEqualTo(graph.index().size() - again.copies());
    }
    assertThat(SharedGraphs.random().index().reachableNodes()).isEqualTo(SharedGraphs.random().index().size());
  }

  @Test
  void aNodeCutOffIsLinkedBackWithoutDroppingALink() {
    Cut cut = cutOff("repair.cut", false);
    HnswIndex index = cut.index();
    GraphStore graph = index.graph();
    int[][] before = layerZeroLists(graph);

    GraphRepair.Result result = index.repair();

    assertThat(result).isEqualTo(new GraphRepair.Result(1, 1, 0));
    assertThat(index.reachableNodes()).isEqualTo(COUNT);
    int[][] after = layerZeroLists(graph);
    for (int doc = 0; doc < COUNT; doc++) {
      assertThat(after[doc]).as("links of %d", doc).contains(before[doc]);
    }
    float[] own = new float[DIM];
    cut.arena().get(cut.victim(), own);
    HnswResult found = index.newSearcher().search(own, 1, 64, HnswFixtures.all(COUNT));
    assertThat(found.docIds()).containsExactly(cut.victim());
  }

  /** A cut-off node whose vector a reachable node holds exactly is left out of reach (see GraphRepair). */
  @Test
  void anExactCopyOfAReachableNodeIsLeftOutOfReach() {
    HnswIndex index = cutOff("repair.copy", true).index();

    assertThat(index.repair()).isEqualTo(new GraphRepair.Result(1, 0, 1));
    assertThat(index.reachableNodes()).isEqualTo(COUNT - 1);
  }

  @Test
  void aGraphWithEveryNodeInReachIsLeftAlone() {
    SplittableRandom random = TestSeed.random("repair.noop");
    VectorArena arena = HnswFixtures.randomArena(Metric.L2, random, COUNT, DIM);
    HnswIndex index = HnswFixtures.build(arena, Metric.L2, HnswConfig.defaults(), 2);
    int[][] before = layerZeroLists(index.graph());
    assertThat(index.repair()).isEqualTo(new GraphRepair.Result(0, 0, 0));
    assertThat(layerZeroLists(index.graph())).isDeepEqualTo(before);
  }

  private record Cut(VectorArena arena, HnswIndex index, int victim) {}

  /**
   * A graph over COUNT random vectors in which one layer-0 node lost every in-link, as pruning by
   * later inserts can; with {@code asCopy} its vector is first made an exact copy of another node's.
   */
  private static Cut cutOff(String purpose, boolean asCopy) {
    SplittableRandom random = TestSeed.random(purpose);
    VectorArena arena = HnswFixtures.randomArena(Metric.L2, random, COUNT, DIM);
    HnswIndex index = HnswFixtures.build(arena, Metric.L2, HnswConfig.defaults(), 1);
    int victim = layerZeroOnlyNode(index.graph(), random);
    if (asCopy) {
      float[] copy = new float[DIM];
      arena.get((victim + 1) % COUNT, copy);
      arena.set(victim, copy);
    }
    cutInLinks(index.graph(), victim);
    assertThat(index.reachableNodes()).isEqualTo(COUNT - 1);
    return new Cut(arena, index, victim);
  }

  private static int layerZeroOnlyNode(GraphStore graph, SplittableRandom random) {
    int entry = GraphStore.entryNode(graph.entry());
    while (true) {
      int doc = random.nextInt(COUNT);
      if (doc != entry && graph.level(doc) == 0) {
        return doc;
      }
    }
  }

  /** Removes {@code victim} from every layer-0 list, as pruning by later inserts can. */
  private static void cutInLinks(GraphStore graph, int victim) {
    int[] links = new int[graph.maxConn(0)];
    for (int doc = 0; doc < COUNT; doc++) {
      graph.lock(doc);
      try {
        int n = graph.neighbors(doc, 0, links);
        int kept = 0;
        for (int i = 0; i < n; i++) {
          if (links[i] != victim) {
            links[kept++] = links[i];
          }
        }
        graph.setNeighbors(doc, 0, links, kept);
      } finally {
        graph.unlock(doc);
      }
    }
  }

  private static int[][] layerZeroLists(GraphStore graph) {
    int[][] lists = new int[COUNT][];
    int[] links = new int[graph.maxConn(0)];
    for (int doc = 0; doc < COUNT; doc++) {
      lists[doc] = Arrays.copyOf(links, graph.neighbors(doc, 0, links));
    }
    return lists;
  }
}
