package io.venndb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.api.BulkWriter;
import io.venndb.api.Collection;
import io.venndb.api.DatabaseOptions;
import io.venndb.api.VennDB;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.query.Query;
import io.venndb.query.Ranking;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measured unit costs are kept with the collection: a reopened collection plans with the stored
 * prices, and measures again when they were taken on another machine or at a very different size,
 * or when the file is damaged; fixed costs are neither measured nor stored.
 */
@ExtendWith(TestSeed.class)
class StoredCostsTest {
  static final int DIM = 16;
  static final int ROWS = 2_000;
  /** A price no measurement would produce, so EXPLAIN shows whether the planted file was used. */
  static final UnitCosts PLANTED = new UnitCosts(12_345, 23_456, 3, 4_567, 9, 5_678, 6_789);

  @TempDir Path dir;
  final SplittableRandom random = TestSeed.random("stored-costs");

  @Test
  void theFirstMeasurementIsStoredAndAReopenPlansWithIt() throws IOException {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = create(db);
      insert(c, 0, ROWS);
      assertThat(costsLine(c)).doesNotContain("12345");
    }
    CalibratedCosts measured = CostsFile.read(costsFile()).orElseThrow();
    assertThat(measured.liveRows()).isEqualTo(ROWS);
    assertThat(measured.machine()).isEqualTo(CalibratedCosts.currentMachine());

    plant(new CalibratedCosts(PLANTED, ROWS, CalibratedCosts.currentMachine()));
    try (VennDB db = VennDB.open(dir)) {
      assertThat(costsLine(db.collection("docs"))).contains("distance 12345 ns");
    }
  }

  @Test
  void costsFromAnotherMachineAreMeasuredAgain() throws IOException {
    createMeasuredAndClose();
    plant(new CalibratedCosts(PLANTED, ROWS, "sparc|another machine|64 cpus|25"));
    try (VennDB db = VennDB.open(dir)) {
      assertThat(costsLine(db.collection("docs"))).doesNotContain("12345");
    }
    assertThat(CostsFile.read(costsFile()).orElseThrow().machine()).isEqualTo(CalibratedCosts.currentMachine());
  }

  @Test
  void aCollectionFourTimesLargerIsMeasuredAgain() throws IOException {
    createMeasuredAndClose();
    plant(new CalibratedCosts(PLANTED, ROWS, CalibratedCosts.currentMachine()));
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.collection("docs");
      assertThat(costsLine(c)).contains("distance 12345 ns");
      insert(c, ROWS, 4 * ROWS);
      assertThat(costsLine(c)).doesNotContain("12345");
    }
    assertThat(CostsFile.read(costsFile()).orElseThrow().liveRows()).isEqualTo(4 * ROWS);
  }

  @Test
  void aDamagedFileIsReplacedByANewMeasurement() throws IOException {
    createMeasuredAndClose();
    Path file = costsFile();
    byte[] bytes = Files.readAllBytes(file);
    bytes[20] ^= 0x5A;
    Files.write(file, bytes);
    try (VennDB db = VennDB.open(dir)) {
      assertThat(db.collection("docs").query(nearest(0))).hasSize(10);
    }
    assertThat(CostsFile.read(file)).isPresent();
  }

  @Test
  void droppingTheCollectionRemovesItsCosts() throws IOException {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = create(db);
      insert(c, 0, ROWS);
      costsLine(c);
      Path file = costsFile();
      db.dropCollection("docs");
      assertThat(file).doesNotExist();
    }
  }

  @Test
  void fixedCostsAreNeitherMeasuredNorStored() throws IOException {
    try (VennDB db = VennDB.open(dir, DatabaseOptions.defaults().withNominalCosts())) {
      Collection c = create(db);
      insert(c, 0, ROWS);
      assertThat(costsLine(c)).contains(UnitCosts.NOMINAL.toString());
    }
    assertThat(costsFiles()).isEmpty();
  }

  /** Creates the collection with ROWS rows, plans one query (which measures and stores the costs), closes. */
  private void createMeasuredAndClose() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = create(db);
      insert(c, 0, ROWS);
      costsLine(c);
    }
  }

  private Collection create(VennDB db) {
    return db.createCollection(SchemaBuilder.collection("docs").longKey("id")
        .vector("v", DIM, Metric.COSINE, VectorIndexSpec.hnsw()).build());
  }

  private void insert(Collection c, int from, int to) {
    try (BulkWriter writer = c.bulkWriter(1000)) {
      for (int i = from; i < to; i++) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
          v[d] = (float) random.nextGaussian();
        }
        writer.upsert(Map.of("id", (long) i, "v", v));
      }
    }
  }

  private static Query nearest(int axis) {
    float[] q = new float[DIM];
    q[axis % DIM] = 1;
    return Query.all().rankedBy(Ranking.nearestTo("v", q)).withLimit(10);
  }

  /** The EXPLAIN line naming the unit costs the planner used (planning measures them if needed). */
  private static String costsLine(Collection c) {
    return c.explain(nearest(1)).text().lines().filter(l -> l.contains("unit costs")).findFirst().orElseThrow();
  }

  private void plant(CalibratedCosts costs) throws IOException {
    CostsFile.write(costsFile(), costs);
  }

  private Path costsFile() throws IOException {
    List<Path> files = costsFiles();
    assertThat(files).as("one stored costs file").hasSize(1);
    return files.getFirst();
  }

  private List<Path> costsFiles() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.getFileName().toString().endsWith("-costs.bin")).toList();
    }
  }
}
