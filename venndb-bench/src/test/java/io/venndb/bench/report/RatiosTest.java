package io.venndb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.venndb.bench.report.BenchResults.Rate;
import io.venndb.bench.report.BenchResults.ResultRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The equal-recall reading on hand-made curves where each choice is forced. */
class RatiosTest {
  @Test
  void eachSeriesTakesItsFastestSettingAtTheCommonTarget() {
    List<ResultRow> rows = List.of(
        row("w", "venndb-hnsw", "ef=16", 0.93, 9000), // below 0.95: not eligible
        row("w", "venndb-hnsw", "ef=32", 0.96, 6000),
        row("w", "venndb-hnsw", "ef=64", 0.99, 6500), // noise made the wider setting faster: it is taken
        row("w", "lucene-hnsw", "nc=10", 0.94, 4000),
        row("w", "lucene-hnsw", "nc=20", 0.951, 2000),
        row("w", "venndb-flat", "default", 1.0, 100)); // VennDB's own series are not peers
    List<Ratios.Ratio> ratios = Ratios.of(rows);
    assertThat(ratios).hasSize(1);
    Ratios.Ratio r = ratios.getFirst();
    assertThat(r.peer()).isEqualTo("lucene-hnsw");
    assertThat(r.recallTarget()).isEqualTo(0.95);
    assertThat(r.venndb().paramsLabel()).isEqualTo("ef=64");
    assertThat(r.other().paramsLabel()).isEqualTo("nc=20");
    assertThat(r.ratio()).isCloseTo(3.25, within(1e-9));
    assertThat(Ratios.table(rows)).contains("| w | lucene-hnsw | 0.950 |").contains("3.25×");
  }

  /** A peer that never reaches 0.95 is compared at its best recall, which VennDB must also reach. */
  @Test
  void aPeerThatFallsShortSetsTheTargetAtItsBest() {
    List<ResultRow> rows = List.of(
        row("n", "venndb-hnsw", "ef=16", 0.90, 5000),
        row("n", "venndb-hnsw", "ef=32", 0.97, 3000),
        row("n", "lucene-hnsw/must-not", "nc=80", 0.91, 500));
    Ratios.Ratio r = Ratios.of(rows).getFirst();
    assertThat(r.recallTarget()).isEqualTo(0.91);
    assertThat(r.venndb().paramsLabel()).isEqualTo("ef=32");
    assertThat(r.ratio()).isCloseTo(6.0, within(1e-9));
  }

  private static ResultRow row(String workload, String series, String label, double recall, double qps) {
    Rate rate = new Rate(qps, qps, qps, 0);
    return new ResultRow(workload, series.split("/")[0], series, true, null, Map.of(), label, 10, recall, recall,
        recall, 10.0, 0, 0, 0, 0, rate, rate, 1, 1.0, 1.0, 1.0, null, null, 1);
  }
}
