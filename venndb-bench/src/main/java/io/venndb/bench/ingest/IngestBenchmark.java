package io.venndb.bench.ingest;

import io.venndb.bench.data.Directories;
import io.venndb.api.BulkWriter;
import io.venndb.api.Collection;
import io.venndb.api.CollectionStats;
import io.venndb.api.VennDB;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Bulk ingest into storage, no vector index: rows of one 384-d vector and 5 scalar columns
 * (keyword, tags, long, double, timestamp) through {@link BulkWriter} (group commit). Rows and
 * vectors are generated before the clock starts, so like embedding time they are excluded.
 * Reports rows/s per repetition (fresh database each), the median, and memory per row: JVM heap
 * after GC, off-heap vector arena, process RSS, and bytes on disk.
 *
 * <p>Usage: {@code IngestBenchmark [rows=500000] [batch=5000] [repetitions=3] [seed=42]}
 */
public final class IngestBenchmark {
  static final int DIM = 384;

  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    System.out.printf("ingest benchmark: %,d rows x (1 x %d-d vector + 5 scalars), batch %,d, %d repetitions, seed %d%n",
        rows, DIM, batch, repetitions, seed);
    List<Map<String, Object>> data = generate(rows, seed);
    double[] rates = new double[repetitions];
    for (int r = 0; r < repetitions; r++) {
      rates[r] = runOnce(data, batch, r == repetitions - 1);
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf("rows/s: median %,.0f (runs %s)%n", sorted[sorted.length / 2], Arrays.toString(
        Arrays.stream(rates).mapToLong(Math::round).toArray()));
  }

  static CollectionSchema schema() {
    return SchemaBuilder.collection("ingest").stringKey("id").keyword("category").tags("tags")
        .longColumn("size").doubleColumn("score").timestamp("created")
        .vector("emb", DIM, Metric.COSINE).build();
  }

  static List<Map<String, Object>> generate(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Map<String, Object>> data = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", "row-" + i);
      row.put("category", "c" + random.nextInt(50));
      row.put("tags", List.of("t" + random.nextInt(200), "t" + random.nextInt(200), "t" + random.nextInt(200)));
      row.put("size", (long) random.nextInt(1_000_000));
      row.put("score", random.nextDouble());
      row.put("created", Instant.ofEpochSecond(1_600_000_000L + random.nextInt(100_000_000)));
      float[] v = new float[DIM];
      for (int d = 0; d < DIM; d++) {
        v[d] = (float) random.nextGaussian();
      }
      row.put("emb", v);
      data.add(row);
    }
    return data;
  }

  private static double runOnce(List<Map<String, Object>> data, int batch, boolean reportMemory) throws IOException {
    Path dir = Files.createTempDirectory("venndb-ingest-");
    try {
      long heapBefore = usedHeapAfterGc();
      long rssBefore = rssBytes();
      long start = System.nanoTime();
      try (VennDB db = VennDB.open(dir)) {
        Collection c = db.createCollection(schema());
        try (BulkWriter writer = c.bulkWriter(batch)) {
          for (Map<String, Object> row : data) {
            writer.upsert(row);
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = data.size() / seconds;
        System.out.printf("  run: %,d rows in %.2f s = %,.0f rows/s%n", data.size(), seconds, rate);
        if (reportMemory) {
          report(c.stats(), usedHeapAfterGc() - heapBefore, rssBytes() - rssBefore, data.size());
        }
        return rate;
      } finally {
        if (reportMemory) {
          System.out.printf("  on disk after close: %.1f bytes/row%n", (double) du(dir) / data.size());
        }
      }
    } finally {
      Directories.deleteTree(dir);
    }
  }

  private static void report(CollectionStats stats, long heapDelta, long rssDelta, int rows) {
    System.out.printf("  memory per row: heap %.1f B (after GC), off-heap vectors %.1f B (raw %d B), process RSS growth %.1f B%n",
        (double) heapDelta / rows, (double) stats.vectorBytesOffHeap() / rows, 4 * DIM, (double) rssDelta / rows);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Resident set size from /proc (Linux); 0 elsewhere. */
  private static long rssBytes() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(0L);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long du(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private IngestBenchmark() {}
}
