package io.venndb.bench.measure;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.data.Vectors;
import io.venndb.bench.measure.PlanRecorder.QueryLabel;
import io.venndb.bench.query.Split;
import io.venndb.bench.system.SearchParams;
import io.venndb.bench.system.VennDbSystem;
import io.venndb.bench.truth.Scoring;
import io.venndb.bench.truth.TaskTruth;
import io.venndb.bench.truth.WorkloadTruth;
import io.venndb.bench.workload.QueryTask;
import io.venndb.bench.workload.Workload;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Per-query diagnosis of a VennDB system on one workload ({@code ./venndb bench --diagnose ID}):
 * every reported query at the system's default setting and at the most effort its sweep tries,
 * judged against the ground truth; for the worst queries, the rows returned beside the true ones
 * (with their similarities to Q and B) and the plan as EXPLAIN ANALYZE. Nothing is timed for the
 * report; this is how a low recall, a short answer or a NOT violation in a run becomes a
 * reproduction.
 */
public final class Diagnosis {
  /** One query's outcome; {@code reported} is its position among the workload's reported tasks. */
  public record Verdict(int reported, int query, String id, double recall, double recallMostEffort, int returned,
      int expected, int violations) {
    public boolean flagged() {
      return recall < 1 || returned < expected || violations > 0;
    }
  }

  private final Dataset base;
  private final Scoring scoring;
  private final IntFunction<QueryLabel> labels;
  private final PrintStream out;
  private final int plans;

  /** {@code plans}: how many flagged queries (worst first) to print in full. */
  public Diagnosis(Dataset base, Scoring scoring, IntFunction<QueryLabel> labels, PrintStream out, int plans) {
    this.base = base;
    this.scoring = scoring;
    this.labels = labels;
    this.out = out;
    this.plans = plans;
  }

  public List<Verdict> run(Workload w, WorkloadTruth truth, VennDbSystem system) {
    SearchParams normal = system.defaultSetting();
    SearchParams most = system.sweep(w, false).getLast();
    List<Verdict> verdicts = new ArrayList<>();
    List<int[]> answers = new ArrayList<>();
    for (int i = 0; i < w.reported().size(); i++) {
      QueryTask t = w.reported().get(i);
      TaskTruth expected = truth.of(Split.REPORTED).get(i);
      int[] ids = system.search(t, normal).ids();
      Scoring.Verdict v = scoring.judge(t, expected, ids);
      Scoring.Verdict m = scoring.judge(t, expected, system.search(t, most).ids());
      verdicts.add(new Verdict(i, t.query(), labels.apply(t.query()).id(), v.recall(), m.recall(), v.returned(),
          v.expected(), v.notViolations()));
      answers.add(ids);
    }
    List<Verdict> flagged = verdicts.stream().filter(Verdict::flagged)
        .sorted(Comparator.comparingDouble(Verdict::recall)).toList();
    out.printf(Locale.ROOT, "%n%s on %s: %d of %d reported queries below recall 1, short or violating the NOT; "
            + "mean recall %.3f at %s, %.3f at %s%n", system.name(), w.id(), flagged.size(), verdicts.size(),
        verdicts.stream().mapToDouble(Verdict::recall).average().orElse(Double.NaN), normal.label(),
        verdicts.stream().mapToDouble(Verdict::recallMostEffort).average().orElse(Double.NaN), most.label());
    for (Verdict v : flagged) {
      out.printf(Locale.ROOT, "  #%-3d query %-4d %-50s recall %.2f (%s: %.2f), %d of %d rows, %d NOT violations%n",
          v.reported(), v.query(), v.id(), v.recall(), most.label(), v.recallMostEffort(), v.returned(), v.expected(),
          v.violations());
    }
    for (Verdict v : flagged.subList(0, Math.min(plans, flagged.size()))) {
      QueryTask t = w.reported().get(v.reported());
      TaskTruth expected = truth.of(Split.REPORTED).get(v.reported());
      QueryLabel label = labels.apply(t.query());
      String not = t.negative() == null ? ""
          : String.format(Locale.ROOT, " NOT like %s, beta %.7f", label.negative(), t.beta());
      String range = t.isRange() ? String.format(Locale.ROOT, ", threshold %.7f", t.threshold()) : "";
      out.printf(Locale.ROOT, "%n== %s, reported #%d, query %d: %s%s%s%n", w.id(), v.reported(), t.query(), label.id(),
          not, range);
      rows("returned", answers.get(v.reported()), t);
      rows("truth", expected.rows(), t);
      out.println(system.explainAnalyze(t, normal).text());
    }
    return verdicts;
  }

  private void rows(String title, int[] ids, QueryTask t) {
    out.printf("  %s (key, sim to Q%s):%n", title, t.negative() == null ? "" : ", sim to B");
    for (int i = 0; i < Math.min(ids.length, 20); i++) {
      int id = ids[i];
      float q = Vectors.similarity(base.metric(), base.vectors()[id], t.vector());
      out.printf(Locale.ROOT, "    %-40s %.7f%s%n", base.keys()[id], q, t.negative() == null ? ""
          : String.format(Locale.ROOT, "  %.7f", Vectors.similarity(base.metric(), base.vectors()[id], t.negative())));
    }
    if (ids.length > 20) {
      out.printf("    ... %d more%n", ids.length - 20);
    }
  }
}
