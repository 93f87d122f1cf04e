package io.venndb.bench.workload;

import java.util.List;
import java.util.Objects;

/**
 * A family at one setting (a selectivity, an exclusion fraction, a result size) with its tasks for
 * the tuning and the reported queries. {@code filterLabel} shows the filter (per-query filters are
 * described, e.g. "section most common among Q's neighbours").
 */
public record Workload(String id, Family family, String description, int k, String filterLabel,
    double targetSelectivity, String correlation, double excludeTarget, int rangeSize,
    List<QueryTask> tuning, List<QueryTask> reported) {

  /** Largest result a range task may return (VennDB's request limit). */
  public static final int RANGE_CAP = 10_000;

  public Workload {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(family, "family");
    tuning = List.copyOf(tuning);
    reported = List.copyOf(reported);
  }

  public List<QueryTask> tasks(io.venndb.bench.query.Split split) {
    return split == io.venndb.bench.query.Split.TUNING ? tuning : reported;
  }
}
