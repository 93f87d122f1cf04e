package io.venndb.query;

import static io.venndb.query.QueryDifferentialTest.KINDS;
import static io.venndb.query.QueryDifferentialTest.LABELS;

import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** One test's generator: its random stream (from the run seed) and the provenance of its query vectors. */
final class DifferentialGen {
  final DifferentialFixture f;
  final SplittableRandom random;
  final String name;
  /** Where each vector condition's query vector came from, for messages. */
  final Map<Object, String> provenance = new IdentityHashMap<>();
  private int fresh;

  DifferentialGen(DifferentialFixture f, String name) {
    this.f = f;
    this.name = name;
    this.random = TestSeed.random("QueryDifferentialTest." + name);
  }

  String context(int trial, Predicate p, String query) {
    return "seed " + TestSeed.runSeed() + ", " + name + " trial " + trial + ": " + query + " WHERE "
        + (p == null ? "(none)" : describe(p));
  }

  Predicate predicate(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return random.nextInt(5) < 2 ? vectorLeaf() : scalarLeaf();
    }
    return switch (random.nextInt(3)) {
      case 0 -> random.nextBoolean() ? Predicate.and(predicate(depth - 1), predicate(depth - 1))
          : Predicate.and(predicate(depth - 1), predicate(depth - 1), predicate(depth - 1));
      case 1 -> random.nextBoolean() ? Predicate.or(predicate(depth - 1), predicate(depth - 1))
          : Predicate.or(predicate(depth - 1), predicate(depth - 1), predicate(depth - 1));
      default -> Predicate.not(predicate(depth - 1));
    };
  }

  Predicate scalarLeaf() {
    Predicate.Op op = Predicate.Op.values()[random.nextInt(6)];
    int n = f.rowsLoaded;
    return switch (random.nextInt(16)) {
      case 0, 1 -> new Predicate.Compare("kind", op, KINDS.get(random.nextInt(KINDS.size())));
      case 2 -> Predicate.in("kind", List.of(KINDS.get(random.nextInt(6)), KINDS.get(random.nextInt(6))));
      case 3 -> random.nextBoolean()
          ? Predicate.containsAny("labels", List.of(LABELS.get(random.nextInt(6)), LABELS.get(random.nextInt(6))))
          : Predicate.containsAll("labels", List.of(LABELS.get(random.nextInt(6)), LABELS.get(random.nextInt(6))));
      case 4, 5 -> new Predicate.Compare("size", op, random.nextInt(50));
      case 6 -> new Predicate.Compare("score", op, random.nextInt(25) + 0.5);
      case 7 -> Predicate.eq("flag", random.nextBoolean());
      case 8 -> new Predicate.Compare("body", op, "body" + random.nextInt(5)); // unindexed: row scan
      case 9 -> {
        String key = String.format(Locale.ROOT, "r%05d", random.nextInt(n));
        yield switch (random.nextInt(3)) {
          case 0 -> Predicate.eq("id", key);
          case 1 -> Predicate.in("id", List.of(key, String.format(Locale.ROOT, "r%05d", random.nextInt(n))));
          default -> new Predicate.Compare("id", op, key); // key range: row scan
        };
      }
      case 10, 11 -> {
        boolean openLow = random.nextInt(4) == 0;
        yield new Predicate.Range("size", openLow ? null : random.nextInt(50), random.nextBoolean(),
            !openLow && random.nextInt(4) == 0 ? null : random.nextInt(50), random.nextBoolean());
      }
      case 12 -> new Predicate.Range("kind", KINDS.get(random.nextInt(6)), random.nextBoolean(),
          random.nextBoolean() ? null : KINDS.get(random.nextInt(6)), random.nextBoolean());
      case 13 -> {
        long low = random.nextInt(n);
        yield new Predicate.Range("u", low, random.nextBoolean(), low + random.nextInt(n / 4), random.nextBoolean());
      }
      case 14 -> Predicate.isNull(List.of("kind", "labels", "size", "score", "flag", "body", "hv", "fv")
          .get(random.nextInt(8)));
      default -> random.nextInt(4) == 0 ? new Predicate.Constant(random.nextBoolean())
          : new Predicate.Compare("u", op, random.nextInt(n));
    };
  }

  /** A vector condition on either column, any measure and operator, TRUE on a random share of the rows. */
  Predicate vectorLeaf() {
    String column = random.nextInt(3) == 0 ? "fv" : "hv";
    Predicate.Measure measure = random.nextBoolean() ? Predicate.Measure.SIMILARITY : Predicate.Measure.DISTANCE;
    Predicate.Op op = List.of(Predicate.Op.LT, Predicate.Op.LE, Predicate.Op.GT, Predicate.Op.GE)
        .get(random.nextInt(4));
    double[] shares = {0, 0.001, 0.003, 0.005, 0.02, 0.1, 0.3, 0.6, 0.9, 0.99, 0.995, 0.997, 0.999, 1};
    float[] q = queryVector(column);
    double share = shares[random.nextInt(shares.length)];
    Predicate leaf = new Predicate.VectorCompare(column, q, measure, op, threshold(column, measure, op, q, share));
    provenance.put(leaf, describe(q));
    return leaf;
  }

  /** A near-keeping ({@code keepsNear}) or far-keeping condition TRUE on about {@code share} of the rows. */
  Predicate vectorLeaf(String column, Predicate.Measure measure, boolean keepsNear, double share) {
    boolean strict = random.nextBoolean();
    boolean above = keepsNear == (measure == Predicate.Measure.SIMILARITY);
    Predicate.Op op = above ? (strict ? Predicate.Op.GT : Predicate.Op.GE)
        : (strict ? Predicate.Op.LT : Predicate.Op.LE);
    float[] q = queryVector(column);
    Predicate leaf = new Predicate.VectorCompare(column, q, measure, op, threshold(column, measure, op, q, share));
    provenance.put(leaf, describe(q));
    return leaf;
  }

  /** A condition no row satisfies: similarity above (or distance below) every stored row's. */
  Predicate impossibleVectorLeaf(String column) {
    for (int attempt = 0; attempt < 20; attempt++) {
      float[] q = freshVector(column);
      Predicate.Measure measure = random.nextBoolean() ? Predicate.Measure.SIMILARITY : Predicate.Measure.DISTANCE;
      Predicate.Op op = measure == Predicate.Measure.SIMILARITY ? Predicate.Op.GT : Predicate.Op.LT;
      float t = threshold(column, measure, op, q, 0);
      Predicate leaf = new Predicate.VectorCompare(column, q, measure, op, t);
      if (f.oracle.matching(leaf).isEmpty()) {
        provenance.put(leaf, describe(q));
        return leaf;
      }
    }
    throw new AssertionError("no impossible threshold found for " + column);
  }

  /**
   * A threshold for {@code measure(column, q) op t} that keeps about {@code share} of the rows
   * with a vector. It is never closer than ~1e-4 (relative for large values) to any stored row's
   * value: it is the midpoint of two consecutive distinct values (sorted, over every live row
   * with a vector) that lie at least 2e-4 apart, the pair nearest the wanted rank; or a point
   * 2e-4 beyond the smallest or largest value when that is in the metric's valid range. So float
   * rounding in the engine (float kernels, normalised stored vectors, similarity derived from
   * distance) cannot move a row across the threshold, and the oracle's double values decide
   * every row unambiguously.
   */
  float threshold(String column, Predicate.Measure measure, Predicate.Op op, float[] q, double share) {
    double[] values = Arrays.stream(f.oracle.values(column, measure, q)).filter(v -> !Double.isNaN(v)).sorted()
        .toArray();
    int m = values.length;
    boolean above = op == Predicate.Op.GT || op == Predicate.Op.GE;
    // Gap g lies between values[g] and values[g + 1]; g = -1 is below all, g = m - 1 above all.
    int kept = (int) Math.round(share * m);
    int target = above ? m - 1 - kept : kept - 1;
    for (int delta = 0; delta <= m + 1; delta++) {
      for (int g : new int[] {target - delta, target + delta}) {
        Float t = gapThreshold(column, measure, values, g);
        if (t != null) {
          return t;
        }
      }
    }
    throw new AssertionError("no threshold with a clear margin for " + column);
  }

  private Float gapThreshold(String column, Predicate.Measure measure, double[] values, int g) {
    int m = values.length;
    if (g < -1 || g > m - 1 || m == 0) {
      return null;
    }
    double t;
    if (g == -1) {
      t = values[0] - 2 * margin(values[0]);
    } else if (g == m - 1) {
      t = values[m - 1] + 2 * margin(values[m - 1]);
    } else {
      if (values[g + 1] - values[g] < 2 * margin(values[g + 1])) {
        return null;
      }
      t = (values[g] + values[g + 1]) / 2;
    }
    float ft = (float) t;
    if (!valid(f.metric(column), measure, ft)) {
      return null;
    }
    double gapBelow = g >= 0 ? ft - values[g] : Double.POSITIVE_INFINITY;
    double gapAbove = g < m - 1 ? values[g + 1] - ft : Double.POSITIVE_INFINITY;
    return Math.min(gapBelow, gapAbove) >= 0.9 * margin(ft) ? ft : null;
  }

  static double margin(double value) {
    return 1e-4 * Math.max(1, Math.abs(value));
  }

  /** The engine's accepted range for a threshold (PredicateBinder), with room for rounding. */
  static boolean valid(Metric metric, Predicate.Measure measure, float t) {
    if (measure == Predicate.Measure.DISTANCE) {
      return metric == Metric.INNER_PRODUCT || t >= 0;
    }
    return switch (metric) {
      case COSINE -> t >= -1 && t <= 1;
      case L2 -> t > 0 && t <= 1;
      case INNER_PRODUCT -> true;
    };
  }

  /** A query vector: a stored row's, a stored row's perturbed, or a fresh one from the data's distribution. */
  float[] queryVector(String column) {
    int pick = random.nextInt(10);
    if (pick < 4) {
      int row = rowWithVector(column);
      float[] v = (float[]) f.oracle.rows().get(row).get(column);
      provenance.put(v, "row " + f.oracle.key(row));
      return v;
    }
    if (pick < 6) {
      int row = rowWithVector(column);
      float[] v = ((float[]) f.oracle.rows().get(row).get(column)).clone();
      double scale = f.debian != null ? 0.02 : 0.1;
      for (int i = 0; i < v.length; i++) {
        v[i] += (float) (scale * random.nextGaussian());
      }
      provenance.put(v, "row " + f.oracle.key(row) + " perturbed");
      return v;
    }
    return freshVector(column);
  }

  float[] freshVector(String column) {
    float[] v;
    if (f.debian != null) { // the normalised sum of two descriptions' embeddings
      float[] a = f.debian[random.nextInt(f.debian.length)];
      float[] b = f.debian[random.nextInt(f.debian.length)];
      v = new float[a.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = a[i] + b[i];
      }
    } else {
      v = DifferentialFixture.clustered(column.equals("hv") ? f.hvCentres : f.fvCentres, f.metric(column), random);
    }
    provenance.put(v, "fresh #" + fresh++);
    return v;
  }

  int rowWithVector(String column) {
    while (true) {
      int row = random.nextInt(f.oracle.size());
      if (f.oracle.rows().get(row).get(column) != null) {
        return row;
      }
    }
  }

  String describe(float[] q) {
    return "[" + provenance.getOrDefault(q, q.length + "-d") + "]";
  }

  boolean hasVectorLeaf(Predicate p) {
    return hasVectorLeaf(p, null);
  }

  /** Whether the predicate has a vector condition (on {@code column}; on any vector column when null). */
  boolean hasVectorLeaf(Predicate p, String column) {
    return switch (p) {
      case null -> false;
      case Predicate.VectorCompare v -> column == null || v.column().equals(column);
      case Predicate.And a -> a.children().stream().anyMatch(c -> hasVectorLeaf(c, column));
      case Predicate.Or o -> o.children().stream().anyMatch(c -> hasVectorLeaf(c, column));
      case Predicate.Not n -> hasVectorLeaf(n.child(), column);
      default -> false;
    };
  }

  /** The predicate with each vector condition's query vector named by where it came from. */
  String describe(Predicate p) {
    return switch (p) {
      case Predicate.And a -> "(" + String.join(" AND ", a.children().stream().map(this::describe).toList()) + ")";
      case Predicate.Or o -> "(" + String.join(" OR ", o.children().stream().map(this::describe).toList()) + ")";
      case Predicate.Not n -> "NOT " + describe(n.child());
      case Predicate.VectorCompare v -> v.measure().name().toLowerCase(Locale.ROOT) + "(" + v.column() + ", ["
          + provenance.getOrDefault(v, "?") + "]) " + symbol(v.op()) + " " + v.value();
      case Predicate.In in -> in.column() + " IN " + in.values();
      case Predicate.Tags t -> t.column() + (t.all() ? " CONTAINS ALL " : " CONTAINS ANY ") + t.tags();
      case Predicate.IsNull n -> n.column() + " IS NULL";
      default -> p.toString();
    };
  }

  private static String symbol(Predicate.Op op) {
    return switch (op) {
      case EQ -> "=";
      case NE -> "!=";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
    };
  }
}
