package io.venndb.bench.filter;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A {@link Filter} as a Lucene query with the same three-valued meaning. Lucene's MUST_NOT is
 * two-valued (a document without the field matches {@code NOT x = 1}), so NOT is first pushed to
 * the leaves (De Morgan holds in three-valued logic) and a negated leaf becomes "the column is
 * present and the leaf does not match". Presence is the indexed term {@code _present:column}.
 */
public final class LuceneFilters {
  /** Field holding one term per non-null column of a document. */
  public static final String PRESENT = "_present";

  private LuceneFilters() {}

  public static Query toQuery(Filter filter) {
    return compile(filter, false);
  }

  private static Query compile(Filter filter, boolean negated) {
    return switch (filter) {
      case Filter.Not n -> compile(n.child(), !negated);
      case Filter.And a -> combine(a, negated ? Occur.SHOULD : Occur.FILTER, negated);
      case Filter.Or o -> combine(o, negated ? Occur.FILTER : Occur.SHOULD, negated);
      default -> negated ? presentAndNot(filter) : leaf(filter);
    };
  }

  /** AND is all children (FILTER); OR is at least one (only SHOULD clauses, so one must match). */
  private static Query combine(Filter node, Occur occur, boolean negated) {
    var children = node instanceof Filter.And a ? a.children() : ((Filter.Or) node).children();
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Filter child : children) {
      b.add(compile(child, negated), occur);
    }
    return b.build();
  }

  private static Query presentAndNot(Filter leaf) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(PRESENT, columnOf(leaf))), Occur.FILTER)
        .add(leaf(leaf), Occur.MUST_NOT)
        .build();
  }

  static Query leaf(Filter leaf) {
    return switch (leaf) {
      case Filter.Keyword k -> new TermQuery(new Term(k.column(), k.value()));
      case Filter.HasTag t -> new TermQuery(new Term(t.column(), t.tag()));
      case Filter.LongRange r -> LongPoint.newRangeQuery(r.column(), r.min(), r.max());
      default -> throw new IllegalArgumentException("not a leaf: " + leaf);
    };
  }

  static String columnOf(Filter leaf) {
    return switch (leaf) {
      case Filter.Keyword k -> k.column();
      case Filter.HasTag t -> t.column();
      case Filter.LongRange r -> r.column();
      default -> throw new IllegalArgumentException("not a leaf: " + leaf);
    };
  }
}
