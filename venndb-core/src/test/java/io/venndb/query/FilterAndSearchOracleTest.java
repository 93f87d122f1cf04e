package io.venndb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.venndb.api.Collection;
import io.venndb.api.VennDB;
import io.venndb.testing.TestSchemas;
import io.venndb.testing.TestSeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random predicate trees (depth ≤ 4, with NULLs everywhere) evaluated by the engine — indexes,
 * row scans and key lookups — against a brute-force three-valued evaluator over a TreeMap of the
 * rows; and exact search against brute-force distances over the same filter.
 */
@ExtendWith(TestSeed.class)
class FilterAndSearchOracleTest {
  static final List<String> KINDS = List.of("a", "b", "c", "d", "e");
  static final List<String> LABELS = List.of("p", "q", "r", "s", "t", "u");

  @TempDir Path dir;
  final SplittableRandom random = TestSeed.random("filter-oracle");
  final TreeMap<String, Map<String, Object>> oracle = new TreeMap<>();

  @Test
  void randomPredicatesMatchBruteForce() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(TestSchemas.everyType("docs"));
      load(c, 500);
      for (int i = 0; i < 300; i++) {
        Predicate p = randomPredicate(random.nextInt(5));
        TreeSet<String> expected = new TreeSet<>();
        oracle.forEach((k, row) -> {
          if (Boolean.TRUE.equals(eval(p, k, row))) {
            expected.add(k);
          }
        });
        TreeSet<String> actual = new TreeSet<>();
        c.find(p, 10_000).forEach(r -> actual.add((String) r.key()));
        assertThat(actual).as("predicate %s", p).isEqualTo(expected);
        assertThat(c.count(p)).as("count of %s", p).isEqualTo(expected.size());
      }
    }
  }

  @Test
  void exactSearchMatchesBruteForce() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(TestSchemas.everyType("docs"));
      load(c, 400);
      for (int i = 0; i < 100; i++) {
        float[] q = randomVector();
        Predicate p = random.nextInt(4) == 0 ? null : randomPredicate(random.nextInt(3));
        int k = 1 + random.nextInt(30);
        SearchRequest request = SearchRequest.nearest("emb", q, k).withFilter(p);
        assertExact(c.search(request), q, p, k, Float.NaN);
        float threshold = (float) (random.nextDouble() * 1.6 - 0.6);
        assertExact(c.search(request.withMinSimilarity(threshold)), q, p, k, threshold);
      }
    }
  }

  private static final double EPS = 1e-5;

  /**
   * Rank by rank the same similarity as brute force within float rounding, each reported
   * similarity true for its row, and the right number of rows (rows within rounding of the
   * threshold may fall either way). Keys may swap only between near-ties.
   */
  private void assertExact(List<SearchHit> hits, float[] q, Predicate p, int k, float threshold) {
    String what = "top " + k + " similarity >= " + threshold + " for " + p;
    List<Double> sims = bruteForceSimilarities(q, p);
    boolean noThreshold = Float.isNaN(threshold);
    long surelyIn = sims.stream().filter(x -> noThreshold || x >= threshold + EPS).count();
    long maybeIn = sims.stream().filter(x -> noThreshold || x >= threshold - EPS).count();
    assertThat((long) hits.size()).as(what).isBetween(Math.min(k, surelyIn), Math.min(k, maybeIn));
    for (int r = 0; r < hits.size(); r++) {
      SearchHit h = hits.get(r);
      assertThat((double) h.similarity()).as("%s rank %d", what, r).isCloseTo(sims.get(r), offset(EPS));
      float[] stored = (float[]) oracle.get((String) h.key()).get("emb");
      assertThat((double) h.similarity()).as("%s row %s", what, h.key()).isCloseTo(cosine(q, stored), offset(EPS));
    }
  }

  /** Similarities of every matching row with a vector, best first. */
  private List<Double> bruteForceSimilarities(float[] q, Predicate p) {
    List<Double> sims = new ArrayList<>();
    oracle.forEach((key, row) -> {
      float[] v = (float[]) row.get("emb");
      if (v != null && (p == null || Boolean.TRUE.equals(eval(p, key, row)))) {
        sims.add(cosine(q, v));
      }
    });
    sims.sort(Comparator.reverseOrder());
    return sims;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private void load(Collection c, int n) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(randomRow("k" + i));
    }
    c.insertAll(rows);
    rows.forEach(r -> oracle.put((String) r.get("id"), r));
    for (int i = 0; i < n / 5; i++) { // replace and delete some, so live docs differ from all docs
      String key = "k" + random.nextInt(n);
      if (random.nextBoolean()) {
        c.delete(key);
        oracle.remove(key);
      } else {
        Map<String, Object> r = randomRow(key);
        c.upsert(r);
        oracle.put(key, r);
      }
    }
  }

  private Map<String, Object> randomRow(String key) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", key);
    row.put("kind", maybe(() -> KINDS.get(random.nextInt(KINDS.size()))));
    row.put("labels", maybe(() -> LABELS.stream().filter(l -> random.nextInt(3) == 0).toList()));
    row.put("size", maybe(() -> (long) random.nextInt(50)));
    row.put("score", maybe(() -> random.nextInt(100) / 4.0));
    row.put("flag", maybe(random::nextBoolean));
    row.put("body", maybe(() -> "body" + random.nextInt(5)));
    row.put("emb", maybe(this::randomVector));
    return row;
  }

  private float[] randomVector() {
    float[] v = new float[4];
    for (int i = 0; i < 4; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private <T> T maybe(java.util.function.Supplier<T> value) {
    return random.nextInt(6) == 0 ? null : value.get();
  }

  private Predicate randomPredicate(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return randomLeaf();
    }
    return switch (random.nextInt(3)) {
      case 0 -> Predicate.and(randomPredicate(depth - 1), randomPredicate(depth - 1));
      case 1 -> Predicate.or(randomPredicate(depth - 1), randomPredicate(depth - 1), randomPredicate(depth - 1));
      default -> Predicate.not(randomPredicate(depth - 1));
    };
  }

  private Predicate randomLeaf() {
    Predicate.Op op = Predicate.Op.values()[random.nextInt(6)];
    return switch (random.nextInt(11)) {
      case 0 -> new Predicate.Compare("kind", op, KINDS.get(random.nextInt(5)));
      case 1 -> Predicate.in("kind", List.of(KINDS.get(random.nextInt(5)), KINDS.get(random.nextInt(5))));
      case 2 -> random.nextBoolean()
          ? Predicate.containsAny("labels", List.of(LABELS.get(random.nextInt(6)), LABELS.get(random.nextInt(6))))
          : Predicate.containsAll("labels", List.of(LABELS.get(random.nextInt(6)), LABELS.get(random.nextInt(6))));
      case 3 -> new Predicate.Compare("size", op, random.nextInt(50));
      case 4 -> new Predicate.Compare("score", op, random.nextInt(25) + 0.5);
      case 5 -> Predicate.eq("flag", random.nextBoolean());
      case 6 -> new Predicate.Compare("body", op, "body" + random.nextInt(5));
      case 7 -> random.nextBoolean() ? Predicate.eq("id", "k" + random.nextInt(500)) : new Predicate.Compare("id", op, "k" + random.nextInt(500));
      case 8 -> {
        boolean openLow = random.nextInt(4) == 0;
        yield new Predicate.Range("size", openLow ? null : random.nextInt(50), random.nextBoolean(),
            !openLow && random.nextInt(4) == 0 ? null : random.nextInt(50), random.nextBoolean());
      }
      case 9 -> new Predicate.Range(random.nextBoolean() ? "kind" : "body",
          KINDS.get(random.nextInt(5)), random.nextBoolean(), random.nextBoolean() ? null : "body" + random.nextInt(5), random.nextBoolean());
      default -> Predicate.isNull(List.of("kind", "labels", "size", "score", "flag", "body").get(random.nextInt(6)));
    };
  }

  /** Independent three-valued evaluator: TRUE, FALSE or null (unknown). */
  static Boolean eval(Predicate p, String key, Map<String, Object> row) {
    return switch (p) {
      case Predicate.And a -> {
        boolean unknown = false;
        for (Predicate child : a.children()) {
          Boolean v = eval(child, key, row);
          if (Boolean.FALSE.equals(v)) {
            yield false;
          }
          unknown |= v == null;
        }
        yield unknown ? null : true;
      }
      case Predicate.Or o -> {
        boolean unknown = false;
        for (Predicate child : o.children()) {
          Boolean v = eval(child, key, row);
          if (Boolean.TRUE.equals(v)) {
            yield true;
          }
          unknown |= v == null;
        }
        yield unknown ? null : false;
      }
      case Predicate.Not n -> {
        Boolean v = eval(n.child(), key, row);
        yield v == null ? null : !v;
      }
      case Predicate.IsNull n -> value(n.column(), key, row) == null;
      case Predicate.Compare cmp -> {
        Object v = value(cmp.column(), key, row);
        yield v == null ? null : compare(cmp.op(), v, cmp.value());
      }
      case Predicate.Range r -> {
        Object v = value(r.column(), key, row);
        yield v == null ? null
            : (r.low() == null || compare(r.lowInclusive() ? Predicate.Op.GE : Predicate.Op.GT, v, r.low()))
                && (r.high() == null || compare(r.highInclusive() ? Predicate.Op.LE : Predicate.Op.LT, v, r.high()));
      }
      case Predicate.In in -> {
        Object v = value(in.column(), key, row);
        yield v == null ? null : in.values().stream().anyMatch(x -> compare(Predicate.Op.EQ, v, x));
      }
      case Predicate.Tags t -> {
        List<?> v = (List<?>) value(t.column(), key, row);
        yield v == null ? null : t.all() ? v.containsAll(t.tags()) : t.tags().stream().anyMatch(v::contains);
      }
      case Predicate.Constant c -> c.value();
      case Predicate.VectorCompare v -> throw new IllegalArgumentException("not generated here: " + v);
    };
  }

  private static Object value(String column, String key, Map<String, Object> row) {
    return column.equals("id") ? key : row.get(column);
  }

  private static boolean compare(Predicate.Op op, Object v, Object literal) {
    int c = v instanceof String s ? s.compareTo((String) literal)
        : v instanceof Boolean b ? Boolean.compare(b, (Boolean) literal)
        : Double.compare(((Number) v).doubleValue(), ((Number) literal).doubleValue());
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
    };
  }
}
