package io.venndb.bench;

import io.venndb.bench.workload.Family;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The resolved settings of one run (command-line options with the --quick or full presets
 * applied). Everything a run depends on is here and is written into the results.
 *
 * @param limit rows of the dataset to use (first N in file order); Integer.MAX_VALUE for all
 * @param heldOut real rows held out as queries (removed from the base set)
 * @param tuningShare share of each kind of query used for tuning rather than reporting
 * @param explain record VennDB's EXPLAIN ANALYZE per workload after the timed passes
 * @param diagnose workload ids to diagnose query by query instead of measuring (empty: a normal run)
 * @param timings with {@code diagnose}: also time each reported query at every setting of the sweep
 */
public record BenchConfig(boolean quick, String dataset, int limit, Path dataDir, Path baseFile, Path queryFile,
    String metric, Path hdf5File, List<String> systems, Set<Family> families, int heldOut, double tuningShare,
    int repeats, int threads, double warmupSeconds, long seed, Path outDir, Path workDir, boolean publish,
    int hnswM, int hnswEfConstruction, double luceneWideNotGap, boolean explain, List<String> diagnose, boolean timings,
    Path repoRoot,
    String command) {

  public boolean hasLimit() {
    return limit != Integer.MAX_VALUE;
  }
}
