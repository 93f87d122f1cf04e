package io.venndb.bench;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Directories;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.bench.measure.Measurer;
import io.venndb.bench.measure.Diagnosis;
import io.venndb.bench.measure.QueryTimings;
import io.venndb.bench.measure.PlanRecorder;
import io.venndb.bench.measure.MemoryProbe;
import io.venndb.bench.measure.Settle;
import io.venndb.bench.measure.TaskRunner;
import io.venndb.bench.query.BenchData;
import io.venndb.bench.query.BenchQuery;
import io.venndb.bench.query.QuerySet;
import io.venndb.bench.query.Split;
import io.venndb.bench.report.BenchResults;
import io.venndb.bench.report.BenchResults.ResultRow;
import io.venndb.bench.report.BenchResults.SystemInfo;
import io.venndb.bench.report.DocsPublisher;
import io.venndb.bench.report.Environment;
import io.venndb.bench.report.MarkdownReport;
import io.venndb.bench.report.Plots;
import io.venndb.bench.report.ResultsJson;
import io.venndb.bench.report.Summary;
import io.venndb.bench.report.WorkloadStats;
import io.venndb.bench.system.BuildReport;
import io.venndb.bench.system.SearchSystem;
import io.venndb.bench.system.SystemRegistry;
import io.venndb.bench.system.VennDbSystem;
import io.venndb.bench.truth.BruteForce;
import io.venndb.bench.truth.CacheFiles;
import io.venndb.bench.truth.GroundTruth;
import io.venndb.bench.truth.QueryProfiles;
import io.venndb.bench.truth.Scoring;
import io.venndb.bench.truth.WorkloadTruth;
import io.venndb.bench.workload.Negatives;
import io.venndb.bench.workload.Workload;
import io.venndb.bench.workload.WorkloadFactory;
import io.venndb.bench.workload.WorkloadPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One benchmark run, start to finish: data and queries, exact neighbourhoods, workloads, ground
 * truth (cached), systems built one after another, warm-up, interleaved measurements, then
 * results.json, report.md and plots in the results directory.
 */
final class BenchRun {
  private final BenchConfig config;

  BenchRun(BenchConfig config) {
    this.config = config;
  }

  void run() throws Exception {
    long start = System.nanoTime();
    Instant startedAt = Instant.now();
    double loadAtStart = Environment.loadAverage();
    String commit = Environment.commit(config.repoRoot());
    boolean dirty = Environment.dirty(config.repoRoot()); // the code that runs is the code at start
    System.out.printf("VennDB bench: %s%s, %s%n", config.dataset(), config.quick() ? " (quick)" : "",
        config.diagnose().isEmpty() ? "results in " + config.outDir() : "diagnosing " + config.diagnose());
    BenchData data = DataLoader.load(config);
    Dataset base = data.base();
    CacheFiles cache = CacheFiles.atDefaultLocation();
    BruteForce bruteForce = new BruteForce(base);
    QueryProfiles profiles = QueryProfiles.load(bruteForce, data.queries(),
        io.venndb.bench.workload.Workload.RANGE_CAP + 1, cache, config.threads());
    QuerySet queries = Negatives.resolve(data.queries(), profiles, base);
    List<Workload> workloads = new WorkloadFactory(base, queries, profiles).build(
        WorkloadPlan.plan(config.dataset(), base.table(), config.quick(), config.families()));
    FilterMatcher matcher = new FilterMatcher(base.table());
    Map<String, WorkloadTruth> truth = new GroundTruth(bruteForce, matcher).load(workloads, cache, config.threads());
    System.out.printf("%d workloads; %d tuning + %d reported queries; ground truth cached in %s%n", workloads.size(),
        queries.count(Split.TUNING), queries.count(Split.REPORTED), cache.directory());
    PlanRecorder.QueryLabel[] labels = new PlanRecorder.QueryLabel[queries.size()];
    for (int q = 0; q < labels.length; q++) {
      BenchQuery query = queries.get(q);
      labels[q] = new PlanRecorder.QueryLabel(query.id(), query.kind() == BenchQuery.Kind.NATURAL_LANGUAGE,
          query.negativeText());
    }
    if (!config.diagnose().isEmpty()) {
      diagnose(base, workloads, truth, new Scoring(base, matcher), labels);
      return;
    }
    Files.createDirectories(config.outDir());

    List<SearchSystem> systems = SystemRegistry.create(config.systems(),
        new SystemRegistry.GraphSettings(config.hnswM(), config.hnswEfConstruction(), config.threads(),
            config.luceneWideNotGap()));
    List<ResultRow> rows = new ArrayList<>();
    List<BenchResults.PlanInfo> plans = new ArrayList<>();
    List<SystemInfo> infos = new ArrayList<>();
    PlanRecorder recorder = new PlanRecorder(q -> labels[q]);
    try (TaskRunner runner = new TaskRunner(config.threads())) {
      for (SearchSystem s : systems) {
        infos.add(new SystemInfo(s.name(), s.description(), build(s, base)));
      }
      Measurer measurer = new Measurer(runner, new Scoring(base, matcher), config.repeats(), config.quick(), System.out);
      System.out.println("Warming up");
      measurer.warmUp(systems, workloads, config.warmupSeconds());
      for (Workload w : workloads) {
        System.out.printf("[%4.0f s] %s — %s%n", (System.nanoTime() - start) / 1e9, w.id(), w.description());
        rows.addAll(measurer.measure(w, truth.get(w.id()), systems));
        if (config.explain()) {
          for (BenchResults.PlanInfo p : recorder.record(w, systems)) { // untimed, after the measurements
            plans.add(p);
            System.out.printf("  %-34s plans %s; runner-up %s; vector conditions %s; switched %d%n",
                p.system() + " EXPLAIN", p.strategies(), p.runnersUp(), p.vectorAccess(), p.switched());
          }
        }
      }
    } finally {
      for (SearchSystem s : systems) {
        s.close();
      }
      Directories.deleteTree(config.workDir());
    }
    BenchResults results = new BenchResults(BenchResults.SCHEMA, BenchResults.VERSION,
        runInfo(startedAt, (System.nanoTime() - start) / 1e9, loadAtStart, commit, dirty), datasetInfo(base, queries), infos,
        workloads.stream().map(w -> WorkloadStats.describe(w, truth.get(w.id()), base, profiles, matcher)).toList(),
        rows, Summary.of(rows), plans);
    write(results);
  }

  /** {@code --diagnose}: the named workloads query by query on the VennDB systems asked for; no results files. */
  private void diagnose(Dataset base, List<Workload> workloads, Map<String, WorkloadTruth> truth, Scoring scoring,
      PlanRecorder.QueryLabel[] labels) throws Exception {
    for (String id : config.diagnose()) {
      if (workloads.stream().noneMatch(w -> w.id().equals(id))) {
        throw new IllegalArgumentException("no workload '" + id + "' in this run; its workloads are "
            + workloads.stream().map(Workload::id).toList());
      }
    }
    List<SearchSystem> systems = SystemRegistry.create(config.systems(),
        new SystemRegistry.GraphSettings(config.hnswM(), config.hnswEfConstruction(), config.threads(),
            config.luceneWideNotGap()));
    try {
      Diagnosis diagnosis = new Diagnosis(base, scoring, q -> labels[q], System.out, 3);
      for (SearchSystem s : systems) {
        if (!(s instanceof VennDbSystem v)) {
          System.out.println("Skipping " + s.name() + ": only VennDB systems are diagnosed");
          continue;
        }
        build(s, base);
        for (Workload w : workloads) {
          if (config.diagnose().contains(w.id())) {
            diagnosis.run(w, truth.get(w.id()), v);
            if (config.timings()) {
              QueryTimings timings = new QueryTimings(scoring, System.out);
              v.sweep(w, false).forEach(setting -> timings.run(w, truth.get(w.id()), v, setting));
            }
          }
        }
      }
    } finally {
      for (SearchSystem s : systems) {
        s.close();
      }
      Directories.deleteTree(config.workDir());
      try (Stream<Path> left = Files.exists(config.outDir()) ? Files.list(config.outDir()) : Stream.empty()) {
        if (Files.exists(config.outDir()) && left.findAny().isEmpty()) {
          Files.delete(config.outDir()); // nothing is written by a diagnosis
        }
      }
    }
  }

  private BuildReport build(SearchSystem s, Dataset base) throws Exception {
    System.out.printf("Building %s: %s%n", s.name(), s.description());
    MemoryProbe before = MemoryProbe.take();
    BuildReport r = s.build(base, config.workDir());
    double settled = Settle.waitForIdle(120);
    MemoryProbe after = MemoryProbe.take();
    r = r.withMemory(after.heapUsed() - before.heapUsed(), after.direct() - before.direct(),
        after.mapped() - before.mapped(), after.rss() - before.rss());
    System.out.printf("  built in %.1f s, %,d bytes on disk; background work settled after %.0f s%n", r.seconds(),
        r.indexBytes(), settled);
    return r;
  }

  private void write(BenchResults results) throws IOException {
    Path dir = config.outDir();
    ResultsJson.write(results, dir.resolve("results.json"));
    Map<String, String> plots = Plots.writeAll(results, dir);
    MarkdownReport.write(results, plots, dir.resolve("report.md"));
    Files.writeString(dir.getParent().resolve("LATEST"), dir.getFileName() + "\n");
    System.out.printf("%nWrote %s, report.md and %d plots to %s%n", "results.json", plots.size(), dir);
    if (config.publish()) {
      Path doc = DocsPublisher.publish(results, dir, plots, config.repoRoot());
      System.out.println("Updated " + doc);
    }
  }

  private BenchResults.Run runInfo(Instant startedAt, double seconds, double loadAtStart, String commit,
      boolean dirty) {
    BenchResults.Config c = new BenchResults.Config(config.quick(), config.dataset(),
        config.hasLimit() ? config.limit() : null, Long.toHexString(config.seed()), config.repeats(),
        config.threads(), config.warmupSeconds(), config.heldOut(), config.tuningShare(), config.systems(),
        config.families().stream().map(f -> f.letter).toList(), config.hnswM(), config.hnswEfConstruction(),
        config.luceneWideNotGap(), config.explain());
    return new BenchResults.Run(startedAt.toString(), seconds, config.command(), commit, dirty,
        Environment.machine(), c, loadAtStart, Environment.loadAverage());
  }

  private static BenchResults.DatasetInfo datasetInfo(Dataset base, QuerySet q) {
    return new BenchResults.DatasetInfo(base.name(), base.size(), base.dimension(), base.metric().sqlName(),
        base.provenance(), (int) q.count(Split.TUNING), (int) q.count(Split.REPORTED),
        count(q, BenchQuery.Kind.HELD_OUT), count(q, BenchQuery.Kind.NATURAL_LANGUAGE), count(q, BenchQuery.Kind.FILE));
  }

  private static int count(QuerySet q, BenchQuery.Kind kind) {
    return (int) q.all().stream().filter(x -> x.kind() == kind).count();
  }

}
