package io.venndb.bench.detector;

import io.venndb.index.hnsw.CursorOptions.Departure;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark's Markdown: per workload a compact matrix (E down, rule and w across) and the full
 * table of every setting; then, across workloads, the cheapest setting of each rule that reaches a
 * recall target, which is the median-window-versus-last-visited comparison.
 */
final class DetectorTables {
  static final double[] TARGETS = {0.95, 0.99};

  private DetectorTables() {}

  static String section(Measured m) {
    Workload w = m.workload();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n#### %s (%d queries)%n%n%s.%n%n", w.name(), w.queries(), w.description()));
    out.append(matrix(m)).append('\n').append(full(m));
    return out.toString();
  }

  /** Rows E; columns LAST_VISITED then MEDIAN_WINDOW per w. */
  static String matrix(Measured m) {
    boolean noRows = m.workload().expectsNoRows();
    StringBuilder out = new StringBuilder(noRows
        ? "Each cell: mean nodes visited / max nodes visited / QPS.\n\n"
        : "Each cell: recall / mean nodes visited / QPS.\n\n");
    out.append("| E | LV (w = 1) |");
    for (int w : Setting.WS) {
      out.append(" MW w = ").append(w).append(" |");
    }
    out.append("\n|---:|---:|").append("---:|".repeat(Setting.WS.length)).append('\n');
    for (int e : Setting.ES) {
      out.append("| ").append(e).append(" | ").append(matrixCell(m.at(Departure.LAST_VISITED, e, 1), noRows)).append(" |");
      for (int w : Setting.WS) {
        out.append(' ').append(matrixCell(m.at(Departure.MEDIAN_WINDOW, e, w), noRows)).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String matrixCell(Optional<Cell> found, boolean noRows) {
    if (found.isEmpty()) {
      return "";
    }
    Cell c = found.get();
    String text = noRows
        ? String.format(Locale.ROOT, "%,.0f / %,d / %,.0f", c.meanNodes(), c.maxNodes(), c.qps())
        : String.format(Locale.ROOT, "%.3f / %,.0f / %,.0f", c.recall(), c.meanNodes(), c.qps());
    return c.setting().isDefault() ? "**" + text + "**" : text;
  }

  static String full(Measured m) {
    StringBuilder out = new StringBuilder(
        "| setting | recall | short | recall 0 | rows | nodes visited: mean / max | nodes / (E + w) | nodes - max(E, w) | distances | stop reasons | exact fallback | QPS |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
    for (Cell c : m.cells()) {
      Setting s = c.setting();
      out.append(String.format(Locale.ROOT, "| %s | %.3f | %d | %d | %,.1f | %,.0f / %,d | %.2f | %,.0f | %,.0f | %s | %d | %,.0f |%n",
          s.label(), c.recall(), c.shortQueries(), c.emptyQueries(), c.meanRows(), c.meanNodes(), c.maxNodes(),
          c.meanNodes() / (s.e() + s.w()), c.meanNodes() - Math.max(s.e(), s.w()), c.meanDistances(), c.stopSummary(), c.exactFallbacks(), c.qps()));
    }
    return out.toString();
  }

  /** Per workload and target, the cheapest setting of each rule, and how many more nodes LV needs. */
  static String cheapest(List<Measured> all) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%n#### Cheapest setting reaching a recall target (fewest mean nodes visited)%n%n"
            + "| workload | target | median window: setting, recall, nodes, QPS | last visited: setting, recall, nodes, QPS | nodes LV / MW |%n"
            + "|---|---:|---|---|---:|%n"));
    for (Measured m : all) {
      if (m.workload().expectsNoRows()) {
        continue;
      }
      for (double target : TARGETS) {
        Optional<Cell> mw = m.cheapest(Departure.MEDIAN_WINDOW, target);
        Optional<Cell> lv = m.cheapest(Departure.LAST_VISITED, target);
        String ratio = mw.isPresent() && lv.isPresent()
            ? String.format(Locale.ROOT, "%.2f", lv.get().meanNodes() / mw.get().meanNodes()) : "";
        out.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s | %s |%n",
            m.workload().name(), target, brief(mw), brief(lv), ratio));
      }
    }
    return out.toString();
  }

  private static String brief(Optional<Cell> found) {
    return found.map(c -> String.format(Locale.ROOT, "%s, %.3f, %,.0f, %,.0f",
        c.setting().label(), c.recall(), c.meanNodes(), c.qps())).orElse("not reached in the grid");
  }
}
