package io.venndb.bench.truth;

import io.venndb.bench.query.Split;
import java.util.List;

/** Ground truth for every task of a workload, in task order. */
public record WorkloadTruth(List<TaskTruth> tuning, List<TaskTruth> reported) {
  public WorkloadTruth {
    tuning = List.copyOf(tuning);
    reported = List.copyOf(reported);
  }

  public List<TaskTruth> of(Split split) {
    return split == Split.TUNING ? tuning : reported;
  }
}
