package io.venndb.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a bound predicate into the normal form the planner works on, applying the rules until
 * nothing changes:
 *
 * <ul>
 *   <li>NOT is pushed to the leaves (De Morgan; a negated comparison flips its operator; a negated
 *       range becomes two open ranges). Only {@code NOT IN}, {@code NOT tags} and {@code IS NOT
 *       NULL} keep a NOT, directly above their leaf.
 *   <li>Nested ANDs and ORs are flattened, repeated children dropped, one-child nodes unwrapped.
 *   <li>Constants are folded: a leaf that can never be TRUE (an empty IN, an inverted range, a
 *       similarity above the metric's maximum) becomes FALSE, and TRUE/FALSE absorb or vanish.
 * </ul>
 *
 * <p>Every rule preserves SQL's three-valued logic: NOT over unknown stays unknown, because a
 * flipped comparison is as unknown on NULL as the original. Folding a never-TRUE leaf to FALSE is
 * only sound once NOT sits on leaves alone (the tree above is then monotone), which is why the
 * negation rule runs in the same pass, before folding.
 */
public final class PredicateRewriter {
  private static final int MAX_PASSES = 64;

  private PredicateRewriter() {}

  /** The normal form of a predicate already checked by {@link PredicateBinder}. */
  public static Predicate normalize(Predicate bound) {
    Predicate current = bound;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      Predicate next = fold(pushNot(current));
      if (next.equals(current)) {
        return next;
      }
      current = next;
    }
    return current;
  }

  private static Predicate pushNot(Predicate p) {
    return switch (p) {
      case Predicate.Not n -> negate(n.child());
      case Predicate.And a -> new Predicate.And(a.children().stream().map(PredicateRewriter::pushNot).toList());
      case Predicate.Or o -> new Predicate.Or(o.children().stream().map(PredicateRewriter::pushNot).toList());
      default -> p;
    };
  }

  /** NOT p, with the NOT moved as far down as it goes. */
  private static Predicate negate(Predicate p) {
    return switch (p) {
      case Predicate.Not n -> pushNot(n.child());
      case Predicate.And a -> new Predicate.Or(a.children().stream().map(PredicateRewriter::negate).toList());
      case Predicate.Or o -> new Predicate.And(o.children().stream().map(PredicateRewriter::negate).toList());
      case Predicate.Constant c -> new Predicate.Constant(!c.value());
      case Predicate.Compare c -> new Predicate.Compare(c.column(), c.op().negate(), c.value());
      case Predicate.VectorCompare v -> v.negate();
      case Predicate.Range r -> negateRange(r);
      default -> new Predicate.Not(p);
    };
  }

  /** NOT (low ≤ x ≤ high) is x &lt; low OR x &gt; high; both are unknown when x is NULL, as the range is. */
  private static Predicate negateRange(Predicate.Range r) {
    List<Predicate> parts = new ArrayList<>(2);
    if (r.low() != null) {
      parts.add(new Predicate.Range(r.column(), null, false, r.low(), !r.lowInclusive()));
    }
    if (r.high() != null) {
      parts.add(new Predicate.Range(r.column(), r.high(), !r.highInclusive(), null, false));
    }
    return parts.size() == 1 ? parts.getFirst() : new Predicate.Or(parts);
  }

  private static Predicate fold(Predicate p) {
    return switch (p) {
      case Predicate.And a -> foldJunction(a.children(), true);
      case Predicate.Or o -> foldJunction(o.children(), false);
      case Predicate.In in when in.values().isEmpty() -> new Predicate.Constant(false);
      case Predicate.Range r when isEmpty(r) -> new Predicate.Constant(false);
      default -> p;
    };
  }

  /**
   * AND ({@code isAnd}) or OR: children folded and flattened; the absorbing constant (FALSE for
   * AND, TRUE for OR) wins, the neutral one vanishes, duplicates go.
   */
  private static Predicate foldJunction(List<Predicate> children, boolean isAnd) {
    Set<Predicate> kept = new LinkedHashSet<>();
    for (Predicate child : children) {
      Predicate folded = fold(child);
      if (folded instanceof Predicate.Constant c) {
        if (c.value() != isAnd) {
          return c; // FALSE in an AND, TRUE in an OR
        }
        continue;
      }
      if (isAnd && folded instanceof Predicate.And inner) {
        kept.addAll(inner.children());
      } else if (!isAnd && folded instanceof Predicate.Or inner) {
        kept.addAll(inner.children());
      } else {
        kept.add(folded);
      }
    }
    if (kept.isEmpty()) {
      return new Predicate.Constant(isAnd);
    }
    if (kept.size() == 1) {
      return kept.iterator().next();
    }
    List<Predicate> list = List.copyOf(kept);
    return isAnd ? new Predicate.And(list) : new Predicate.Or(list);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean isEmpty(Predicate.Range r) {
    if (r.low() == null || r.high() == null) {
      return false;
    }
    int c = ((Comparable) r.low()).compareTo(r.high());
    return c > 0 || (c == 0 && !(r.lowInclusive() && r.highInclusive()));
  }
}
