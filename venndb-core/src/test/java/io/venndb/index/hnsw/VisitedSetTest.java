package io.venndb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.testing.TestSeed;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeed.class)
class VisitedSetTest {
  /**
   * Queries of every size, from a few docs (the touched words are cleared one by one) to most of
   * the set (the arrays are cleared whole), with docs past the initial capacity (growth), against
   * two {@link BitSet}s cleared at every reset; the expanded docs also as one set.
   */
  @Test
  void agreesWithBitSetsAcrossResetsOfEverySizeAndGrowth() {
    SplittableRandom random = TestSeed.random("visited.ops");
    VisitedSet visited = new VisitedSet(1000);
    BitSet discovered = new BitSet(), expanded = new BitSet();
    for (int query = 0; query < 300; query++) {
      visited.reset();
      discovered.clear();
      expanded.clear();
      int universe = random.nextBoolean() ? 1000 : 5000;
      int ops = random.nextInt(4) == 0 ? 4000 : random.nextInt(40);
      for (int op = 0; op < ops; op++) {
        int doc = random.nextInt(universe);
        if (random.nextInt(4) == 0) {
          visited.markExpanded(doc);
          discovered.set(doc);
          expanded.set(doc);
        } else {
          assertThat(visited.discover(doc)).isEqualTo(!discovered.get(doc));
          discovered.set(doc);
        }
      }
      for (int doc = 0; doc < 6000; doc++) {
        assertThat(visited.isDiscovered(doc)).as("discovered %d", doc).isEqualTo(discovered.get(doc));
        assertThat(visited.isExpanded(doc)).as("expanded %d", doc).isEqualTo(expanded.get(doc));
      }
      assertThat(visited.expandedDocs().toArray()).isEqualTo(expanded.stream().toArray());
    }
  }
}
