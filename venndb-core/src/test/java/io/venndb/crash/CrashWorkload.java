package io.venndb.crash;

import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.ingest.Mutation;
import io.venndb.vector.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The deterministic write sequence the crash test replays: batch {@code i} depends only on the
 * seed and {@code i}, so the parent can rebuild exactly what the killed child was writing.
 */
final class CrashWorkload {
  static final int KEY_SPACE = 1500;
  static final int DIM = 8;
  static final List<String> KINDS = List.of("red", "green", "blue", "cyan", "plum");

  static CollectionSchema schema() {
    return SchemaBuilder.collection("crash").longKey("id").keyword("kind").longColumn("batch")
        .tags("labels").text("body").vector("emb", DIM, Metric.L2).build();
  }

  /** Batch {@code index}: 1–40 upserts and deletes over the key space. */
  static List<Mutation> batch(long seed, int index) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
    int size = 1 + r.nextInt(40);
    List<Mutation> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      long key = r.nextInt(KEY_SPACE);
      batch.add(r.nextInt(5) == 0 ? new Mutation.Delete(key) : new Mutation.Upsert(row(key, index, r)));
    }
    return batch;
  }

  private static Map<String, Object> row(long key, int batch, SplittableRandom r) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", key);
    row.put("kind", KINDS.get(r.nextInt(KINDS.size())));
    row.put("batch", (long) batch);
    row.put("labels", List.of("b" + (batch % 7), "k" + (key % 3)));
    row.put("body", "row " + key + " written by batch " + batch + " " + "x".repeat(r.nextInt(200)));
    float[] v = new float[DIM];
    for (int d = 0; d < DIM; d++) {
      v[d] = (float) r.nextGaussian();
    }
    row.put("emb", v);
    return row;
  }

  /** Applies a batch to a model of the collection: key → row. */
  static void apply(Map<Long, Map<String, Object>> model, List<Mutation> batch) {
    for (Mutation m : batch) {
      switch (m) {
        case Mutation.Upsert u -> model.put((Long) u.row().get("id"), new HashMap<>(u.row()));
        case Mutation.Delete d -> model.remove((Long) d.key());
        case Mutation.Insert i -> throw new IllegalStateException("the workload only upserts");
      }
    }
  }

  private CrashWorkload() {}
}
