package io.venndb.bench.filter;

import io.venndb.bench.data.Column;
import io.venndb.bench.data.KeywordColumn;
import io.venndb.bench.data.Table;
import io.venndb.bench.data.TagsColumn;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An OR of equality tests on a keyword column ({@code section = 'a' OR section = 'b'}) or of tag
 * tests on a tags column, tuned to a selectivity: the best single value, or a greedy union (largest
 * values first, each kept only if it brings the union closer to the target), whichever is closer.
 * Counts are real unions, so overlapping tags are not double-counted.
 */
public record ValueSetRecipe(String name, String column, int maxValues) implements FilterRecipe {

  @Override
  public String shape() {
    return column + " = v1 OR " + column + " = v2 ...";
  }

  @Override
  public Filter make(Table table, double target) {
    Column col = table.column(column);
    Map<String, BitSet> postings = postings(col);
    List<Map.Entry<String, BitSet>> byCount = new ArrayList<>(postings.entrySet());
    byCount.sort(Comparator.comparingInt((Map.Entry<String, BitSet> e) -> -e.getValue().cardinality())
        .thenComparing(Map.Entry::getKey));
    double wanted = target * table.size();
    List<String> greedy = new ArrayList<>();
    BitSet union = new BitSet();
    for (Map.Entry<String, BitSet> e : byCount) {
      if (greedy.size() == maxValues) {
        break;
      }
      BitSet next = (BitSet) union.clone();
      next.or(e.getValue());
      if (Math.abs(next.cardinality() - wanted) < Math.abs(union.cardinality() - wanted)) {
        union = next;
        greedy.add(e.getKey());
      }
    }
    String single = null;
    double singleErr = Double.MAX_VALUE;
    for (Map.Entry<String, BitSet> e : byCount) {
      double err = Math.abs(e.getValue().cardinality() - wanted);
      if (err < singleErr) {
        singleErr = err;
        single = e.getKey();
      }
    }
    List<String> chosen = singleErr <= Math.abs(union.cardinality() - wanted) || greedy.isEmpty()
        ? List.of(single) : greedy;
    return Filter.or(chosen.stream().map(v -> leaf(col, v)).toList());
  }

  private static String[] valuesAt(Column col, int row) {
    if (col.isNull(row)) {
      return new String[0];
    }
    return switch (col) {
      case KeywordColumn k -> new String[] {k.value(row)};
      case TagsColumn t -> t.values()[row];
      default -> throw new IllegalArgumentException("column '" + col.name() + "' is not a keyword or tags column");
    };
  }

  private Filter leaf(Column col, String value) {
    return col instanceof TagsColumn ? new Filter.HasTag(column, value) : new Filter.Keyword(column, value);
  }

  private static Map<String, BitSet> postings(Column col) {
    Map<String, BitSet> out = new HashMap<>();
    for (int row = 0; row < col.size(); row++) {
      for (String v : valuesAt(col, row)) {
        out.computeIfAbsent(v, x -> new BitSet()).set(row);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("column '" + col.name() + "' has no values to choose from");
    }
    return out;
  }
}
