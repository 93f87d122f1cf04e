package io.venndb.bench.report;

import io.venndb.bench.report.BenchResults.ResultRow;
import io.venndb.bench.report.BenchResults.WorkloadInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One recall–QPS plot per workload, one line per series, under {@code plots/}. */
public final class Plots {
  private Plots() {}

  /** Writes the plots; returns workload id → path relative to {@code resultsDir}. */
  public static Map<String, String> writeAll(BenchResults r, Path resultsDir) throws IOException {
    Path dir = resultsDir.resolve("plots");
    Files.createDirectories(dir);
    Map<String, String> out = new LinkedHashMap<>();
    for (WorkloadInfo w : r.workloads()) {
      Map<String, List<RecallQpsPlot.Point>> series = new LinkedHashMap<>();
      for (ResultRow x : r.results()) {
        if (x.supported() && x.workload().equals(w.id())) {
          series.computeIfAbsent(x.series(), k -> new ArrayList<>())
              .add(new RecallQpsPlot.Point(x.recall(), x.qpsSingleThread().median()));
        }
      }
      if (series.isEmpty()) {
        continue;
      }
      List<RecallQpsPlot.Series> lines = new ArrayList<>();
      series.forEach((name, points) -> lines.add(new RecallQpsPlot.Series(name, points)));
      String file = fileName(w.id());
      RecallQpsPlot.write(dir.resolve(file), r.dataset().name() + ": " + w.id(), subtitle(r, w), lines);
      out.put(w.id(), "plots/" + file);
    }
    return out;
  }

  static String fileName(String workloadId) {
    return workloadId.replaceAll("[^A-Za-z0-9.+-]", "_") + ".png";
  }

  private static String subtitle(BenchResults r, WorkloadInfo w) {
    String sel = w.filterSelectivity() == null ? "" : String.format(Locale.ROOT, ", filter sel. %.3f%%",
        100 * w.filterSelectivity());
    return String.format(Locale.ROOT, "%,d rows, %d reported queries%s; %d cores, %s; commit %s",
        r.dataset().baseRows(), w.reportedQueries(), sel, r.run().machine().nproc(), r.run().machine().jdk(),
        r.run().commit());
  }
}
