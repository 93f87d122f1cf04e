package io.venndb.bench.system;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.bench.truth.BruteForce;
import io.venndb.bench.truth.GroundTruth;
import io.venndb.bench.truth.TaskTruth;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The reference: the harness's own brute force (scalar loops, every row, three-valued filters),
 * timed like any system. Its answers are the ground truth by construction, so it shows the cost of
 * exactness without an engine.
 */
public final class ExactSystem implements SearchSystem {
  public static final String NAME = "exact";

  private BruteForce bruteForce;
  private GroundTruth solver;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "brute force in the harness (scalar similarity over every row, naive filter evaluation)";
  }

  @Override
  public Optional<String> unsupported(Workload workload) {
    return Optional.empty();
  }

  @Override
  public BuildReport build(Dataset base, Path workDir) {
    bruteForce = new BruteForce(base);
    solver = new GroundTruth(bruteForce, new FilterMatcher(base.table()));
    return BuildReport.of(0, -1, "nothing to build; filters are evaluated once and memoised");
  }

  @Override
  public List<SearchParams> sweep(Workload workload, boolean quick) {
    return List.of(SearchParams.of(NAME));
  }

  @Override
  public SearchResult search(QueryTask task, SearchParams params) {
    float[] sims = bruteForce.similarities(task.vector());
    float[] simsB = task.negative() == null ? null : bruteForce.similarities(task.negative());
    TaskTruth t = solver.solve(task, sims, simsB);
    long scored = (long) sims.length * (simsB == null ? 1 : 2);
    return new SearchResult(t.rows(), scored, SearchResult.NOT_REPORTED);
  }

  @Override
  public void close() {}
}
