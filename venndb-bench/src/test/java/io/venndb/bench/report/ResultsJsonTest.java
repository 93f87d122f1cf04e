package io.venndb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.bench.report.BenchResults.Rate;
import io.venndb.bench.report.BenchResults.ResultRow;
import io.venndb.bench.system.BuildReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json survives a write and a read unchanged, and foreign or unknown content is refused. */
class ResultsJsonTest {
  @TempDir
  Path dir;

  static BenchResults sample() {
    var machine = new BenchResults.Machine(2, "AMD EPYC", "JDK 25", "OpenJDK 25", "Linux", 6L << 30, 24L << 30);
    var config = new BenchResults.Config(true, "debian", null, "5eed", 3, 2, 5, 100, 1.0 / 3,
        List.of("venndb-flat", "lucene-hnsw"), List.of("a", "c"), 16, 100, 0.0, true);
    var run = new BenchResults.Run("2026-01-01T00:00:00Z", 123.5, "./venndb bench --quick", "abc", false, machine,
        config, 1.5, 2.25);
    var dataset = new BenchResults.DatasetInfo("debian", 63_526, 384, "cosine", "model", 46, 94, 100, 40, 0);
    var systems = List.of(new BenchResults.SystemInfo("lucene-hnsw", "Lucene",
        new BuildReport(12.5, 1 << 20, 100, -5, 0, 1 << 24, "notes")));
    var workloads = List.of(new BenchResults.WorkloadInfo("c.not.x30", "VECTOR_NOT", "d", 10, "none", null, null,
        0.97, 0.7, "none", 0.3, 0.3, 0.012, null, 10.0, 10, 10, 46, 94));
    Map<String, Double> knobs = new LinkedHashMap<>();
    knobs.put("numCandidates", 40.0);
    knobs.put("notTraversalGap", 0.3);
    var rows = List.of(
        new ResultRow("c.not.x30", "lucene-hnsw", "lucene-hnsw/must-not", true, null, knobs,
            "numCandidates=40,notTraversalGap=0.3", 94, 0.95, 0.5, 0.96, 9.8, 3, 0, 1, 0,
            new Rate(1000, 900, 1100, 0.2), new Rate(1800, 1700, 1900, 0.11), 2, 0.9, 2.5, 1.0, 812.0, 800.0, 3),
        ResultRow.unsupported("c.not.x30", "exact", "cannot express vector NOT yet"));
    var summary = List.of(new BenchResults.SummaryRow("c.not.x30", "lucene-hnsw/must-not", 0.95, true,
        "numCandidates=40", 0.95, 0.96, 1000.0, 1800.0, 0.9));
    Map<String, Integer> strategies = new LinkedHashMap<>();
    strategies.put("STREAM_CURSOR", 60);
    strategies.put("EXACT_OVER_FILTER", 34);
    var plans = List.of(new BenchResults.PlanInfo("c.not.x30", "venndb-hnsw", "default", 94, strategies,
        Map.of("EXACT_OVER_FILTER", 94), 2, Map.of("PER_ROW", 94), "nl:text editor", 7, "nl:emacs extensions",
        "STREAM_CURSOR", "EXACT_OVER_FILTER", 51_000.0, 2_300_000.0, 61_000.0, null,
        "Strategy: STREAM_CURSOR (...)\n"
            + "└─ similarity(embedding, [384-d 1f]) <= 0.61  [one distance per candidate]\n"));
    return new BenchResults(BenchResults.SCHEMA, BenchResults.VERSION, run, dataset, systems, workloads, rows,
        summary, plans);
  }

  @Test
  void roundTripIsLossless() throws IOException {
    BenchResults r = sample();
    Path file = dir.resolve("results.json");
    ResultsJson.write(r, file);
    assertThat(ResultsJson.read(file)).isEqualTo(r);
    assertThat(ResultsJson.fromJson(ResultsJson.toJson(r))).isEqualTo(r);
  }

  @Test
  void notApplicableFieldsAreNullNotNumbers() throws IOException {
    String json = ResultsJson.toJson(sample());
    assertThat(json).contains("\"unsupportedReason\" : \"cannot express vector NOT yet\"")
        .contains("\"recall\" : null").doesNotContain("NaN");
  }

  @Test
  void refusesOtherSchemasAndUnknownFields() throws IOException {
    String json = ResultsJson.toJson(sample());
    String version = "\"schemaVersion\" : " + BenchResults.VERSION;
    assertThatThrownBy(() -> ResultsJson.fromJson(json.replace(version, "\"schemaVersion\" : 99")))
        .hasMessageContaining("expected venndb-bench-results v" + BenchResults.VERSION);
    assertThatThrownBy(() -> ResultsJson.fromJson(json.replace("\"commit\" :", "\"surprise\" : 1, \"commit\" :")))
        .hasMessageContaining("surprise");
  }

  @Test
  void summaryPicksTheFirstSettingReachingTheTargetOnTuningQueries() {
    Map<String, Double> k1 = Map.of("numCandidates", 10.0);
    Map<String, Double> k2 = Map.of("numCandidates", 20.0);
    Rate r = new Rate(100, 100, 100, 0);
    ResultRow low = new ResultRow("w", "s", "s", true, null, k1, "nc=10", 10, 0.97, 0.9, 0.94, 10.0, 0, 0, 0, 0, r, r,
        2, 1.0, 1.0, 1.0, null, null, 1);
    ResultRow high = new ResultRow("w", "s", "s", true, null, k2, "nc=20", 10, 0.98, 0.9, 0.991, 10.0, 0, 0, 0, 0, r,
        r, 2, 1.0, 1.0, 1.0, null, null, 1);
    List<BenchResults.SummaryRow> s = Summary.of(List.of(low, high));
    assertThat(s).hasSize(2);
    assertThat(s.get(0).params()).isEqualTo("nc=20"); // 0.94 on tuning does not reach 0.95
    assertThat(s.get(1).params()).isEqualTo("nc=20");
    assertThat(Summary.of(List.of(low)).get(1).reached()).isFalse();
  }
}
