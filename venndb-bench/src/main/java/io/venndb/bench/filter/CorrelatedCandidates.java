package io.venndb.bench.filter;

import io.venndb.bench.data.KeywordColumn;
import io.venndb.bench.data.LongColumn;
import io.venndb.bench.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Filters of similar global selectivity from which a per-query filter is picked by how many of the
 * query's nearest neighbours it admits: the most (correlated with the query — the filter keeps
 * Q's neighbourhood) or the fewest (anti-correlated — the answer lies far from Q). This is what
 * makes filtered search hard or easy at the same global selectivity.
 */
public final class CorrelatedCandidates {
  private final List<Filter> filters;
  private final List<BitSet> bits;
  private final double[] shares;
  private final double referenceShare;

  private CorrelatedCandidates(List<Filter> filters, Table table) {
    if (filters.isEmpty()) {
      throw new IllegalArgumentException("no candidate filters in the selectivity band");
    }
    FilterMatcher matcher = new FilterMatcher(table);
    this.filters = List.copyOf(filters);
    this.bits = filters.stream().map(matcher::matching).toList();
    this.shares = bits.stream().mapToDouble(b -> (double) b.cardinality() / table.size()).toArray();
    double[] sorted = shares.clone();
    Arrays.sort(sorted);
    this.referenceShare = sorted[sorted.length / 2];
  }

  /** Each keyword value whose share of rows is within [minShare, maxShare]. */
  public static CorrelatedCandidates keywordBand(Table table, String column, double minShare, double maxShare) {
    KeywordColumn col = (KeywordColumn) table.column(column);
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < col.size(); i++) {
      if (col.value(i) != null) {
        counts.merge(col.value(i), 1, Integer::sum);
      }
    }
    List<Filter> out = new ArrayList<>();
    counts.forEach((v, c) -> {
      double share = (double) c / table.size();
      if (share >= minShare && share <= maxShare) {
        out.add(new Filter.Keyword(column, v));
      }
    });
    return new CorrelatedCandidates(out, table);
  }

  /** Most windows offered per column; starts are spaced evenly when there are more distinct values. */
  static final int MAX_WINDOWS = 200;

  /** For distinct start values, the window {@code BETWEEN a AND b} closest to {@code share}. */
  public static CorrelatedCandidates windows(Table table, String column, double share) {
    LongColumn col = (LongColumn) table.column(column);
    long[] sorted = java.util.stream.IntStream.range(0, col.size()).filter(i -> !col.isNull(i))
        .mapToLong(col::get).sorted().toArray();
    long[] distinct = Arrays.stream(sorted).distinct().toArray();
    double wanted = share * table.size();
    LinkedHashSet<Filter> out = new LinkedHashSet<>();
    int end = 0;
    int step = Math.max(1, distinct.length / MAX_WINDOWS);
    for (int a = 0; a < distinct.length; a += step) {
      int from = lowerBound(sorted, distinct[a]);
      end = Math.max(end, a);
      while (end + 1 < distinct.length && upperBound(sorted, distinct[end]) - from < wanted) {
        end++;
      }
      if (upperBound(sorted, distinct[end]) - from >= wanted / 2) {
        out.add(new Filter.LongRange(column, distinct[a], distinct[end]));
      }
    }
    return new CorrelatedCandidates(new ArrayList<>(out), table);
  }

  /**
   * The candidate admitting the most ({@code correlated}) or fewest of {@code neighbours}; ties go
   * to the share closest to the candidates' median, then to the first.
   */
  public Filter choose(int[] neighbours, boolean correlated) {
    int best = -1;
    int bestCount = 0;
    for (int c = 0; c < filters.size(); c++) {
      int count = 0;
      for (int row : neighbours) {
        count += bits.get(c).get(row) ? 1 : 0;
      }
      boolean better = best < 0 || (correlated ? count > bestCount : count < bestCount)
          || (count == bestCount && Math.abs(shares[c] - referenceShare) < Math.abs(shares[best] - referenceShare));
      if (better) {
        best = c;
        bestCount = count;
      }
    }
    return filters.get(best);
  }

  public int size() {
    return filters.size();
  }

  private static int lowerBound(long[] a, long v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(long[] a, long v) {
    return lowerBound(a, v == Long.MAX_VALUE ? v : v + 1) + (v == Long.MAX_VALUE ? countEqualMax(a) : 0);
  }

  private static int countEqualMax(long[] a) {
    int c = 0;
    for (int i = a.length - 1; i >= 0 && a[i] == Long.MAX_VALUE; i--) {
      c++;
    }
    return c;
  }
}
