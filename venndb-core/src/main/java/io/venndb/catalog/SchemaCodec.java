package io.venndb.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.venndb.error.CorruptionException;
import io.venndb.vector.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Schemas are stored as JSON so the catalog stays readable with any RocksDB tool. The record
 * carries a format version; an unknown version or malformed JSON is a corruption, not a guess.
 */
public final class SchemaCodec {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemaCodec() {}

  public static byte[] encode(int collectionId, CollectionSchema schema) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT_VERSION);
    root.put("id", collectionId);
    root.put("name", schema.name());
    root.put("primaryKey", schema.primaryKey());
    root.put("keyType", schema.keyType().name());
    ArrayNode cols = root.putArray("columns");
    for (ColumnDef c : schema.columns()) {
      ObjectNode col = cols.addObject();
      col.put("name", c.name());
      col.put("type", c.type().name());
      col.put("index", c.index().name());
      if (c.isVector()) {
        col.put("dimension", c.dimension());
        col.put("metric", c.metric().name());
        if (c.vectorIndex() != null) {
          ObjectNode hnsw = col.putObject("hnsw");
          hnsw.put("m", c.vectorIndex().m());
          hnsw.put("efConstruction", c.vectorIndex().efConstruction());
          hnsw.put("efSearch", c.vectorIndex().efSearch());
        }
      }
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A stored catalog record: the collection id and its schema. */
  public record Entry(int id, CollectionSchema schema) {}

  public static Entry decode(String resource, byte[] bytes) {
    try {
      JsonNode root = JSON.readTree(bytes);
      int format = root.path("format").asInt(-1);
      if (format != FORMAT_VERSION) {
        throw new CorruptionException(resource, "unsupported catalog format " + format, null);
      }
      List<ColumnDef> columns = new ArrayList<>();
      for (JsonNode col : root.withArray("columns")) {
        columns.add(decodeColumn(col));
      }
      CollectionSchema schema = new CollectionSchema(root.get("name").asText(),
          root.get("primaryKey").asText(), KeyType.valueOf(root.get("keyType").asText()), columns);
      return new Entry(root.get("id").asInt(), schema);
    } catch (IOException | RuntimeException e) {
      if (e instanceof CorruptionException c) {
        throw c;
      }
      throw new CorruptionException(resource, "unreadable catalog record: " + e.getMessage(), e);
    }
  }

  private static ColumnDef decodeColumn(JsonNode col) {
    ColumnType type = ColumnType.valueOf(col.get("type").asText());
    if (type == ColumnType.VECTOR) {
      JsonNode hnsw = col.get("hnsw");
      VectorIndexSpec index = hnsw == null ? null : new VectorIndexSpec(hnsw.get("m").asInt(),
          hnsw.get("efConstruction").asInt(), hnsw.get("efSearch").asInt());
      return ColumnDef.vector(col.get("name").asText(), col.get("dimension").asInt(),
          Metric.valueOf(col.get("metric").asText()), index);
    }
    return ColumnDef.scalar(col.get("name").asText(), type, IndexKind.valueOf(col.get("index").asText()));
  }
}
