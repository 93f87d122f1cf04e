package io.venndb.sets;

import static io.venndb.sets.DocIdIterator.MAX_DOC_ID;
import static io.venndb.sets.DocIdIterator.NO_MORE_DOCS;
import static io.venndb.sets.DocIdIteratorTest.docs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** Hand-picked cases for AND / OR / ANDNOT, and checks that they do the cheap work first. */
class CombinatorTest {
  private static final Window SMALL = new Window(0, 1_000);

  private static DocIdIterator ids(int... ids) {
    return new AssertingDocIdIterator(DocIdIterator.fromBitmap(RoaringBitmap.bitmapOf(ids)));
  }

  @Test
  void disjointSetsHaveAnEmptyIntersectionAndAFullUnion() {
    assertThat(docs(DocIdIterators.and(ids(1, 3, 5), ids(2, 4, 6)))).isEmpty();
    assertThat(docs(DocIdIterators.or(ids(1, 3, 5), ids(2, 4, 6))))
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(docs(DocIdIterators.andNot(ids(1, 3, 5), ids(2, 4, 6)))).containsExactly(1, 3, 5);
  }

  @Test
  void identicalSetsAreTheirOwnIntersectionAndUnionAndLeaveNothingWhenExcluded() {
    assertThat(docs(DocIdIterators.and(ids(0, 7, MAX_DOC_ID), ids(0, 7, MAX_DOC_ID))))
        .containsExactly(0, 7, MAX_DOC_ID);
    assertThat(docs(DocIdIterators.or(ids(0, 7, MAX_DOC_ID), ids(0, 7, MAX_DOC_ID))))
        .containsExactly(0, 7, MAX_DOC_ID);
    assertThat(docs(DocIdIterators.andNot(ids(0, 7, MAX_DOC_ID), ids(0, 7, MAX_DOC_ID)))).isEmpty();
  }

  @Test
  void singleElementsAtTheEdgesOfTheIdSpace() {
    DocIdIterator everything = DocIdIterator.range(0, NO_MORE_DOCS);
    assertThat(docs(DocIdIterators.and(everything, ids(MAX_DOC_ID)))).containsExactly(MAX_DOC_ID);
    assertThat(docs(DocIdIterators.and(DocIdIterator.range(0, 1), ids(0, 5)))).containsExactly(0);
    assertThat(docs(DocIdIterators.or(ids(0), ids(MAX_DOC_ID)))).containsExactly(0, MAX_DOC_ID);
    assertThat(docs(DocIdIterators.andNot(ids(0, MAX_DOC_ID), ids(MAX_DOC_ID)))).containsExactly(0);
  }

  @Test
  void emptyClausesEmptyAnAndAndVanishFromAnOr() {
    assertThat(docs(DocIdIterators.and(ids(1, 2), DocIdIterator.empty()))).isEmpty();
    assertThat(docs(DocIdIterators.or(DocIdIterator.empty(), ids(4)))).containsExactly(4);
    assertThat(docs(DocIdIterators.or())).isEmpty();
    assertThat(docs(DocIdIterators.andNot(DocIdIterator.empty(), ids(4)))).isEmpty();
    assertThat(docs(DocIdIterators.andNot(ids(4), DocIdIterator.empty()))).containsExactly(4);
  }

  @Test
  void costsFollowTheSetAlgebra() {
    assertThat(DocIdIterators.and(ids(1, 2, 3), DocIdIterator.range(0, 100)).cost()).isEqualTo(3);
    assertThat(DocIdIterators.or(ids(1, 2, 3), DocIdIterator.range(0, 100)).cost()).isEqualTo(103);
    assertThat(DocIdIterators.andNot(ids(1, 2, 3), DocIdIterator.range(0, 100)).cost())
        .isEqualTo(3);
    DocIdIterator huge =
        DocIdIterators.or(DocIdIterator.all(NO_MORE_DOCS), DocIdIterator.all(NO_MORE_DOCS));
    assertThat(huge.cost()).isEqualTo(2L * NO_MORE_DOCS);
  }

  @Test
  void nestedTreesOfEveryShapeAgree() {
    DocIdIterator tree =
        DocIdIterators.andNot(
            DocIdIterators.and(
                DocIdIterators.or(ids(1, 2, 3, 4), ids(10, 11)),
                DocIdIterators.and(DocIdIterator.range(0, 12), ids(2, 3, 4, 10, 11))),
            DocIdIterators.or(ids(3), DocIdIterators.andNot(ids(10, 11), ids(11))));
    assertThat(docs(tree)).containsExactly(2, 4, 11);
  }

  @Test
  void misuseIsRejectedQuotingTheProblem() {
    assertThatThrownBy(DocIdIterators::and)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no clauses");
    DocIdIterator moved = ids(1, 2);
    moved.nextDoc();
    assertThatThrownBy(() -> DocIdIterators.or(moved, ids(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positioned at doc 1");
    DocIdIterator shared = ids(1);
    assertThatThrownBy(() -> DocIdIterators.and(List.of(shared, shared)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void theCheapestClauseLeadsAndTheOthersOnlyConfirmItsDocs() {
    CountingDocIdIterator big = new CountingDocIdIterator(DocIdIterator.range(0, 1_000_000));
    CountingDocIdIterator small =
        new CountingDocIdIterator(DocIdIterator.fromBitmap(RoaringBitmap.bitmapOf(3, 999_999)));
    assertThat(docs(DocIdIterators.and(big, small))).containsExactly(3, 999_999);
    assertThat(small.moves()).isEqualTo(3); // two docs, then exhaustion
    assertThat(big.moves()).isLessThanOrEqualTo(2);
  }

  @Test
  void checksRunCheapestFirstAndOnlyOnDocsTheApproximationsAgreeOn() {
    BitSet multiplesOf3 = multiples(3);
    BitSet multiplesOf5 = multiples(5);
    OracleCheck expensive = OracleCheck.scan(multiplesOf5, SMALL, 768); // a 768-d distance
    OracleCheck cheap = OracleCheck.scan(multiplesOf3, SMALL, 4);
    DocIdIterator and =
        DocIdIterators.and(
            expensive.asDocIdIterator(), DocIdIterator.range(0, 300), cheap.asDocIdIterator());
    assertThat(docs(and))
        .containsExactly(
            0, 15, 30, 45, 60, 75, 90, 105, 120, 135, 150, 165, 180, 195, 210, 225, 240, 255, 270,
            285);
    assertThat(cheap.calls()).isEqualTo(300);
    assertThat(expensive.calls()).isEqualTo(100); // only where the cheap check passed
  }

  @Test
  void checksOfNestedConjunctionsJoinOneCostOrder() {
    OracleCheck expensive = OracleCheck.scan(multiples(5), SMALL, 768);
    OracleCheck cheap = OracleCheck.scan(multiples(3), SMALL, 4);
    DocIdIterator inner = DocIdIterators.and(expensive.asDocIdIterator(), ids(0, 3, 5, 6, 15));
    DocIdIterator outer = DocIdIterators.and(inner, cheap.asDocIdIterator());
    assertThat(docs(outer)).containsExactly(0, 15);
    assertThat(cheap.calls()).isEqualTo(5);
    assertThat(expensive.calls()).isEqualTo(4); // 0, 3, 6, 15 passed the cheap check
  }

  @Test
  void anExactMemberOnTheDocSavesTheDisjunctionItsCheck() {
    OracleCheck check = OracleCheck.scan(multiples(2), SMALL, 768);
    DocIdIterator or = DocIdIterators.or(ids(0, 1, 2, 3), check.asDocIdIterator());
    DocIdIterator firstTen = DocIdIterators.and(or, DocIdIterator.range(0, 10));
    assertThat(docs(firstTen)).containsExactly(0, 1, 2, 3, 4, 6, 8);
    assertThat(check.calls()).isEqualTo(6); // docs 4..9; 0..3 were proven by the bitmap
  }

  @Test
  void theExcludedSideIsOnlyAdvancedToRequiredDocs() {
    CountingDocIdIterator excluded = new CountingDocIdIterator(DocIdIterator.range(15, 1_000_000));
    assertThat(docs(DocIdIterators.andNot(ids(10, 20, 30), excluded))).containsExactly(10);
    assertThat(excluded.moves()).isEqualTo(3); // one advance per required doc, not per excluded
  }

  @Test
  void anExactExclusionRunsBeforeTheRequiredCheck() {
    OracleCheck required = OracleCheck.scan(multiples(1), SMALL, 768);
    DocIdIterator result =
        DocIdIterators.andNot(required.asDocIdIterator(), DocIdIterator.range(10, 1_000));
    assertThat(docs(result)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(required.calls()).isEqualTo(10);
  }

  @Test
  void aTwoPhaseExclusionDropsOnlyConfirmedDocs() {
    OracleCheck excluded = OracleCheck.scan(multiples(2), new Window(0, 10), 768);
    DocIdIterator odd =
        DocIdIterators.andNot(DocIdIterator.range(0, 10), excluded.asDocIdIterator());
    assertThat(docs(odd)).containsExactly(1, 3, 5, 7, 9);
  }

  @Test
  void theCheaperOfTwoChecksInAnExclusionRunsFirst() {
    OracleCheck required = OracleCheck.scan(multiples(2), SMALL, 768);
    OracleCheck excluded = OracleCheck.scan(multiples(3), SMALL, 4);
    DocIdIterator result =
        DocIdIterators.andNot(required.asDocIdIterator(), excluded.asDocIdIterator());
    DocIdIterator firstTwelve = DocIdIterators.and(result, DocIdIterator.range(0, 12));
    assertThat(docs(firstTwelve)).containsExactly(2, 4, 8, 10);
    assertThat(excluded.calls()).isEqualTo(12);
    assertThat(required.calls()).isEqualTo(8); // only docs not divisible by 3
  }

  private static BitSet multiples(int step) {
    BitSet bits = new BitSet();
    for (int i = 0; i < SMALL.size(); i += step) {
      bits.set(i);
    }
    return bits;
  }
}
