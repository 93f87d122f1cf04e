package io.venndb.bench.data;

import io.venndb.datasets.DebianPackages;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The Debian 12 catalog bundled in venndb-core's jar (63,666 packages). Metadata kept for
 * filters: section, priority, architecture (keywords), tags (multi-valued), installed_size_kb and
 * download_size (numbers); the description is the embedded text.
 */
public final class DebianSource {
  public static final String NAME = "debian";

  private DebianSource() {}

  /** The first {@code limit} packages in file order (sorted by name), as the demo takes them. */
  public static TextCorpus read(int limit) {
    List<Map<String, Object>> rows = DebianPackages.readBundled();
    rows = rows.subList(0, Math.min(limit, rows.size()));
    int n = rows.size();
    String[] keys = new String[n];
    String[] texts = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (String) rows.get(i).get("package");
      texts[i] = String.valueOf(rows.get(i).get("description"));
    }
    Table table = new Table(n, List.of(
        keyword(rows, "section"), keyword(rows, "priority"), keyword(rows, "architecture"),
        tags(rows), number(rows, "installed_size_kb"), number(rows, "download_size")));
    return new TextCorpus(NAME, keys, "package", texts, "description", table);
  }

  private static KeywordColumn keyword(List<Map<String, Object>> rows, String field) {
    String[] values = new String[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (String) rows.get(i).get(field);
    }
    return new KeywordColumn(field, values);
  }

  @SuppressWarnings("unchecked")
  private static TagsColumn tags(List<Map<String, Object>> rows) {
    String[][] values = new String[rows.size()][];
    for (int i = 0; i < values.length; i++) {
      List<String> tags = (List<String>) rows.get(i).get("tags");
      // A package without debtags has an empty (present) list, exactly as VennDB stores it.
      values[i] = tags == null ? new String[0] : tags.stream().distinct().toArray(String[]::new);
    }
    return new TagsColumn("tags", values);
  }

  private static LongColumn number(List<Map<String, Object>> rows, String field) {
    long[] values = new long[rows.size()];
    BitSet nulls = new BitSet();
    for (int i = 0; i < values.length; i++) {
      Object v = rows.get(i).get(field);
      if (v == null) {
        nulls.set(i);
      } else {
        values[i] = ((Number) v).longValue();
      }
    }
    return new LongColumn(field, values, nulls);
  }
}
