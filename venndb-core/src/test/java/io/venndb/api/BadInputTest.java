package io.venndb.api;

import static io.venndb.testing.TestSchemas.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.venndb.catalog.Limits;
import io.venndb.datasets.DebianPackages;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.query.Predicate;
import io.venndb.query.Query;
import io.venndb.query.Ranking;
import io.venndb.query.SearchRequest;
import io.venndb.testing.TestSchemas;
import io.venndb.testing.TestSeed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input fails with a code naming the problem, and the database is unchanged. */
@ExtendWith(TestSeed.class)
class BadInputTest {
  @TempDir Path dir;
  VennDB db;
  Collection c;

  @BeforeEach
  void open() {
    db = VennDB.open(dir);
    c = db.createCollection(TestSchemas.everyType("docs"));
    c.insertAll(List.of(row("a", "x", 1, 1, 0, 0, 0), row("b", "y", 2, 0, 1, 0, 0)));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void rejectedAndUnchanged(ErrorCode code, String messagePart, Consumer<Map<String, Object>> change) {
    Map<String, Object> bad = row("c", "z", 3, 0, 0, 1, 0);
    change.accept(bad);
    List<Map<String, Object>> batch = List.of(row("d", "z", 4, 0, 0, 0, 1), bad);
    assertThatThrownBy(() -> c.insertAll(batch))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo(code))
        .hasMessageContaining(messagePart);
    assertUnchanged();
  }

  private void assertUnchanged() {
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.get("d")).isEmpty();
    assertThat(c.get("c")).isEmpty();
    assertThat(c.get("a")).isPresent();
    assertThat(c.count(Predicate.eq("kind", "z"))).isZero();
  }

  @Test
  void wrongDimension() {
    rejectedAndUnchanged(ErrorCode.DIMENSION_MISMATCH, "dimension 3, expected 4", r -> r.put("emb", new float[] {1, 2, 3}));
  }

  @Test
  void nanAndInfinityInVectors() {
    rejectedAndUnchanged(ErrorCode.INVALID_VECTOR, "NaN at position 2", r -> r.put("emb", new float[] {1, 0, Float.NaN, 0}));
    rejectedAndUnchanged(ErrorCode.INVALID_VECTOR, "Infinity", r -> r.put("emb", new float[] {Float.POSITIVE_INFINITY, 0, 0, 0}));
  }

  @Test
  void zeroVectorUnderCosine() {
    rejectedAndUnchanged(ErrorCode.INVALID_VECTOR, "all zeros", r -> r.put("emb", new float[4]));
  }

  @Test
  void unknownColumn() {
    rejectedAndUnchanged(ErrorCode.UNKNOWN_NAME, "unknown column 'colour'", r -> r.put("colour", "red"));
  }

  @Test
  void typeMismatch() {
    rejectedAndUnchanged(ErrorCode.TYPE_MISMATCH, "column 'size' expects LONG, got String '12'", r -> r.put("size", "12"));
    rejectedAndUnchanged(ErrorCode.TYPE_MISMATCH, "column 'labels'", r -> r.put("labels", "not-a-list"));
    rejectedAndUnchanged(ErrorCode.INVALID_ARGUMENT, "must be finite", r -> r.put("score", Double.NaN));
  }

  @Test
  void duplicateKeyOnInsert() {
    rejectedAndUnchanged(ErrorCode.ALREADY_EXISTS, "duplicate primary key 'a'", r -> r.put("id", "a"));
    List<Map<String, Object>> twice = List.of(row("e", "z", 5, 1, 1, 0, 0), row("e", "z", 6, 1, 1, 0, 0));
    assertThatThrownBy(() -> c.insertAll(twice)).hasMessageContaining("duplicate primary key 'e'");
    assertUnchanged();
  }

  @Test
  void oversizedValues() {
    String huge = "x".repeat(Limits.MAX_TEXT_BYTES + 1);
    rejectedAndUnchanged(ErrorCode.TOO_LARGE, "exceeds the limit", r -> r.put("body", huge));
    rejectedAndUnchanged(ErrorCode.TOO_LARGE, "exceeds the limit", r -> r.put("kind", "k".repeat(Limits.MAX_KEYWORD_BYTES + 1)));
    rejectedAndUnchanged(ErrorCode.TOO_LARGE, "primary key", r -> r.put("id", "k".repeat(2000)));
  }

  @Test
  void missingKey() {
    rejectedAndUnchanged(ErrorCode.INVALID_ARGUMENT, "primary key 'id' is missing", r -> r.remove("id"));
  }

  @Test
  void oversizedBatch() {
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Object> template = new HashMap<>(row("t", "z", 1, 1, 0, 0, 0));
    for (int i = 0; i <= Limits.MAX_BATCH_ROWS; i++) {
      rows.add(template);
    }
    assertThatThrownBy(() -> c.upsertAll(rows)).hasMessageContaining("batch of 100001 writes exceeds");
    assertUnchanged();
  }

  @Test
  void badQueries() {
    float[] q = {1, 0, 0, 0};
    assertCode(() -> c.search(SearchRequest.nearest("emb", new float[] {1, 0}, 5)), ErrorCode.DIMENSION_MISMATCH);
    assertCode(() -> c.search(SearchRequest.nearest("emb", new float[] {Float.NaN, 0, 0, 0}, 5)), ErrorCode.INVALID_VECTOR);
    assertCode(() -> c.search(SearchRequest.nearest("nope", q, 5)), ErrorCode.UNKNOWN_NAME);
    assertCode(() -> c.search(SearchRequest.nearest("kind", q, 5)), ErrorCode.TYPE_MISMATCH);
    assertCode(() -> c.search(SearchRequest.nearest("emb", q, 0)), ErrorCode.INVALID_ARGUMENT);
    assertCode(() -> c.search(SearchRequest.nearest("emb", q, 1_000_000)), ErrorCode.TOO_LARGE);
    assertCode(() -> c.search(SearchRequest.nearest("emb", q, 5).withMinSimilarity(1.5f)), ErrorCode.INVALID_ARGUMENT);
    assertCode(() -> c.search(SearchRequest.nearest("emb", q, 5).withFilter(Predicate.eq("size", "big"))), ErrorCode.TYPE_MISMATCH);
    assertCode(() -> c.search(SearchRequest.nearest("emb", q, 5).withFilter(Predicate.eq("colour", 1))), ErrorCode.UNKNOWN_NAME);
    assertCode(() -> c.count(Predicate.eq("labels", "x")), ErrorCode.TYPE_MISMATCH);
    assertCode(() -> c.count(Predicate.containsTag("kind", "x")), ErrorCode.TYPE_MISMATCH);
    assertCode(() -> c.count(Predicate.eq("size", 2.5)), ErrorCode.TYPE_MISMATCH);
    assertUnchanged();
  }

  /** Query-engine input: each error names the offending part, and nothing runs. */
  @Test
  void badVectorConditionsAndRankings() {
    float[] q = {1, 0, 0, 0};
    assertRejected(() -> c.count(Predicate.similarityAbove("emb", new float[] {1, 0}, 0.5f)),
        ErrorCode.DIMENSION_MISMATCH, "'emb' has dimension 2, expected 4");
    assertRejected(() -> c.count(Predicate.similarityAbove("emb", new float[] {1, Float.NaN, 0, 0}, 0.5f)),
        ErrorCode.INVALID_VECTOR, "NaN at position 1");
    assertRejected(() -> c.count(Predicate.not(Predicate.similarityAbove("emb", q, 1.5f))),
        ErrorCode.INVALID_ARGUMENT, "similarity threshold 1.5 on 'emb' is outside the cosine range");
    assertRejected(() -> c.count(Predicate.distanceBelow("emb", q, Float.NaN)),
        ErrorCode.INVALID_ARGUMENT, "distance threshold NaN");
    assertRejected(() -> c.count(Predicate.distanceBelow("emb", q, -1f)),
        ErrorCode.INVALID_ARGUMENT, "distance threshold -1.0");
    assertRejected(() -> c.count(Predicate.similarityAbove("kind", q, 0.5f)),
        ErrorCode.TYPE_MISMATCH, "'kind' is KEYWORD, not a vector column");
    assertRejected(() -> c.count(Predicate.eq("emb", 1)), ErrorCode.TYPE_MISMATCH, "'emb' is a vector");
    assertRejected(() -> new Predicate.VectorCompare("emb", q, Predicate.Measure.SIMILARITY, Predicate.Op.EQ, 0.5f),
        ErrorCode.INVALID_ARGUMENT, "use <, <=, > or >=");
    assertRejected(() -> c.query(Query.all().rankedBy(Ranking.nearestTo("kind", q))),
        ErrorCode.TYPE_MISMATCH, "'kind' is KEYWORD, not a vector column");
    assertRejected(() -> c.query(Query.all().rankedBy(Ranking.ascending("emb"))),
        ErrorCode.TYPE_MISMATCH, "cannot order by column 'emb'");
    assertRejected(() -> c.query(Query.all().rankedBy(Ranking.descending("labels"))),
        ErrorCode.TYPE_MISMATCH, "cannot order by column 'labels'");
    assertRejected(() -> c.query(Query.all().rankedBy(Ranking.ascending("colour"))), ErrorCode.UNKNOWN_NAME, "colour");
    assertRejected(() -> c.query(Query.all().withOffset(-1)), ErrorCode.INVALID_ARGUMENT, "offset -1");
    assertRejected(() -> c.query(Query.all().withLimit(10).withOffset(Query.MAX_WINDOW)), ErrorCode.TOO_LARGE,
        "offset " + Query.MAX_WINDOW);
    assertRejected(() -> c.query(Query.all().withColumns(List.of("kind", "colour"))), ErrorCode.UNKNOWN_NAME, "colour");
    assertRejected(() -> c.query(Query.all().rankedBy(Ranking.weightedSum(Ranking.term("emb", q, 0f)))),
        ErrorCode.INVALID_ARGUMENT, "weight 0.0 of the term on 'emb'");
    assertRejected(() -> c.query(Query.all().rankedBy(Ranking.weightedSum())), ErrorCode.INVALID_ARGUMENT,
        "at least one term");
    assertRejected(() -> c.query(Query.all().rankedBy(Ranking.weightedSum(Ranking.term("emb", new float[3], 1f)))),
        ErrorCode.DIMENSION_MISMATCH, "dimension 3, expected 4");
    assertRejected(() -> c.query(Query.all().rankedBy(Ranking.recommend("emb", List.of(), List.of(q),
        Ranking.SoftNegatives.BEST_SCORE))), ErrorCode.INVALID_ARGUMENT, "at least one positive example");
    List<float[]> at120Degrees = List.of(new float[] {0.5f, 0.8660254f, 0, 0}, new float[] {0.5f, -0.8660254f, 0, 0});
    assertRejected(() -> c.query(Query.all().rankedBy(Ranking.recommend("emb", at120Degrees, List.of(q),
        Ranking.SoftNegatives.AVERAGE_VECTOR))), ErrorCode.INVALID_VECTOR, "cancel out");
    Predicate deep = Predicate.eq("kind", "x");
    for (int i = 0; i < 80; i++) {
      deep = Predicate.not(deep);
    }
    Predicate tooDeep = deep;
    assertRejected(() -> c.count(tooDeep), ErrorCode.TOO_LARGE, "deeper than");
    assertUnchanged();
  }

  private static void assertRejected(Runnable r, ErrorCode code, String messagePart) {
    assertThatThrownBy(r::run).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(messagePart)
        .satisfies(e -> assertThat(((InvalidInputException) e).code()).as(e.getMessage()).isEqualTo(code));
  }

  @Test
  void malformedImportLineNamesTheLine() {
    String jsonl = "{\"package\": \"ok\", \"tags\": []}\n{\"package\": \"bad\", \"installed_size_kb\": \"big\"}\n";
    assertThatThrownBy(() -> DebianPackages.read(
            new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), "test.jsonl"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("MALFORMED_INPUT")
        .hasMessageContaining("test.jsonl line 2")
        .hasMessageContaining("installed_size_kb");
    assertThatThrownBy(() -> DebianPackages.read(
            new ByteArrayInputStream("{\"package\": \"ok\"}\n{not json\n".getBytes(StandardCharsets.UTF_8)), "x.jsonl"))
        .hasMessageContaining("x.jsonl line 2: not valid JSON");
  }

  @Test
  void unknownCollectionAndDuplicateCollection() {
    assertCode(() -> db.collection("nope"), ErrorCode.UNKNOWN_NAME);
    assertCode(() -> db.createCollection(TestSchemas.everyType("docs")), ErrorCode.ALREADY_EXISTS);
    assertUnchanged();
  }

  private static void assertCode(Runnable r, ErrorCode code) {
    assertThatThrownBy(r::run).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).code()).as(e.getMessage()).isEqualTo(code));
  }
}
