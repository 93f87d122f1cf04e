package io.venndb.query;

import static io.venndb.query.QueryDifferentialTest.KINDS;
import static io.venndb.query.QueryDifferentialTest.LABELS;
import static io.venndb.query.QueryDifferentialTest.RANDOM_ROWS;
import static io.venndb.query.QueryDifferentialTest.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.api.Collection;
import io.venndb.api.DatabaseOptions;
import io.venndb.api.VennDB;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.query.QueryDifferentialTest.Data;
import io.venndb.testing.DebianVectors;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** One collection and its oracle, built once per data set and shared by the tests. */
final class DifferentialFixture {
  final Data data;
  final VennDB db;
  final Collection c;
  final QueryOracle oracle;
  final int hvDim;
  final int fvDim;
  final int rowsLoaded;
  /** Cluster centres of the random data, per column; null for Debian. */
  final float[][] hvCentres;
  final float[][] fvCentres;
  /** The 384-d Debian embeddings; null for random data. */
  final float[][] debian;
  private final SplittableRandom random;

  DifferentialFixture(Data data) {
    long start = System.nanoTime();
    this.data = data;
    this.random = TestSeed.random("QueryDifferentialTest.fixture." + data);
    boolean isDebian = data == Data.DEBIAN;
    this.debian = isDebian ? DebianVectors.get() : null;
    long embedded = System.nanoTime();
    this.hvDim = isDebian ? debian[0].length : 8 + random.nextInt(9);
    this.fvDim = isDebian ? debian[0].length : 8 + random.nextInt(9);
    this.hvCentres = isDebian ? null : centres(hvDim);
    this.fvCentres = isDebian ? null : centres(fvDim);
    this.rowsLoaded = isDebian ? DebianVectors.COUNT : RANDOM_ROWS;
    // m = 8 keeps graph strategies competitive at 12,000 rows under the nominal costs; inner
    // product (not a metric, lengths vary) needs a wider beam to reach the recall bar.
    VectorIndexSpec hnsw = isDebian ? VectorIndexSpec.hnsw(16, 100)
        : data.hv == Metric.INNER_PRODUCT ? new VectorIndexSpec(8, 128, 256) : new VectorIndexSpec(8, 64, 128);
    CollectionSchema schema = SchemaBuilder.collection("docs").stringKey("id")
        .keyword("kind").tags("labels").longColumn("size").doubleColumn("score").booleanColumn("flag")
        .text("body").longColumn("u")
        .vector("hv", hvDim, data.hv, hnsw).vector("fv", fvDim, data.fv).build();
    this.oracle = new QueryOracle(Map.of("hv", data.hv, "fv", data.fv));
    // Nominal unit costs: the same seed replays the same plans on any machine.
    this.db = VennDB.open(root.resolve(data.name()), new DatabaseOptions(false).withNominalCosts());
    this.c = db.createCollection(schema);
    load();
    System.out.printf(Locale.ROOT, "[%s] %,d rows (hv %d-d %s with HNSW, fv %d-d %s flat) loaded in %.1f s%s%n",
        data, oracle.size(), hvDim, data.hv, fvDim, data.fv, (System.nanoTime() - embedded) / 1e9,
        isDebian ? String.format(Locale.ROOT, " after embedding in %.1f s", (embedded - start) / 1e9) : "");
  }

  private void load() {
    int[] u = new int[rowsLoaded];
    Arrays.setAll(u, i -> i);
    for (int i = u.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = u[i];
      u[i] = u[j];
      u[j] = t;
    }
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < rowsLoaded; i++) {
      batch.add(row(String.format(Locale.ROOT, "r%05d", i), u[i], i));
      if (batch.size() == 2_000 || i == rowsLoaded - 1) {
        c.insertAll(batch);
        batch.forEach(oracle::put);
        batch.clear();
      }
    }
    // Churn: deletes and upserts (an upsert gets a new doc id, so goes last in insertion order).
    for (int i = 0; i < rowsLoaded / 50; i++) {
      int victim = random.nextInt(rowsLoaded);
      String key = String.format(Locale.ROOT, "r%05d", victim);
      if (random.nextInt(3) == 0) {
        c.delete(key);
        oracle.remove(key);
      } else {
        Map<String, Object> r = row(key, u[victim], random.nextInt(rowsLoaded));
        c.upsert(r);
        oracle.put(r);
      }
    }
    assertThat(c.size()).isEqualTo(oracle.size());
  }

  private Map<String, Object> row(String key, long u, int vectorSource) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", key);
    row.put("kind", maybe(() -> KINDS.get(Math.min(random.nextInt(8), KINDS.size() - 1))));
    row.put("labels", maybe(() -> LABELS.stream().filter(l -> random.nextInt(3) == 0).toList()));
    row.put("size", maybe(() -> (long) random.nextInt(50)));
    row.put("score", maybe(() -> random.nextInt(100) / 4.0));
    row.put("flag", maybe(random::nextBoolean));
    row.put("body", maybe(() -> "body" + random.nextInt(5)));
    row.put("u", u);
    row.put("hv", random.nextInt(data.hvNullOneIn) == 0 ? null : debian != null ? debian[vectorSource]
        : clustered(hvCentres, data.hv, random));
    row.put("fv", random.nextInt(8) == 0 ? null : debian != null ? debian[(vectorSource * 7 + 3) % debian.length]
        : clustered(fvCentres, data.fv, random));
    return row;
  }

  private <T> T maybe(Supplier<T> value) {
    return random.nextInt(10) == 0 ? null : value.get();
  }

  private float[][] centres(int dim) {
    float[][] out = new float[24][dim];
    for (float[] c : out) {
      for (int i = 0; i < dim; i++) {
        c[i] = (float) random.nextGaussian();
      }
    }
    return out;
  }

  /** A point of a cluster; under INNER_PRODUCT its length varies too, so the metric differs from cosine. */
  static float[] clustered(float[][] centres, Metric metric, SplittableRandom r) {
    float[] c = centres[r.nextInt(centres.length)];
    double scale = metric == Metric.INNER_PRODUCT ? 0.5 + r.nextDouble() : 1;
    float[] v = new float[c.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (scale * (c[i] + 0.5 * r.nextGaussian()));
    }
    return v;
  }

  Metric metric(String column) {
    return oracle.metric(column);
  }
}
