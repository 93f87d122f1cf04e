package io.venndb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.query.Predicate;
import io.venndb.query.SearchHit;
import io.venndb.query.SearchRequest;
import io.venndb.testing.TestSeed;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * HNSW through the public API, with the exact search of the same collection as the oracle:
 * recall, filtered row counts, thresholds, deletes, bulk loads, and the graph file across reopen.
 */
@ExtendWith(TestSeed.class)
class HnswSearchTest {
  static final int DIM = 32;
  static final int ROWS = 4000;

  @TempDir Path dir;
  final SplittableRandom random = TestSeed.random("hnsw-api");

  static CollectionSchema schema() {
    return SchemaBuilder.collection("docs").longKey("id").keyword("bucket")
        .vector("emb", DIM, Metric.COSINE, VectorIndexSpec.hnsw()).build();
  }

  @Test
  void approximateSearchAgreesWithExact() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(schema());
      c.insertAll(rows(0, ROWS));
      double recall = meanRecall(c, null, 10, 50);
      assertThat(recall).as("unfiltered recall@10").isGreaterThanOrEqualTo(0.95);
      Predicate onePercent = Predicate.eq("bucket", "b7"); // 1 of 100 buckets
      assertThat(meanRecall(c, onePercent, 10, 50)).as("recall@10 at 1%").isGreaterThanOrEqualTo(0.95);
      assertThat(c.search(SearchRequest.nearest("emb", randomVector(), 10)
          .withFilter(Predicate.eq("bucket", "no-such-bucket")))).isEmpty();
    }
  }

  @Test
  void thresholdSearchFindsWhatExactFinds() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(schema());
      c.insertAll(rows(0, ROWS));
      long found = 0;
      long expected = 0;
      for (int q = 0; q < 20; q++) {
        float[] v = randomVector();
        SearchRequest request = SearchRequest.nearest("emb", v, 10_000).withMinSimilarity(0.45f);
        Set<Object> exact = keys(c.search(request.withExact(true)));
        Set<Object> approx = keys(c.search(request));
        assertThat(exact).containsAll(approx);
        found += approx.size();
        expected += exact.size();
      }
      assertThat(expected).isPositive();
      assertThat((double) found / expected).as("range recall").isGreaterThanOrEqualTo(0.98);
    }
  }

  @Test
  void deletedRowsAreNeverReturned() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(schema());
      c.insertAll(rows(0, ROWS));
      Set<Long> deleted = new HashSet<>();
      for (long id = 0; id < ROWS; id += 3) {
        c.delete(id);
        deleted.add(id);
      }
      for (int q = 0; q < 30; q++) {
        List<SearchHit> hits = c.search(SearchRequest.nearest("emb", randomVector(), 20));
        assertThat(hits).hasSize(20);
        hits.forEach(h -> assertThat(deleted).doesNotContain((Long) h.key()));
      }
      assertThat(meanRecall(c, null, 10, 30)).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void bulkLoadedRowsAreInTheGraphAfterFlush() {
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(schema());
      try (BulkWriter w = c.bulkWriter(500)) {
        rows(0, ROWS).forEach(w::upsert);
      }
      assertThat(meanRecall(c, null, 10, 50)).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void graphFileIsReusedAndACorruptOneRebuilt() throws IOException {
    List<List<Object>> before = new ArrayList<>();
    List<float[]> queries = List.of(randomVector(), randomVector(), randomVector());
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.createCollection(schema());
      c.insertAll(rows(0, ROWS));
      queries.forEach(q -> before.add(keyList(c.search(SearchRequest.nearest("emb", q, 10)))));
    }
    Path graph = graphFiles().getFirst();
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.collection("docs");
      for (int i = 0; i < queries.size(); i++) {
        assertThat(keyList(c.search(SearchRequest.nearest("emb", queries.get(i), 10)))).isEqualTo(before.get(i));
      }
      assertThat(c.schema()).isEqualTo(schema());
    }
    try (RandomAccessFile f = new RandomAccessFile(graphFiles().getFirst().toFile(), "rw")) {
      f.seek(f.length() / 3);
      int b = f.read();
      f.seek(f.length() / 3);
      f.write(b ^ 0x40);
    }
    assertThat(graph.getFileName()).isEqualTo(graphFiles().getFirst().getFileName());
    try (VennDB db = VennDB.open(dir)) {
      assertThat(meanRecall(db.collection("docs"), null, 10, 30)).isGreaterThanOrEqualTo(0.95);
    }
  }

  private double meanRecall(Collection c, Predicate filter, int k, int queries) {
    double sum = 0;
    for (int q = 0; q < queries; q++) {
      SearchRequest request = SearchRequest.nearest("emb", randomVector(), k).withFilter(filter);
      List<SearchHit> exact = c.search(request.withExact(true));
      List<SearchHit> approx = c.search(request);
      assertThat(approx).as("rows returned").hasSize(exact.size());
      Set<Object> truth = keys(exact);
      sum += exact.isEmpty() ? 1 : approx.stream().filter(h -> truth.contains(h.key())).count() / (double) exact.size();
    }
    return sum / queries;
  }

  private static Set<Object> keys(List<SearchHit> hits) {
    Set<Object> keys = new HashSet<>();
    hits.forEach(h -> keys.add(h.key()));
    return keys;
  }

  private static List<Object> keyList(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::key).toList();
  }

  private List<Map<String, Object>> rows(int from, int n) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      rows.add(Map.of("id", (long) i, "bucket", "b" + random.nextInt(100), "emb", randomVector()));
    }
    return rows;
  }

  /** Clustered data (like real embeddings), so thresholds select neighbourhoods, not noise. */
  private float[] randomVector() {
    float[] v = new float[DIM];
    int cluster = random.nextInt(20);
    for (int d = 0; d < DIM; d++) {
      v[d] = (float) (random.nextGaussian() * 0.35 + ((cluster * 7 + d) % 5 == 0 ? 1 : 0));
    }
    return v;
  }

  private List<Path> graphFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("indexes"))) {
      return files.filter(p -> p.toString().endsWith(".hnsw")).toList();
    }
  }
}
