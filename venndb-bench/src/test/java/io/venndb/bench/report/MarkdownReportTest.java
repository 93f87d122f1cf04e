package io.venndb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report shows the recorded plans: strategy counts per workload and the representative EXPLAIN text. */
class MarkdownReportTest {
  @TempDir
  Path dir;

  @Test
  void plansAppearInTheReportAndTheDocsSection() throws IOException {
    BenchResults r = ResultsJsonTest.sample();
    Path file = dir.resolve("report.md");
    MarkdownReport.write(r, Map.of(), file);
    String md = Files.readString(file);
    assertThat(md).contains("## Plans (EXPLAIN ANALYZE)")
        .contains("| c.not.x30 | venndb-hnsw | default | 94 | STREAM_CURSOR 60, EXACT_OVER_FILTER 34 |")
        .contains("`nl:text editor` NOT like `nl:emacs extensions`")
        .contains("```\nStrategy: STREAM_CURSOR (...)\n");
    assertThat(DocsPublisher.section(r, List.of())).contains("#### Plans chosen (EXPLAIN ANALYZE)")
        .contains("##### c.not.x30: `nl:text editor`");
  }

  @Test
  void noPlansNoSection() throws IOException {
    BenchResults s = ResultsJsonTest.sample();
    BenchResults r = new BenchResults(s.schema(), s.schemaVersion(), s.run(), s.dataset(), s.systems(), s.workloads(),
        s.results(), s.summary(), List.of());
    Path file = dir.resolve("report.md");
    MarkdownReport.write(r, Map.of(), file);
    assertThat(Files.readString(file)).doesNotContain("EXPLAIN");
  }
}
