package io.venndb.bench.workload;

import io.venndb.bench.data.Dataset;
import io.venndb.bench.query.BenchQuery;
import io.venndb.bench.query.QuerySet;
import io.venndb.bench.truth.QueryProfiles;
import io.venndb.bench.truth.Ranked;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every query a related vector B for vector-NOT workloads. Hand-written queries bring their
 * own ("text editor" / "emacs extensions"); held-out rows and file queries take the base row at
 * rank {@value #RANK} of their own neighbourhood — related to Q, but not Q.
 */
public final class Negatives {
  /** 0-based rank of the neighbour used as B. */
  public static final int RANK = 9;

  private Negatives() {}

  public static QuerySet resolve(QuerySet queries, QueryProfiles profiles, Dataset base) {
    List<BenchQuery> out = new ArrayList<>();
    for (int q = 0; q < queries.size(); q++) {
      BenchQuery query = queries.get(q);
      if (query.hasNegative()) {
        out.add(query);
        continue;
      }
      Ranked near = profiles.of(q);
      int row = near.rows()[Math.min(RANK, near.size() - 1)];
      out.add(query.withNegative("row:" + base.keys()[row], base.vectors()[row]));
    }
    return new QuerySet(out);
  }
}
