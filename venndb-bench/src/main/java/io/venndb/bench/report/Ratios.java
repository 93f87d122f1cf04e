package io.venndb.bench.report;

import io.venndb.bench.report.BenchResults.ResultRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * VennDB's single-thread QPS over each peer's, per workload, at equal recall: r* is the lowest of
 * 0.95 and the best reported recall each of the two series reaches; each series contributes its
 * fastest setting whose reported recall is at least r*. This is the reading docs/benchmarks.md
 * quotes ratios by. Unlike the "QPS at recall" table, it picks settings on the reported queries,
 * so it reads the curves as measured rather than as a tuning step would choose.
 */
public final class Ratios {
  /** The series whose QPS is the numerator. */
  public static final String VENNDB = "venndb-hnsw";
  static final double TARGET = 0.95;

  private Ratios() {}

  /** One comparison: the two chosen settings and their QPS ratio. */
  public record Ratio(String workload, String peer, double recallTarget, ResultRow venndb, ResultRow other) {
    public double ratio() {
      return venndb.qpsSingleThread().median() / other.qpsSingleThread().median();
    }
  }

  /** Every workload where {@link #VENNDB} and a peer series (not VennDB's own) were both measured. */
  public static List<Ratio> of(List<ResultRow> rows) {
    Map<String, Map<String, List<ResultRow>>> curves = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      if (r.supported() && r.recall() != null && r.qpsSingleThread() != null) {
        curves.computeIfAbsent(r.workload(), w -> new LinkedHashMap<>())
            .computeIfAbsent(r.series(), s -> new ArrayList<>()).add(r);
      }
    }
    List<Ratio> out = new ArrayList<>();
    curves.forEach((workload, bySeries) -> {
      List<ResultRow> mine = bySeries.get(VENNDB);
      if (mine == null) {
        return;
      }
      bySeries.forEach((series, theirs) -> {
        if (series.startsWith("venndb-")) {
          return;
        }
        double target = Math.min(TARGET, Math.min(bestRecall(mine), bestRecall(theirs)));
        Optional<ResultRow> a = fastestAtLeast(mine, target);
        Optional<ResultRow> b = fastestAtLeast(theirs, target);
        if (a.isPresent() && b.isPresent()) {
          out.add(new Ratio(workload, series, target, a.get(), b.get()));
        }
      });
    });
    return out;
  }

  /** The comparisons as a Markdown table. */
  public static String table(List<ResultRow> rows) {
    MdTable t = new MdTable("workload", "peer", "r*", VENNDB + " QPS 1T (setting, recall)",
        "peer QPS 1T (setting, recall)", "ratio");
    for (Ratio r : of(rows)) {
      t.row(r.workload(), r.peer(), MdTable.num(r.recallTarget(), 3), cell(r.venndb()), cell(r.other()),
          String.format(Locale.ROOT, "%.2f×", r.ratio()));
    }
    return "Per workload and peer: r* = the lowest of 0.95 and each series' best reported recall; each series' "
        + "fastest setting at or above r*; the ratio of single-thread QPS.\n\n" + t;
  }

  private static String cell(ResultRow r) {
    return MdTable.qps(r.qpsSingleThread().median()) + " (" + r.paramsLabel() + ", " + MdTable.num(r.recall(), 3) + ")";
  }

  private static double bestRecall(List<ResultRow> curve) {
    return curve.stream().mapToDouble(ResultRow::recall).max().orElse(0);
  }

  private static Optional<ResultRow> fastestAtLeast(List<ResultRow> curve, double target) {
    return curve.stream().filter(r -> r.recall() >= target - 1e-9)
        .max(Comparator.comparingDouble(r -> r.qpsSingleThread().median()));
  }
}
