package io.venndb.query;

import io.venndb.vector.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A brute-force model of one collection for differential tests, independent of the engine: the
 * rows exactly as they were written (vectors as inserted, not normalised), kept in insertion
 * (doc id) order — an upsert moves its row to the end, as it gets a new doc id — and evaluated
 * with SQL's three-valued logic. Distances are computed here in double precision from the
 * definitions in {@link Metric}'s documentation, never with the engine's kernels:
 *
 * <ul>
 *   <li>COSINE: distance {@code 1 - cos(q, v)}, similarity {@code 1 - distance};
 *   <li>L2: distance {@code |q - v|}, similarity {@code 1 / (1 + distance)};
 *   <li>INNER_PRODUCT: distance {@code -q·v}, similarity {@code q·v}.
 * </ul>
 */
final class QueryOracle {
  static final String KEY = "id";

  /** A row with a vector in the ranking column, its place in doc order and its distance. */
  record Scored(int index, String key, double distance) {}

  private final Map<String, Metric> vectorColumns;
  private final LinkedHashMap<String, Map<String, Object>> byKey = new LinkedHashMap<>();
  private List<Map<String, Object>> rows;
  private Map<String, Integer> positions;
  private final IdentityHashMap<Predicate.VectorCompare, double[]> leafValues = new IdentityHashMap<>();

  QueryOracle(Map<String, Metric> vectorColumns) {
    this.vectorColumns = Map.copyOf(vectorColumns);
  }

  /** An insert or an upsert: the row goes to the end of doc order. */
  void put(Map<String, Object> row) {
    String key = (String) row.get(KEY);
    byKey.remove(key);
    byKey.put(key, row);
    changed();
  }

  boolean remove(String key) {
    boolean removed = byKey.remove(key) != null;
    changed();
    return removed;
  }

  private void changed() {
    rows = null;
    positions = null;
    leafValues.clear();
  }

  /** Live rows in doc order. */
  List<Map<String, Object>> rows() {
    if (rows == null) {
      rows = List.copyOf(byKey.values());
    }
    return rows;
  }

  int size() {
    return rows().size();
  }

  String key(int index) {
    return (String) rows().get(index).get(KEY);
  }

  /** Position of a live key in doc order, -1 when absent. */
  int indexOf(String key) {
    if (positions == null) {
      Map<String, Integer> p = new HashMap<>();
      List<Map<String, Object>> all = rows();
      for (int i = 0; i < all.size(); i++) {
        p.put((String) all.get(i).get(KEY), i);
      }
      positions = p;
    }
    return positions.getOrDefault(key, -1);
  }

  Metric metric(String vectorColumn) {
    return vectorColumns.get(vectorColumn);
  }

  static double distance(Metric metric, float[] q, float[] v) {
    double dot = 0;
    double qq = 0;
    double vv = 0;
    double sq = 0;
    for (int i = 0; i < q.length; i++) {
      double a = q[i];
      double b = v[i];
      dot += a * b;
      qq += a * a;
      vv += b * b;
      sq += (a - b) * (a - b);
    }
    return switch (metric) {
      case COSINE -> 1 - dot / Math.sqrt(qq * vv);
      case L2 -> Math.sqrt(sq);
      case INNER_PRODUCT -> -dot;
    };
  }

  static double similarity(Metric metric, double distance) {
    return switch (metric) {
      case COSINE -> 1 - distance;
      case L2 -> 1 / (1 + distance);
      case INNER_PRODUCT -> -distance;
    };
  }

  /** The measure of {@code v} against {@code q} in {@code column}'s metric. */
  double measure(String column, Predicate.Measure measure, float[] q, float[] v) {
    Metric m = metric(column);
    double d = distance(m, q, v);
    return measure == Predicate.Measure.SIMILARITY ? similarity(m, d) : d;
  }

  /** Per live row in doc order: the measure against {@code q}, NaN where the row has no vector. */
  double[] values(String column, Predicate.Measure measure, float[] q) {
    List<Map<String, Object>> all = rows();
    double[] out = new double[all.size()];
    for (int i = 0; i < out.length; i++) {
      float[] v = (float[]) all.get(i).get(column);
      out[i] = v == null ? Double.NaN : measure(column, measure, q, v);
    }
    return out;
  }

  /** TRUE, FALSE or null (unknown) for the live row at {@code index}; a null predicate is TRUE. */
  Boolean eval(Predicate p, int index) {
    if (p == null) {
      return true;
    }
    Map<String, Object> row = rows().get(index);
    return switch (p) {
      case Predicate.And a -> {
        boolean unknown = false;
        for (Predicate child : a.children()) {
          Boolean v = eval(child, index);
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
          Boolean v = eval(child, index);
          if (Boolean.TRUE.equals(v)) {
            yield true;
          }
          unknown |= v == null;
        }
        yield unknown ? null : false;
      }
      case Predicate.Not n -> {
        Boolean v = eval(n.child(), index);
        yield v == null ? null : !v;
      }
      case Predicate.Constant c -> c.value();
      case Predicate.IsNull n -> row.get(n.column()) == null;
      case Predicate.Compare cmp -> {
        Object v = row.get(cmp.column());
        yield v == null ? null : compare(cmp.op(), v, cmp.value());
      }
      case Predicate.Range r -> {
        Object v = row.get(r.column());
        yield v == null ? null
            : (r.low() == null || compare(r.lowInclusive() ? Predicate.Op.GE : Predicate.Op.GT, v, r.low()))
                && (r.high() == null || compare(r.highInclusive() ? Predicate.Op.LE : Predicate.Op.LT, v, r.high()));
      }
      case Predicate.In in -> {
        Object v = row.get(in.column());
        if (v == null) {
          yield null;
        }
        boolean found = false;
        for (Object x : in.values()) {
          found |= compare(Predicate.Op.EQ, v, x);
        }
        yield found;
      }
      case Predicate.Tags t -> {
        List<?> v = (List<?>) row.get(t.column());
        if (v == null) {
          yield null;
        }
        boolean any = false;
        boolean all = true;
        for (String tag : t.tags()) {
          boolean has = v.contains(tag);
          any |= has;
          all &= has;
        }
        yield t.all() ? all : any;
      }
      case Predicate.VectorCompare v -> {
        double value = leafValues.computeIfAbsent(v, x -> values(x.column(), x.measure(), x.vector()))[index];
        yield Double.isNaN(value) ? null : compare(v.op(), value, (double) v.value());
      }
    };
  }

  boolean isTrue(Predicate p, int index) {
    return Boolean.TRUE.equals(eval(p, index));
  }

  /** Live rows where the filter is TRUE, in doc order. */
  List<Integer> matching(Predicate p) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      if (isTrue(p, i)) {
        out.add(i);
      }
    }
    return out;
  }

  List<String> matchingKeys(Predicate p) {
    return matching(p).stream().map(this::key).toList();
  }

  /** Rows where the filter is TRUE and that have a vector in {@code column}, nearest first, ties in doc order. */
  List<Scored> ranked(Predicate p, String column, float[] q) {
    Metric m = metric(column);
    List<Scored> out = new ArrayList<>();
    List<Map<String, Object>> all = rows();
    for (int i = 0; i < all.size(); i++) {
      float[] v = (float[]) all.get(i).get(column);
      if (v != null && isTrue(p, i)) {
        out.add(new Scored(i, (String) all.get(i).get(KEY), distance(m, q, v)));
      }
    }
    out.sort(Comparator.comparingDouble(Scored::distance).thenComparingInt(Scored::index));
    return out;
  }

  /** Rows where the filter is TRUE ordered by a scalar column: NULLs last either way, ties in doc order. */
  List<String> orderBy(Predicate p, String column, boolean descending) {
    List<Integer> rowsTrue = new ArrayList<>(matching(p));
    rowsTrue.sort((a, b) -> compareForOrder(column, descending, a, b));
    return rowsTrue.stream().map(this::key).toList();
  }

  /** The ORDER BY comparison of two live rows, doc order breaking ties. */
  int compareForOrder(String column, boolean descending, int a, int b) {
    Object va = rows().get(a).get(column);
    Object vb = rows().get(b).get(column);
    int c;
    if (va == null || vb == null) {
      c = va == null ? (vb == null ? 0 : 1) : -1;
    } else {
      c = compareValues(va, vb);
      c = descending ? -c : c;
    }
    return c != 0 ? c : Integer.compare(a, b);
  }

  static boolean compare(Predicate.Op op, Object v, Object literal) {
    int c = compareValues(v, literal);
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
    };
  }

  static int compareValues(Object v, Object literal) {
    return v instanceof String s ? s.compareTo((String) literal)
        : v instanceof Boolean b ? Boolean.compare(b, (Boolean) literal)
        : Double.compare(((Number) v).doubleValue(), ((Number) literal).doubleValue());
  }
}
