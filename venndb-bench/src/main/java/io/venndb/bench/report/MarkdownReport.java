package io.venndb.bench.report;

import io.venndb.bench.report.BenchResults.ResultRow;
import io.venndb.bench.report.BenchResults.SummaryRow;
import io.venndb.bench.report.BenchResults.SystemInfo;
import io.venndb.bench.report.BenchResults.WorkloadInfo;
import io.venndb.bench.workload.Family;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable report of a run ({@code report.md}), section by section. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static void write(BenchResults r, Map<String, String> plots, Path file) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("# VennDB macro benchmark: ").append(r.dataset().name())
        .append(r.run().config().quick() ? " (quick)" : "").append("\n\n");
    b.append(header(r)).append('\n');
    b.append("## QPS at recall ≥ 0.95 and ≥ 0.99\n\n").append(summary(r)).append('\n');
    b.append("## Ratios at equal recall\n\n").append(Ratios.table(r.results())).append('\n');
    b.append("## Systems\n\n").append(systems(r)).append('\n');
    b.append("## Workloads (measured on the data)\n\n").append(workloads(r)).append('\n');
    for (Family f : Family.values()) {
      String t = results(r, f);
      if (!t.isEmpty()) {
        b.append("## (").append(f.letter).append(") ").append(f.title).append("\n\n").append(t).append('\n');
      }
    }
    b.append("## Not supported\n\n").append(unsupported(r)).append('\n');
    if (!r.plans().isEmpty()) {
      b.append("## Plans (EXPLAIN ANALYZE)\n\n").append(plans(r)).append('\n').append(planTexts(r, "###"));
    }
    b.append("## Plots\n\n");
    plots.forEach((workload, png) -> b.append("![").append(workload).append("](").append(png).append(")\n\n"));
    Files.writeString(file, b.toString());
  }

  static String header(BenchResults r) {
    BenchResults.Run run = r.run();
    BenchResults.Machine m = run.machine();
    BenchResults.Config c = run.config();
    return String.format(Locale.ROOT, """
        - Command: `%s`
        - Commit: `%s`%s; started %s; took %.0f s
        - Machine: %d cores (%s), %s, max heap %s, RAM %s, %s; load average %.1f at start, %.1f at end \
        (above the core count means other work shared the CPUs)
        - Data: %s, %,d base rows × %d dims (%s); %d tuning + %d reported queries \
        (%d held-out rows, %d hand-written, %d from file); vectors: %s
        - Method: %d repeats per setting, systems interleaved (the first system rotates each round); \
        single-thread QPS, p50/p99 from the serial passes, all-core QPS on %d threads; %.0f s warm-up per \
        system, then each setting runs the tuning queries once before measurement; medians over repeats.
        - Noise: %s
        """, run.command(), run.commit(), run.dirty() ? " (uncommitted changes)" : "", run.startedAt(),
        run.durationSeconds(), m.nproc(), m.cpuModel(), m.jdk(), MdTable.bytes(m.maxHeapBytes()),
        MdTable.bytes(m.physicalMemoryBytes()), m.os(), run.loadAverageStart(), run.loadAverageEnd(),
        r.dataset().name(), r.dataset().baseRows(),
        r.dataset().dimension(), r.dataset().metric(), r.dataset().tuningQueries(), r.dataset().reportedQueries(),
        r.dataset().heldOutQueries(), r.dataset().naturalLanguageQueries(), r.dataset().fileQueries(),
        r.dataset().provenance(), c.repeats(), c.threads(), c.warmupSeconds(), noise(r));
  }

  /** The spread of single-thread QPS over repeats, across all measured settings. */
  static String noise(BenchResults r) {
    double[] noise = r.results().stream().filter(ResultRow::supported)
        .mapToDouble(x -> x.qpsSingleThread().noise()).sorted().toArray();
    double[] noiseN = r.results().stream().filter(ResultRow::supported)
        .mapToDouble(x -> x.qpsAllCores().noise()).sorted().toArray();
    if (noise.length == 0) {
      return "no measurements";
    }
    return String.format(Locale.ROOT, "(max − min) / median of QPS over repeats: single-thread median %.0f%%, "
            + "90th percentile %.0f%%; all-core median %.0f%%, 90th percentile %.0f%%. Differences smaller than "
            + "that are not findings.", 100 * noise[noise.length / 2], 100 * noise[(int) (noise.length * 0.9)],
        100 * noiseN[noiseN.length / 2], 100 * noiseN[(int) (noiseN.length * 0.9)]);
  }

  static String summary(BenchResults r) {
    MdTable t = new MdTable("workload", "series", "recall ≥ 0.95: QPS 1T / nT (setting, recall)",
        "recall ≥ 0.99: QPS 1T / nT (setting, recall)");
    List<SummaryRow> rows = r.summary();
    for (int i = 0; i + 1 < rows.size(); i += 2) {
      t.row(rows.get(i).workload(), rows.get(i).series(), cell(rows.get(i)), cell(rows.get(i + 1)));
    }
    return "Settings chosen on the tuning queries (first in order of effort reaching the target), figures from "
        + "the reported queries.\n\n" + t;
  }

  private static String cell(SummaryRow s) {
    if (!s.reached()) {
      return "not reached (best recall " + MdTable.num(s.recall(), 3) + ")";
    }
    return MdTable.qps(s.qpsSingleThread()) + " / " + MdTable.qps(s.qpsAllCores()) + " (" + s.params() + ", "
        + MdTable.num(s.recall(), 3) + ")";
  }

  static String systems(BenchResults r) {
    MdTable t = new MdTable("system", "build s", "on disk", "heap", "off-heap", "mapped", "RSS", "notes");
    for (SystemInfo s : r.systems()) {
      var b = s.build();
      t.row(s.name(), MdTable.num(b.seconds(), 1), MdTable.bytes(b.indexBytes()), MdTable.signedBytes(b.heapBytes()),
          MdTable.signedBytes(b.offHeapBytes()), MdTable.signedBytes(b.mappedBytes()),
          MdTable.signedBytes(b.rssBytes()), s.description() + "; " + b.notes());
    }
    return "Memory is growth across each build after GC (heap; JDK-tracked native: direct buffers and FFM "
        + "segments; mapped files; process RSS). Systems are built one after another in one JVM, so figures "
        + "are approximate.\n\n" + t;
  }

  static String workloads(BenchResults r) {
    MdTable t = new MdTable("workload", "filter", "target sel.", "filter sel.", "predicate sel.",
        "Q's top-100 passing", "top-100 excluded by NOT", "|C_B| / N", "truth rows (mean, min–max)");
    for (WorkloadInfo w : r.workloads()) {
      t.row(w.id(), w.filter(), MdTable.pct(w.targetSelectivity()), MdTable.pct(w.filterSelectivity()),
          MdTable.pct(w.predicateSelectivity()), MdTable.pct(w.localPassRate()), MdTable.pct(w.excludedTop100()),
          MdTable.pct(w.negativeShare()), MdTable.num(w.truthRowsMean(), 1) + " (" + w.truthRowsMin() + "–"
              + w.truthRowsMax() + ")");
    }
    return t.toString();
  }

  static String results(BenchResults r, Family family) {
    List<String> ids = r.workloads().stream().filter(w -> w.family().equals(family.name()))
        .map(WorkloadInfo::id).toList();
    MdTable t = new MdTable("workload", "series", "setting", "recall", "rows", "short", "NOT viol.", "invalid",
        "QPS 1T", "QPS nT", "p50 ms", "p99 ms", "dist./q", "visited/q");
    for (ResultRow x : r.results()) {
      if (x.supported() && ids.contains(x.workload())) {
        t.row(x.workload(), x.series(), x.paramsLabel(), MdTable.num(x.recall(), 3),
            MdTable.num(x.rowsReturnedMean(), 1), x.shortQueries(), x.notViolations(), x.invalidRows(),
            MdTable.qps(x.qpsSingleThread().median()), MdTable.qps(x.qpsAllCores().median()),
            MdTable.num(x.latencyP50Ms(), 2), MdTable.num(x.latencyP99Ms(), 2),
            MdTable.num(x.distanceComputations(), 0), MdTable.num(x.nodesVisited(), 0));
      }
    }
    return t.isEmpty() ? "" : t.toString();
  }

  static String unsupported(BenchResults r) {
    MdTable t = new MdTable("system", "workloads", "reason");
    r.results().stream().filter(x -> !x.supported())
        .collect(java.util.stream.Collectors.groupingBy(x -> x.system() + "\u0000" + x.unsupportedReason(),
            java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()))
        .forEach((k, v) -> t.row(v.getFirst().system(),
            v.size() <= 4 ? String.join(", ", v.stream().map(ResultRow::workload).toList()) : v.size() + " workloads",
            v.getFirst().unsupportedReason()));
    return t.isEmpty() ? "Every system ran every workload.\n" : t.toString();
  }

  /** Strategy counts per workload: what the planner chose over the reported queries. */
  static String plans(BenchResults r) {
    MdTable t = new MdTable("workload", "system", "setting", "queries", "strategy chosen", "runner-up",
        "vector conditions", "switched", "representative query");
    for (BenchResults.PlanInfo p : r.plans()) {
      t.row(p.workload(), p.system(), p.params(), p.queries(), counts(p.strategies()), counts(p.runnersUp()),
          p.vectorAccess().isEmpty() ? "–" : counts(p.vectorAccess()), p.switched(),
          "`" + p.query() + "`" + (p.negative() == null ? "" : " NOT like `" + p.negative() + "`"));
    }
    return "Every reported query run once more as EXPLAIN ANALYZE at the default setting, after the timed passes; "
        + "counts are over queries (vector conditions: over conditions, as named in the plan text).\n\n" + t;
  }

  /** The representative query's EXPLAIN ANALYZE text per workload, under headings of {@code level}. */
  static String planTexts(BenchResults r, String level) {
    StringBuilder b = new StringBuilder();
    for (BenchResults.PlanInfo p : r.plans()) {
      b.append(level).append(' ').append(p.workload()).append(": `").append(p.query()).append('`')
          .append(p.negative() == null ? "" : " NOT like `" + p.negative() + "`").append(" (").append(p.system())
          .append(", ").append(p.params()).append(")\n\n```\n").append(p.text().stripTrailing()).append("\n```\n\n");
    }
    return b.toString();
  }

  private static String counts(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
  }
}
