package io.venndb.bench;

import io.venndb.bench.data.DebianSource;
import io.venndb.bench.report.DocsPublisher;
import io.venndb.bench.report.Plots;
import io.venndb.bench.report.Ratios;
import io.venndb.bench.report.ResultsJson;
import io.venndb.bench.system.SystemRegistry;
import io.venndb.bench.workload.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./venndb bench}: the macro benchmark on real data — VennDB's search paths beside Lucene,
 * a client-side baseline and the exact reference — with results as JSON, Markdown and PNG under
 * {@code bench-results/}. See docs/benchmarks.md.
 */
@Command(name = "venndb bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Macro benchmark: recall, QPS, latency, build cost on real data, VennDB beside Lucene.",
        "Smoke run: ./venndb bench --quick   Full run: ./venndb bench --dataset pypi"})
public final class BenchMain implements Callable<Integer> {
  @Option(names = "--quick", description = "Debian catalog, a subset of workloads, short sweeps (< 5 min on 2 cores).")
  boolean quick;

  @Option(names = "--dataset", description = "debian (bundled), pypi, vectors (--base/--queries) or hdf5 (--hdf5). "
      + "Default: debian, or what --base/--hdf5 imply.")
  String dataset;

  @Option(names = "--limit", description = "Use only the first N rows of the dataset.")
  Integer limit;

  @Option(names = "--data-dir", description = "Directory holding pypi-summaries.tsv.gz (default: ../shared/datasets "
      + "beside the repository).")
  Path dataDir;

  @Option(names = "--base", description = "Base vectors, .fvecs or .bvecs (dataset 'vectors').")
  Path baseFile;

  @Option(names = "--queries", description = "Query vectors, .fvecs or .bvecs (dataset 'vectors').")
  Path queryFile;

  @Option(names = "--metric", defaultValue = "l2", description = "Metric of --base files: l2, cosine or ip (default l2).")
  String metric;

  @Option(names = "--hdf5", description = "An ann-benchmarks HDF5 file (dataset 'hdf5').")
  Path hdf5File;

  @Option(names = "--systems", split = ",", description = "Systems to measure; known: ${COMPLETION-CANDIDATES}. "
      + "Default: venndb-flat,venndb-hnsw,lucene-hnsw,lucene-hnsw-int8,client-not.", completionCandidates = Systems.class)
  List<String> systems;

  @Option(names = "--families", split = ",", description = "Workload families a,b,c,d (default all).")
  List<String> families;

  @Option(names = "--held-out", description = "Real rows held out as queries, or queries read from a vector file "
      + "(default: 40 quick, 150 full).")
  Integer heldOut;

  @Option(names = "--repeats", description = "Measured rounds per setting (default 3).")
  Integer repeats;

  @Option(names = "--threads", description = "Threads for all-core QPS, index builds and ground truth "
      + "(default: all cores).")
  Integer threads;

  @Option(names = "--warmup", description = "Warm-up seconds per system (default: 5 quick, 20 full).")
  Double warmup;

  @Option(names = "--seed", defaultValue = "5eed", description = "Seed (hex) for held-out rows and query splits.")
  String seed;

  @Option(names = "--out", description = "Results directory (default: bench-results/<time>-<dataset>).")
  Path out;

  @Option(names = "--work-dir", description = "Where indexes are built (default: <out>/work, removed afterwards).")
  Path workDir;

  @Option(names = "--publish", description = "Update the macro section of docs/benchmarks.md and docs/img/.")
  boolean publish;

  @Option(names = "--hnsw-m", defaultValue = "16", description = "HNSW max connections M (default 16).")
  int hnswM;

  @Option(names = "--hnsw-ef-construction", defaultValue = "100", description = "HNSW beam width at build (100).")
  int hnswEf;

  @Option(names = "--lucene-wide-not", defaultValue = "0", description = "Also run Lucene's vector NOT with the "
      + "MUST_NOT traversal continuing GAP below beta (e.g. 0.3; slow on large sets). Default off.")
  double luceneWideNot;

  @Option(names = "--no-explain", description = "Skip recording venndb-hnsw's EXPLAIN ANALYZE of each workload's "
      + "reported queries (done after the timed passes; on by default).")
  boolean noExplain;

  @Option(names = "--diagnose", split = ",", description = "Instead of measuring, run these workloads (ids as in "
      + "the results, e.g. c.not.x10) query by query on the VennDB systems in --systems (default venndb-hnsw) and "
      + "print each query below recall 1, short or violating the NOT, with the worst ones' rows and EXPLAIN ANALYZE.")
  List<String> diagnose;

  @Option(names = "--timings", description = "With --diagnose: also time each reported query at every setting of "
      + "the sweep (fastest of 5 passes) and list them slowest first, with recall, distance computations, nodes "
      + "expanded and the stream's stop.")
  boolean timings;

  @Option(names = "--republish", description = "Instead of measuring, publish a finished run's results.json (its "
      + "directory, e.g. bench-results/20261121-235910-pypi) to docs/benchmarks.md and docs/img/, as --publish does.")
  Path republish;

  @Option(names = "--ratios", description = "Instead of measuring, print a finished run's ratios at equal recall "
      + "(venndb-hnsw's single-thread QPS over each peer's) from its directory, e.g. bench-results/20261208-012807-pypi.")
  Path ratios;

  private final String[] args;

  BenchMain(String[] args) {
    this.args = args;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain(args)).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (ratios != null) {
      System.out.println(Ratios.table(ResultsJson.read(ratios.resolve("results.json")).results()));
      return 0;
    }
    if (republish != null) {
      var results = ResultsJson.read(republish.resolve("results.json"));
      System.out.println("Updated " + DocsPublisher.publish(results, republish, Plots.writeAll(results, republish),
          RepoRoot.find()));
      return 0;
    }
    BenchConfig config = resolve();
    new BenchRun(config).run();
    return 0;
  }

  BenchConfig resolve() {
    String ds = dataset != null ? dataset : hdf5File != null ? "hdf5" : baseFile != null ? "vectors" : DebianSource.NAME;
    int cores = Runtime.getRuntime().availableProcessors();
    Path root = RepoRoot.find();
    Path outDir = out != null ? out : root.resolve("bench-results").resolve(
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + ds + (quick ? "-quick" : ""));
    Set<Family> fams = families == null ? EnumSet.allOf(Family.class)
        : families.stream().map(Family::ofLetter).collect(Collectors.toCollection(() -> EnumSet.noneOf(Family.class)));
    List<String> diag = diagnose == null ? List.of() : diagnose;
    List<String> sys = systems != null ? systems : diag.isEmpty() ? SystemRegistry.DEFAULTS : List.of("venndb-hnsw");
    return new BenchConfig(quick, ds, limit == null ? Integer.MAX_VALUE : limit, dataDir, baseFile, queryFile, metric,
        hdf5File, sys, fams, heldOut != null ? heldOut : quick ? 40 : 150, 1.0 / 3,
        repeats != null ? repeats : 3, threads != null ? threads : cores, warmup != null ? warmup : quick ? 5 : 20,
        Long.parseUnsignedLong(seed.replaceFirst("^0x", ""), 16), outDir,
        workDir != null ? workDir : outDir.resolve("work"), publish, hnswM, hnswEf, luceneWideNot, !noExplain, diag, timings,
        root,
        "./venndb bench " + Arrays.stream(args).collect(Collectors.joining(" ")));
  }

  /** Completion candidates for --systems. */
  static final class Systems extends java.util.ArrayList<String> {
    Systems() {
      super(SystemRegistry.ALL);
    }
  }

  /** The repository root: the nearest ancestor of the code or the working directory with the launcher. */
  static final class RepoRoot {
    static Path find() {
      try {
        Path code = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path found = search(code);
        if (found != null) {
          return found;
        }
      } catch (Exception e) {
        // fall back to the working directory
      }
      Path cwd = Path.of("").toAbsolutePath();
      Path found = search(cwd);
      return found != null ? found : cwd;
    }

    private static Path search(Path from) {
      for (Path p = from.toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("venndb")) && Files.isRegularFile(p.resolve("pom.xml"))) {
          return p;
        }
      }
      return null;
    }
  }
}
