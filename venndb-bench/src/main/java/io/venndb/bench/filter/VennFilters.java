package io.venndb.bench.filter;

import io.venndb.query.Predicate;

/** A {@link Filter} as a VennDB predicate, node for node (VennDB evaluates NOT itself). */
public final class VennFilters {
  private VennFilters() {}

  public static Predicate toPredicate(Filter filter) {
    return switch (filter) {
      case Filter.Keyword k -> Predicate.eq(k.column(), k.value());
      case Filter.HasTag t -> Predicate.containsTag(t.column(), t.tag());
      case Filter.LongRange r -> range(r);
      case Filter.And a -> new Predicate.And(a.children().stream().map(VennFilters::toPredicate).toList());
      case Filter.Or o -> new Predicate.Or(o.children().stream().map(VennFilters::toPredicate).toList());
      case Filter.Not n -> Predicate.not(toPredicate(n.child()));
    };
  }

  private static Predicate range(Filter.LongRange r) {
    // A range open at both ends is still a comparison: TRUE for every value, UNKNOWN on NULL, so
    // NOT of it stays UNKNOWN there (IS NOT NULL would make NOT select the NULL rows).
    if (r.openBelow()) {
      return Predicate.le(r.column(), r.max());
    }
    return r.openAbove() ? Predicate.ge(r.column(), r.min()) : Predicate.between(r.column(), r.min(), r.max());
  }
}
