package io.venndb.bench.jmh;

import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.ColumnDef;
import io.venndb.catalog.ColumnType;
import io.venndb.catalog.IndexKind;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.index.CollectionIndexes;
import io.venndb.index.RangeIndex;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a selective numeric filter costs the sorted index per query: the planner's count and the
 * executor's set of a range holding ~100 rows, on an index loaded the way a bulk load leaves it
 * (seeded random keys added in doc order, so up to 16k pairs still sit in its unsorted run until
 * the first read merges them).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NumericRangeBench {
  private static final int KEYS = 200_000;
  private static final int WINDOWS = 1024;

  @Param({"100000", "828000"})
  int rows;

  private RangeIndex index;
  private final long[] lows = new long[WINDOWS];
  private long width;
  private int next;

  @Setup
  public void setUp() {
    CollectionSchema schema = SchemaBuilder.collection("bench").longKey("id")
        .column(ColumnDef.scalar("month", ColumnType.LONG, IndexKind.SORTED)).build();
    CollectionIndexes indexes = new CollectionIndexes(schema);
    SplittableRandom random = new SplittableRandom(42);
    for (int doc = 0; doc < rows; doc++) {
      indexes.add(doc, new Object[] {(long) random.nextInt(KEYS)});
    }
    index = (RangeIndex) indexes.at(0);
    width = (long) KEYS * 100 / rows;
    for (int i = 0; i < WINDOWS; i++) {
      lows[i] = random.nextInt(KEYS);
    }
  }

  @Benchmark
  public long countAndRangeOf100Rows() {
    long low = lows[next++ & (WINDOWS - 1)];
    return index.countRange(low, true, low + width, true) + index.range(low, true, low + width, true).getCardinality();
  }
}
