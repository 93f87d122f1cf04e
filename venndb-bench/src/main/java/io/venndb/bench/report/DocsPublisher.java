package io.venndb.bench.report;

import io.venndb.bench.workload.Family;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts a run's tables into docs/benchmarks.md, between markers for its dataset and mode, so a
 * quick run and a full run each keep their own section and the rest of the file (kernel and
 * flat-scan sections) is never touched. Representative plots are copied to docs/img/.
 */
public final class DocsPublisher {
  static final String[] PLOT_PICKS = {"a.top-k.k10", "b.size-le.10pct", "b.month-window.10pct", "c.not.x30",
      "d.range.n1000"};

  private DocsPublisher() {}

  public static Path publish(BenchResults r, Path resultsDir, Map<String, String> plots, Path repo) throws IOException {
    String tag = tag(r);
    Path doc = repo.resolve("docs").resolve("benchmarks.md");
    Path img = repo.resolve("docs").resolve("img");
    Files.createDirectories(img);
    List<String> images = new ArrayList<>();
    for (String pick : PLOT_PICKS) {
      String rel = plots.get(pick);
      if (rel != null) {
        String name = "bench-" + tag + "-" + Plots.fileName(pick);
        Files.copy(resultsDir.resolve(rel), img.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        images.add("![" + pick + "](img/" + name + ")");
      }
    }
    String section = section(r, images);
    String begin = "<!-- macro-bench:" + tag + ":begin -->";
    String end = "<!-- macro-bench:" + tag + ":end -->";
    String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    String block = begin + "\n" + section + end;
    text = b >= 0 && e > b ? text.substring(0, b) + block + text.substring(e + end.length())
        : text.stripTrailing() + "\n\n" + block + "\n";
    Files.writeString(doc, text);
    return doc;
  }

  /** "debian-quick", "pypi", "pypi-limit100000": one section per kind of run. */
  static String tag(BenchResults r) {
    BenchResults.Config c = r.run().config();
    return r.dataset().name() + (c.quick() ? "-quick" : "") + (c.limit() == null ? "" : "-limit" + c.limit());
  }

  static String section(BenchResults r, List<String> images) {
    BenchResults.Config c = r.run().config();
    StringBuilder s = new StringBuilder();
    s.append("### Latest run: ").append(r.dataset().name()).append(c.quick() ? " (quick)" : "")
        .append(c.limit() == null ? "" : String.format(java.util.Locale.ROOT, " (first %,d rows)", c.limit()))
        .append("\n\n").append(MarkdownReport.header(r)).append('\n');
    s.append("#### QPS at recall ≥ 0.95 and ≥ 0.99\n\n").append(MarkdownReport.summary(r)).append('\n');
    s.append("#### Ratios at equal recall\n\n").append(Ratios.table(r.results())).append('\n');
    s.append("#### Build cost\n\n").append(MarkdownReport.systems(r)).append('\n');
    s.append("#### Workloads as measured\n\n").append(MarkdownReport.workloads(r)).append('\n');
    images.forEach(i -> s.append(i).append("\n\n"));
    s.append("<details><summary>Every setting of every system (recall, rows, NOT violations, QPS, latency, work)"
        + "</summary>\n\n");
    for (Family f : Family.values()) {
      String t = MarkdownReport.results(r, f);
      if (!t.isEmpty()) {
        s.append("**(").append(f.letter).append(") ").append(f.title).append("**\n\n").append(t).append('\n');
      }
    }
    s.append("</details>\n\n");
    if (!r.plans().isEmpty()) {
      s.append("#### Plans chosen (EXPLAIN ANALYZE)\n\n").append(MarkdownReport.plans(r)).append('\n')
          .append("<details><summary>EXPLAIN ANALYZE of each workload's representative query</summary>\n\n")
          .append(MarkdownReport.planTexts(r, "#####")).append("</details>\n\n");
    }
    s.append("#### Not supported\n\n").append(MarkdownReport.unsupported(r)).append('\n');
    return s.toString();
  }
}
