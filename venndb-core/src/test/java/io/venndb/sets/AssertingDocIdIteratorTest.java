package io.venndb.sets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** The contract checker must catch each kind of breach, or the randomized tests prove nothing. */
class AssertingDocIdIteratorTest {
  /** An iterator returning fixed docs in the given order, whatever they are, with a given cost. */
  private static DocIdIterator scripted(long cost, int... docs) {
    return new DocIdIterator() {
      private int index = -1;

      @Override
      public int docId() {
        return index < 0 ? -1 : index < docs.length ? docs[index] : NO_MORE_DOCS;
      }

      @Override
      public int nextDoc() {
        index++;
        return docId();
      }

      @Override
      public int advance(int target) {
        int doc;
        while ((doc = nextDoc()) < target) {}
        return doc;
      }

      @Override
      public long cost() {
        return cost;
      }
    };
  }

  @Test
  void catchesDocsGoingBackwards() {
    DocIdIterator broken = new AssertingDocIdIterator(scripted(3, 5, 4));
    broken.nextDoc();
    assertThatThrownBy(broken::nextDoc)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("before");
  }

  @Test
  void catchesMoreDocsThanTheCostPromised() {
    DocIdIterator broken = new AssertingDocIdIterator(scripted(1, 1, 2));
    broken.nextDoc();
    assertThatThrownBy(broken::nextDoc)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("cost");
  }

  @Test
  void catchesMovesAfterExhaustion() {
    DocIdIterator done = new AssertingDocIdIterator(DocIdIterator.empty());
    done.nextDoc();
    done.docId();
    assertThatThrownBy(done::nextDoc)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("exhaustion");
    assertThatThrownBy(() -> done.advance(5)).isInstanceOf(AssertionError.class);
  }

  @Test
  void catchesAdvanceThatDoesNotMoveForward() {
    DocIdIterator ids =
        new AssertingDocIdIterator(DocIdIterator.fromBitmap(RoaringBitmap.bitmapOf(3, 9)));
    ids.nextDoc();
    assertThatThrownBy(() -> ids.advance(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("advance(3)");
  }

  @Test
  void catchesAdvanceLandingBeforeItsTarget() {
    DocIdIterator lazy =
        new DocIdIterator() {
          private final DocIdIterator in = DocIdIterator.range(0, 10);

          @Override
          public int docId() {
            return in.docId();
          }

          @Override
          public int nextDoc() {
            return in.nextDoc();
          }

          @Override
          public int advance(int target) {
            return in.nextDoc(); // ignores the target
          }

          @Override
          public long cost() {
            return 10;
          }
        };
    DocIdIterator checked = new AssertingDocIdIterator(lazy);
    assertThatThrownBy(() -> checked.advance(5))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("before 5");
  }

  @Test
  void catchesAChecksCalledTwiceOnOneDoc() {
    DocIdIterator all = DocIdIterator.range(0, 5);
    TwoPhaseIterator always =
        new TwoPhaseIterator(all) {
          @Override
          public boolean matches() {
            return true;
          }

          @Override
          public float matchCost() {
            return 1;
          }
        };
    TwoPhaseIterator checked = new AssertingDocIdIterator(always.asDocIdIterator()).twoPhaseView();
    checked.approximation().nextDoc();
    checked.matches();
    assertThatThrownBy(checked::matches)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("twice");
  }

  @Test
  void catchesAChecksCalledBeforeTheApproximationMoved() {
    TwoPhaseIterator check = OracleCheck.scan(new java.util.BitSet(), new Window(0, 5), 1);
    TwoPhaseIterator checked = new AssertingDocIdIterator(check.asDocIdIterator()).twoPhaseView();
    assertThatThrownBy(checked::matches)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("-1");
  }
}
