package io.venndb.sets;

import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.roaringbitmap.RoaringBitmap;

/**
 * A random AND / OR / ANDNOT expression over random leaves of one window, with its answer computed
 * by {@link BitSet} operations. Builds fresh iterators or sets on demand, wrapping random nodes in
 * the contract checker (which also hides them from flattening, so both paths get exercised).
 */
sealed interface SetTree {
  BitSet oracle();

  DocIdIterator iterator(SplittableRandom random);

  DocIdSet set(SplittableRandom random);

  static SetTree random(SplittableRandom random, Window window, int depth, List<BitSet> pool) {
    if (depth == 0 || random.nextInt(4) == 0) {
      return Leaf.random(random, window, pool);
    }
    return switch (random.nextInt(3)) {
      case 0 -> new And(children(random, window, depth, pool, 1 + random.nextInt(4)));
      case 1 -> new Or(children(random, window, depth, pool, random.nextInt(5)));
      default ->
          new AndNot(
              random(random, window, depth - 1, pool), random(random, window, depth - 1, pool));
    };
  }

  private static List<SetTree> children(
      SplittableRandom random, Window window, int depth, List<BitSet> pool, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> random(random, window, depth - 1, pool))
        .toList();
  }

  private static DocIdIterator maybeChecked(DocIdIterator iterator, SplittableRandom random) {
    return random.nextBoolean() ? new AssertingDocIdIterator(iterator) : iterator;
  }

  private static String join(List<SetTree> children) {
    return children.stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  enum Kind {
    BITMAP,
    BUFFER_BITMAP,
    RANGE,
    EMPTY,
    TWO_PHASE,
    SCAN
  }

  /** A leaf; {@code approximation} is the superset a two-phase leaf iterates. */
  record Leaf(
      Kind kind,
      Window window,
      BitSet bits,
      RoaringBitmap ids,
      BitSet approximation,
      float matchCost)
      implements SetTree {
    static Leaf random(SplittableRandom random, Window window, List<BitSet> pool) {
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      BitSet bits = bits(kind, random, window, pool);
      pool.add(bits);
      BitSet approximation = (BitSet) bits.clone();
      approximation.or(window.randomBits(random));
      return new Leaf(
          kind, window, bits, window.toBitmap(bits), approximation, random.nextFloat(1, 1000));
    }

    /** Some leaves repeat an earlier leaf's set, so identical and nested sets meet in one tree. */
    private static BitSet bits(
        Kind kind, SplittableRandom random, Window window, List<BitSet> pool) {
      return switch (kind) {
        case EMPTY -> new BitSet();
        case RANGE -> {
          int[] range = window.randomRange(random);
          BitSet bits = new BitSet();
          bits.set(range[0], range[1]);
          yield bits;
        }
        default ->
            !pool.isEmpty() && random.nextInt(5) == 0
                ? (BitSet) pool.get(random.nextInt(pool.size())).clone()
                : window.randomBits(random);
      };
    }

    @Override
    public BitSet oracle() {
      return (BitSet) bits.clone();
    }

    @Override
    public DocIdIterator iterator(SplittableRandom random) {
      return maybeChecked(unchecked(), random);
    }

    private DocIdIterator unchecked() {
      return switch (kind) {
        case BITMAP -> DocIdIterator.fromBitmap(ids);
        case BUFFER_BITMAP -> DocIdIterator.fromBitmap(ids.toMutableRoaringBitmap());
        case RANGE -> rangeIterator();
        case EMPTY -> DocIdIterator.empty();
        case TWO_PHASE -> twoPhase(DocIdIterator.fromBitmap(window.toBitmap(approximation)));
        case SCAN -> twoPhase(DocIdIterator.range(window.base(), window.end()));
      };
    }

    private DocIdIterator rangeIterator() {
      int from = bits.isEmpty() ? 0 : bits.nextSetBit(0);
      return DocIdIterator.range(
          window.base() + from, window.base() + Math.max(from, bits.length()));
    }

    private DocIdIterator twoPhase(DocIdIterator approximation) {
      return new OracleCheck(approximation, bits, window, matchCost).asDocIdIterator();
    }

    @Override
    public DocIdSet set(SplittableRandom random) {
      if ((kind == Kind.BITMAP || kind == Kind.EMPTY) && random.nextBoolean()) {
        return DocIdSets.of(ids);
      }
      return DocIdSets.streaming(unchecked().cost(), () -> iterator(random));
    }

    @Override
    public String toString() {
      return kind + "[" + bits.cardinality() + "]";
    }
  }

  record And(List<SetTree> children) implements SetTree {
    @Override
    public BitSet oracle() {
      BitSet result = children.getFirst().oracle();
      children.forEach(child -> result.and(child.oracle()));
      return result;
    }

    @Override
    public DocIdIterator iterator(SplittableRandom random) {
      return maybeChecked(
          DocIdIterators.and(children.stream().map(c -> c.iterator(random)).toList()), random);
    }

    @Override
    public DocIdSet set(SplittableRandom random) {
      return DocIdSets.and(children.stream().map(c -> c.set(random)).toArray(DocIdSet[]::new));
    }

    @Override
    public String toString() {
      return "AND(" + join(children) + ")";
    }
  }

  record Or(List<SetTree> children) implements SetTree {
    @Override
    public BitSet oracle() {
      BitSet result = new BitSet();
      children.forEach(child -> result.or(child.oracle()));
      return result;
    }

    @Override
    public DocIdIterator iterator(SplittableRandom random) {
      return maybeChecked(
          DocIdIterators.or(children.stream().map(c -> c.iterator(random)).toList()), random);
    }

    @Override
    public DocIdSet set(SplittableRandom random) {
      return DocIdSets.or(children.stream().map(c -> c.set(random)).toArray(DocIdSet[]::new));
    }

    @Override
    public String toString() {
      return "OR(" + join(children) + ")";
    }
  }

  record AndNot(SetTree required, SetTree excluded) implements SetTree {
    @Override
    public BitSet oracle() {
      BitSet result = required.oracle();
      result.andNot(excluded.oracle());
      return result;
    }

    @Override
    public DocIdIterator iterator(SplittableRandom random) {
      return maybeChecked(
          DocIdIterators.andNot(required.iterator(random), excluded.iterator(random)), random);
    }

    @Override
    public DocIdSet set(SplittableRandom random) {
      return DocIdSets.andNot(required.set(random), excluded.set(random));
    }

    @Override
    public String toString() {
      return "ANDNOT(" + required + ", " + excluded + ")";
    }
  }
}
