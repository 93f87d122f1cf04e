package io.venndb.bench.measure;

import io.venndb.bench.report.BenchResults.PlanInfo;
import io.venndb.bench.system.SearchParams;
import io.venndb.bench.system.SearchSystem;
import io.venndb.bench.system.VennDbSystem;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import io.venndb.plan.QueryExplanation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Records how VennDB planned a workload: every reported query once more as {@code EXPLAIN
 * ANALYZE} at the system's default setting, after (never inside) the timed passes. Keeps the
 * strategy counts and the plan text of one representative query.
 */
public final class PlanRecorder {
  /** Access paths of vector conditions as the plan text names them, and the short name recorded. */
  private static final String[][] ACCESS = {
      {"[HNSW range scan of the complement", "GRAPH_RANGE_COMPLEMENT"},
      {"[HNSW range scan, materialised]", "GRAPH_RANGE"},
      {"[flat scan, materialised]", "FLAT_SCAN"},
      {"[one distance per candidate]", "PER_ROW"}};

  /** What the harness knows about a query beyond its task: id ("nl:…"), whether hand-written, and B. */
  public record QueryLabel(String id, boolean handWritten, String negative) {}

  private final IntFunction<QueryLabel> labels;

  public PlanRecorder(IntFunction<QueryLabel> labels) {
    this.labels = labels;
  }

  /** One entry per system that explains its plans and runs the workload. */
  public List<PlanInfo> record(Workload w, List<SearchSystem> systems) {
    List<PlanInfo> out = new ArrayList<>();
    for (SearchSystem s : systems) {
      if (s instanceof VennDbSystem v && v.explainsPlans() && s.unsupported(w).isEmpty() && !w.reported().isEmpty()) {
        out.add(record(w, v, v.defaultSetting()));
      }
    }
    return out;
  }

  PlanInfo record(Workload w, VennDbSystem system, SearchParams params) {
    List<QueryTask> tasks = w.reported();
    List<QueryExplanation> plans = new ArrayList<>(tasks.size());
    for (QueryTask t : tasks) {
      try {
        plans.add(system.explainAnalyze(t, params));
      } catch (RuntimeException e) {
        throw new IllegalStateException(system.name() + " EXPLAIN ANALYZE failed on " + w.id() + " query "
            + t.query() + ": " + e.getMessage(), e);
      }
    }
    Map<String, Integer> strategies = counts(plans.stream().map(p -> String.valueOf(p.strategy())).toList());
    Map<String, Integer> runnersUp = counts(plans.stream()
        .map(p -> p.runnerUp() == null ? "none" : p.runnerUp().name()).toList());
    int switched = (int) plans.stream().filter(QueryExplanation::switched).count();
    List<String> access = new ArrayList<>();
    plans.forEach(p -> access.addAll(vectorAccess(p.text())));
    String modal = strategies.keySet().iterator().next();
    int pick = representative(tasks, plans, modal);
    QueryTask task = tasks.get(pick);
    QueryExplanation plan = plans.get(pick);
    QueryLabel label = labels.apply(task.query());
    return new PlanInfo(w.id(), system.name(), params.label(), plans.size(), strategies, runnersUp, switched,
        counts(access), label.id(), task.query(), task.negative() == null ? null : label.negative(),
        String.valueOf(plan.strategy()), plan.runnerUp() == null ? null : plan.runnerUp().name(),
        finite(plan.estimatedCostNs()), finite(plan.runnerUpCostNs()), finite(plan.estimatedFilterRows()),
        plan.actualFilterRows() < 0 ? null : plan.actualFilterRows(), plan.text());
  }

  /** The first task with the most frequent strategy, hand-written queries first. */
  private int representative(List<QueryTask> tasks, List<QueryExplanation> plans, String modal) {
    int first = -1;
    for (int i = 0; i < tasks.size(); i++) {
      if (String.valueOf(plans.get(i).strategy()).equals(modal)) {
        if (labels.apply(tasks.get(i).query()).handWritten()) {
          return i;
        }
        first = first < 0 ? i : first;
      }
    }
    return Math.max(first, 0);
  }

  /** The access path of each vector condition in a plan's text. */
  static List<String> vectorAccess(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      for (String[] a : ACCESS) {
        if (line.contains(a[0])) {
          out.add(a[1]);
          break;
        }
      }
    }
    return out;
  }

  /** Value → occurrences, most frequent first (ties in first-seen order). */
  static Map<String, Integer> counts(List<String> values) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    values.forEach(v -> seen.merge(v, 1, Integer::sum));
    return seen.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
