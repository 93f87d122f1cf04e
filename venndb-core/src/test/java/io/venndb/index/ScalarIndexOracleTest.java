package io.venndb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.ColumnType;
import io.venndb.catalog.IndexKind;
import io.venndb.testing.TestSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

/** Range, equality and count answers of every sorted index kind against a brute-force scan. */
@ExtendWith(TestSeed.class)
class ScalarIndexOracleTest {
  final SplittableRandom random = TestSeed.random("scalar-index-oracle");

  @Test
  void longs() {
    check(ColumnType.LONG, () -> (long) (random.nextInt(2000) - 1000));
    check(ColumnType.LONG, () -> random.nextInt(8) == 0 ? (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : random.nextLong());
  }

  @Test
  void doubles() {
    check(ColumnType.DOUBLE, () -> (random.nextInt(400) - 200) / 8.0);
    check(ColumnType.DOUBLE, () -> random.nextBoolean() ? -random.nextDouble() * 1e300 : random.nextDouble() * 1e-300);
  }

  @Test
  void timestamps() {
    check(ColumnType.TIMESTAMP, () -> 1_700_000_000_000_000L + random.nextInt(5000));
  }

  /** Past the cap the pending run stays bounded, and answers still match the oracle. */
  @Test
  void thePendingRunOfALargeNumericIndexStaysCapped() {
    RangeIndex index = (RangeIndex) ScalarIndex.create(ColumnDef.scalar("c", ColumnType.LONG, IndexKind.SORTED));
    List<Object> stored = new ArrayList<>();
    int maxPending = 0;
    for (int doc = 0; doc < 200_000; doc++) {
      long v = random.nextInt(5000);
      index.add(doc, v);
      stored.add(v);
      maxPending = Math.max(maxPending, ((NumericIndex) index).pendingCount());
    }
    assertThat(maxPending).isEqualTo(NumericIndex.MAX_PENDING);
    assertQueries(index, stored, () -> (long) random.nextInt(5000));
  }

  /**
   * Reads between writes: a range or count that finds more than {@link
   * NumericIndex#SCAN_PENDING_AT_MOST} pending pairs merges them first; smaller runs are scanned.
   * Either way every answer matches the oracle.
   */
  @Test
  void readsMergeALargePendingRunAndScanASmallOne() {
    RangeIndex index = (RangeIndex) ScalarIndex.create(ColumnDef.scalar("c", ColumnType.LONG, IndexKind.SORTED));
    NumericIndex numeric = (NumericIndex) index;
    List<Object> stored = new ArrayList<>();
    boolean sawScan = false;
    for (int doc = 0; doc < 30_000; doc++) {
      long v = random.nextInt(5000);
      index.add(doc, v);
      stored.add(v);
      if (random.nextInt(700) == 0) {
        int before = numeric.pendingCount();
        long low = random.nextInt(5000);
        RoaringBitmap expected = new RoaringBitmap();
        for (int d = 0; d < stored.size(); d++) {
          if ((Long) stored.get(d) >= low) {
            expected.add(d);
          }
        }
        assertThat(index.countRange(low, true, null, false)).isEqualTo(expected.getLongCardinality());
        assertThat(index.range(low, true, null, false)).isEqualTo(expected);
        int after = numeric.pendingCount();
        if (before > NumericIndex.SCAN_PENDING_AT_MOST) {
          assertThat(after).as("pending %d before the read", before).isZero();
        } else {
          assertThat(after).isEqualTo(before);
          sawScan |= before > 0;
        }
      }
    }
    assertThat(sawScan).as("some read scanned a small pending run").isTrue();
  }

  @Test
  void sortedStrings() {
    check(ColumnType.KEYWORD, () -> "k" + random.nextInt(300));
  }

  private void check(ColumnType type, Supplier<Object> values) {
    RangeIndex index = (RangeIndex) ScalarIndex.create(ColumnDef.scalar("c", type, IndexKind.SORTED));
    List<Object> stored = new ArrayList<>();
    int n = 3000 + random.nextInt(20_000); // crosses several merges of the pending run
    for (int doc = 0; doc < n; doc++) {
      Object v = values.get();
      index.add(doc, v);
      stored.add(v);
      if (random.nextInt(2000) == 0) {
        assertQueries(index, stored, values);
      }
    }
    assertQueries(index, stored, values);
    assertThat(index.distinctValues()).isEqualTo((int) stored.stream().distinct().count());
    assertThat(index.present().getCardinality()).isEqualTo(n);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void assertQueries(RangeIndex index, List<Object> stored, Supplier<Object> values) {
    for (int q = 0; q < 60; q++) {
      Comparable low = random.nextInt(6) == 0 ? null : (Comparable) pick(stored, values);
      Comparable high = random.nextInt(6) == 0 ? null : (Comparable) pick(stored, values);
      boolean li = random.nextBoolean();
      boolean hi = random.nextBoolean();
      RoaringBitmap expected = new RoaringBitmap();
      for (int doc = 0; doc < stored.size(); doc++) {
        Comparable v = (Comparable) stored.get(doc);
        boolean aboveLow = low == null || (li ? v.compareTo(low) >= 0 : v.compareTo(low) > 0);
        boolean belowHigh = high == null || (hi ? v.compareTo(high) <= 0 : v.compareTo(high) < 0);
        if (aboveLow && belowHigh) {
          expected.add(doc);
        }
      }
      String what = "range " + (li ? "[" : "(") + low + ", " + high + (hi ? "]" : ")");
      assertThat(index.range(low, li, high, hi)).as(what).isEqualTo(expected);
      java.util.function.IntPredicate test = index.rangeTest(low, li, high, hi);
      RoaringBitmap tested = new RoaringBitmap();
      for (int doc = 0; doc < stored.size() + 64; doc++) {
        if (test.test(doc)) {
          tested.add(doc);
        }
      }
      assertThat(tested).as("per-doc test, " + what).isEqualTo(expected);
      assertThat(index.countRange(low, li, high, hi)).as("count " + what).isEqualTo(expected.getLongCardinality());
      Object v = pick(stored, values);
      RoaringBitmap eq = new RoaringBitmap();
      for (int doc = 0; doc < stored.size(); doc++) {
        if (stored.get(doc).equals(v)) {
          eq.add(doc);
        }
      }
      assertThat(index.equal(v)).as("equal %s", v).isEqualTo(eq);
      assertThat(index.countEqual(v)).isEqualTo(eq.getLongCardinality());
    }
  }

  private Object pick(List<Object> stored, Supplier<Object> values) {
    return random.nextBoolean() ? stored.get(random.nextInt(stored.size())) : values.get();
  }
}
