package io.venndb.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A GitHub-flavoured Markdown table, plus the number formats the reports share. */
final class MdTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  MdTable(String... header) {
    this.header = List.of(header);
  }

  MdTable row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(c == null ? "–" : String.valueOf(c).replace("|", "\\|"));
    }
    rows.add(r);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append("| ").append(String.join(" | ", header)).append(" |\n|");
    header.forEach(h -> b.append("---|"));
    b.append('\n');
    for (List<String> r : rows) {
      b.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return b.toString();
  }

  static String num(Double v, int decimals) {
    return v == null || v.isNaN() ? null : String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  static String qps(Double v) {
    if (v == null || v.isNaN()) {
      return null;
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String pct(Double v) {
    if (v == null || v.isNaN()) {
      return null;
    }
    double p = v * 100;
    return p >= 1 ? String.format(Locale.ROOT, "%.1f%%", p) : String.format(Locale.ROOT, "%.3f%%", p);
  }

  static String bytes(long b) {
    if (b < 0) {
      return null;
    }
    double mb = b / (1024.0 * 1024.0);
    return mb >= 1024 ? String.format(Locale.ROOT, "%.2f GiB", mb / 1024) : String.format(Locale.ROOT, "%.1f MiB", mb);
  }

  static String signedBytes(long b) {
    return b < 0 ? "−" + bytes(-b) : bytes(b);
  }
}
