package io.venndb.bench.report;

import io.venndb.bench.report.BenchResults.ResultRow;
import io.venndb.bench.report.BenchResults.SummaryRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads QPS off the recall–QPS curves at fixed recall targets. The setting is chosen on the
 * tuning queries — the first in order of effort whose tuning recall reaches the target — and its
 * figures are those measured on the reported queries, so the choice is not fitted to the numbers
 * it reports (the reported recall can therefore fall slightly below the target).
 */
public final class Summary {
  public static final double[] TARGETS = {0.95, 0.99};

  private Summary() {}

  public static List<SummaryRow> of(List<ResultRow> rows) {
    Map<String, List<ResultRow>> curves = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      if (r.supported()) {
        curves.computeIfAbsent(r.workload() + "\u0000" + r.series(), k -> new ArrayList<>()).add(r);
      }
    }
    List<SummaryRow> out = new ArrayList<>();
    for (List<ResultRow> curve : curves.values()) {
      for (double target : TARGETS) {
        out.add(pick(curve, target));
      }
    }
    return out;
  }

  static SummaryRow pick(List<ResultRow> curve, double target) {
    ResultRow first = curve.getFirst();
    for (ResultRow r : curve) {
      if (r.tuningRecall() != null && r.tuningRecall() >= target) {
        return new SummaryRow(r.workload(), r.series(), target, true, r.paramsLabel(), r.recall(), r.tuningRecall(),
            r.qpsSingleThread().median(), r.qpsAllCores().median(), r.latencyP50Ms());
      }
    }
    double best = curve.stream().mapToDouble(r -> r.recall() == null ? 0 : r.recall()).max().orElse(0);
    return new SummaryRow(first.workload(), first.series(), target, false, null, best, null, null, null, null);
  }
}
