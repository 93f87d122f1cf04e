package io.venndb.query;

import static io.venndb.query.Predicate.and;
import static io.venndb.query.Predicate.eq;
import static io.venndb.query.Predicate.in;
import static io.venndb.query.Predicate.isNull;
import static io.venndb.query.Predicate.not;
import static io.venndb.query.Predicate.or;
import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.testing.TestSeed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The normal form: hand-picked rewrites, then random trees whose TRUE rows must not change under
 * the rewrite (checked with the independent three-valued evaluator of {@link
 * FilterAndSearchOracleTest}) and whose shape must be normal (NOT only over leaves, no nested
 * junction of the same kind, no constant inside a junction).
 */
@ExtendWith(TestSeed.class)
class PredicateRewriterTest {
  static final List<String> KINDS = List.of("a", "b", "c");
  final SplittableRandom random = TestSeed.random("rewriter");

  @Test
  void pushesNegationToTheLeaves() {
    Predicate p = not(and(eq("kind", "a"), or(Predicate.lt("size", 3L), not(isNull("kind")))));
    assertThat(PredicateRewriter.normalize(p)).isEqualTo(
        or(Predicate.ne("kind", "a"), and(Predicate.ge("size", 3L), isNull("kind"))));
  }

  @Test
  void negatedRangeBecomesTwoOpenRanges() {
    Predicate p = not(Predicate.between("size", 2L, 5L));
    assertThat(PredicateRewriter.normalize(p)).isEqualTo(or(
        new Predicate.Range("size", null, false, 2L, false), new Predicate.Range("size", 5L, false, null, false)));
  }

  @Test
  void negatedVectorConditionFlipsItsOperator() {
    float[] b = {1, 0};
    assertThat(PredicateRewriter.normalize(not(Predicate.similarityAbove("emb", b, 0.8f))))
        .isEqualTo(new Predicate.VectorCompare("emb", b, Predicate.Measure.SIMILARITY, Predicate.Op.LE, 0.8f));
  }

  @Test
  void flattensAndFoldsConstants() {
    Predicate p = and(eq("kind", "a"), and(Predicate.alwaysTrue(), and(eq("kind", "a"), eq("size", 1L))));
    assertThat(PredicateRewriter.normalize(p)).isEqualTo(and(eq("kind", "a"), eq("size", 1L)));
    assertThat(PredicateRewriter.normalize(or(eq("kind", "a"), not(Predicate.alwaysFalse()))))
        .isEqualTo(Predicate.alwaysTrue());
    assertThat(PredicateRewriter.normalize(and(eq("kind", "a"), in("kind", List.of()))))
        .isEqualTo(Predicate.alwaysFalse());
    assertThat(PredicateRewriter.normalize(and(eq("kind", "a"), new Predicate.Range("size", 5L, true, 2L, true))))
        .isEqualTo(Predicate.alwaysFalse());
  }

  /** A NOT over a never-TRUE leaf is not folded: NOT (empty range) is TRUE on every non-null row. */
  @Test
  void doesNotFoldUnderNegation() {
    Predicate p = not(new Predicate.Range("size", 5L, true, 2L, true));
    Predicate normal = PredicateRewriter.normalize(p);
    Map<String, Object> row = Map.of("size", 3L);
    assertThat(FilterAndSearchOracleTest.eval(normal, "k", row)).isTrue();
  }

  @Test
  void randomTreesKeepTheirTrueRowsAndBecomeNormal() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(randomRow());
    }
    for (int trial = 0; trial < 2_000; trial++) {
      Predicate p = randomPredicate(4);
      Predicate normal = PredicateRewriter.normalize(p);
      assertNormal(normal, false);
      for (Map<String, Object> row : rows) {
        boolean before = Boolean.TRUE.equals(FilterAndSearchOracleTest.eval(p, "k", row));
        boolean after = Boolean.TRUE.equals(FilterAndSearchOracleTest.eval(normal, "k", row));
        assertThat(after).as("%s%n  normal form %s%n  row %s", p, normal, row).isEqualTo(before);
      }
    }
  }

  private static void assertNormal(Predicate p, boolean insideJunction) {
    switch (p) {
      case Predicate.Not n -> assertThat(n.child()).as("NOT over %s", n.child())
          .isInstanceOfAny(Predicate.In.class, Predicate.Tags.class, Predicate.IsNull.class);
      case Predicate.And a -> a.children().forEach(c -> {
        assertThat(c).isNotInstanceOf(Predicate.And.class);
        assertNormal(c, true);
      });
      case Predicate.Or o -> o.children().forEach(c -> {
        assertThat(c).isNotInstanceOf(Predicate.Or.class);
        assertNormal(c, true);
      });
      case Predicate.Constant c -> assertThat(insideJunction).as("constant inside a junction").isFalse();
      default -> { }
    }
  }

  private Map<String, Object> randomRow() {
    Map<String, Object> row = new HashMap<>();
    row.put("kind", random.nextInt(4) == 0 ? null : KINDS.get(random.nextInt(3)));
    row.put("size", random.nextInt(4) == 0 ? null : (long) random.nextInt(8));
    row.put("labels", random.nextInt(4) == 0 ? null : List.of(KINDS.get(random.nextInt(3))));
    return row;
  }

  private Predicate randomPredicate(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return randomLeaf();
    }
    return switch (random.nextInt(3)) {
      case 0 -> and(randomPredicate(depth - 1), randomPredicate(depth - 1));
      case 1 -> or(randomPredicate(depth - 1), randomPredicate(depth - 1), randomPredicate(depth - 1));
      default -> not(randomPredicate(depth - 1));
    };
  }

  private Predicate randomLeaf() {
    Predicate.Op op = Predicate.Op.values()[random.nextInt(6)];
    return switch (random.nextInt(7)) {
      case 0 -> new Predicate.Compare("kind", op, KINDS.get(random.nextInt(3)));
      case 1 -> new Predicate.Compare("size", op, (long) random.nextInt(8));
      case 2 -> new Predicate.Range("size", random.nextBoolean() ? null : (long) random.nextInt(8), random.nextBoolean(),
          (long) random.nextInt(8), random.nextBoolean());
      case 3 -> in("kind", random.nextBoolean() ? List.of() : List.of(KINDS.get(random.nextInt(3))));
      case 4 -> Predicate.containsAny("labels", List.of(KINDS.get(random.nextInt(3))));
      case 5 -> isNull(random.nextBoolean() ? "kind" : "size");
      default -> new Predicate.Constant(random.nextBoolean());
    };
  }
}
