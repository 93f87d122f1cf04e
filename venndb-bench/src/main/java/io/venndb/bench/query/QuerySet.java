package io.venndb.bench.query;

import java.util.List;

/** The queries of one run, in a fixed order; index = position in {@link #all()}. */
public record QuerySet(List<BenchQuery> all) {
  public QuerySet {
    all = List.copyOf(all);
  }

  public int size() {
    return all.size();
  }

  public BenchQuery get(int index) {
    return all.get(index);
  }

  public long count(Split split) {
    return all.stream().filter(q -> q.split() == split).count();
  }

  public long count(BenchQuery.Kind kind, Split split) {
    return all.stream().filter(q -> q.kind() == kind && q.split() == split).count();
  }
}
