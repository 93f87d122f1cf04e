package io.venndb.testing;

import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.vector.Metric;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small schemas and rows shared by the storage and query tests. */
public final class TestSchemas {
  private TestSchemas() {}

  /** One column of every type: key id, kind (keyword), labels (tags), size (long), score (double),
   *  flag (boolean), at (timestamp), body (text), emb (VECTOR(4), cosine). */
  public static CollectionSchema everyType(String name) {
    return SchemaBuilder.collection(name).stringKey("id")
        .keyword("kind").tags("labels").longColumn("size").doubleColumn("score")
        .booleanColumn("flag").timestamp("at").text("body")
        .vector("emb", 4, Metric.COSINE).build();
  }

  public static Map<String, Object> row(String id, String kind, long size, float... emb) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("kind", kind);
    row.put("labels", List.of("l-" + kind));
    row.put("size", size);
    row.put("score", size / 10.0);
    row.put("flag", size % 2 == 0);
    row.put("at", size * 1_000_000L);
    row.put("body", "row " + id);
    row.put("emb", emb);
    return row;
  }
}
