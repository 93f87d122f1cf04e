package io.venndb.bench.report;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Vectors;
import io.venndb.bench.filter.FilterMatcher;
import io.venndb.bench.report.BenchResults.WorkloadInfo;
import io.venndb.bench.truth.QueryProfiles;
import io.venndb.bench.truth.Ranked;
import io.venndb.bench.truth.TaskTruth;
import io.venndb.bench.truth.WorkloadTruth;
import io.venndb.bench.workload.Family;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import io.venndb.bench.workload.WorkloadFactory;
import java.util.List;

/** The measured properties of a workload's data: actual selectivities, correlation, truth sizes. */
public final class WorkloadStats {
  private WorkloadStats() {}

  public static WorkloadInfo describe(Workload w, WorkloadTruth truth, Dataset base, QueryProfiles profiles,
      FilterMatcher matcher) {
    List<QueryTask> tasks = w.reported();
    List<TaskTruth> t = truth.reported();
    int n = tasks.size();
    double size = base.size();
    double filterSel = 0;
    double predicateSel = 0;
    double local = 0;
    double excluded = 0;
    double negative = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      QueryTask task = tasks.get(i);
      filterSel += t.get(i).filterMatching() / size;
      predicateSel += t.get(i).matching() / size;
      negative += t.get(i).negativeCount() / size;
      int[] near = top(profiles.of(task.query()), WorkloadFactory.NOT_WINDOW);
      int pass = 0;
      int excl = 0;
      for (int row : near) {
        boolean notB = task.negative() == null
            || Vectors.similarity(base.metric(), base.vectors()[row], task.negative()) <= task.beta();
        excl += notB ? 0 : 1;
        boolean inRange = !task.isRange() || Vectors.similarity(base.metric(), base.vectors()[row], task.vector())
            >= task.threshold();
        pass += matcher.matches(task.filter(), row) && notB && inRange ? 1 : 0;
      }
      local += near.length == 0 ? 0 : (double) pass / near.length;
      excluded += near.length == 0 ? 0 : (double) excl / near.length;
      min = Math.min(min, t.get(i).expected());
      max = Math.max(max, t.get(i).expected());
      sum += t.get(i).expected();
    }
    boolean filtered = tasks.stream().anyMatch(x -> x.filter() != null);
    boolean not = w.family() == Family.VECTOR_NOT;
    return new WorkloadInfo(w.id(), w.family().name(), w.description(), w.k(), w.filterLabel(),
        nan(w.targetSelectivity()), filtered ? filterSel / n : null, predicateSel / n, local / n,
        w.correlation(), nan(w.excludeTarget()), not ? excluded / n : null, not ? negative / n : null,
        w.family() == Family.RANGE ? w.rangeSize() : null, n == 0 ? 0 : sum / n, n == 0 ? 0 : min, max,
        w.tuning().size(), n);
  }

  private static int[] top(Ranked r, int n) {
    return java.util.Arrays.copyOf(r.rows(), Math.min(n, r.size()));
  }

  private static Double nan(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
