package io.venndb.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.venndb.catalog.CollectionSchema;
import io.venndb.catalog.SchemaBuilder;
import io.venndb.catalog.VectorIndexSpec;
import io.venndb.error.ErrorCode;
import io.venndb.error.InvalidInputException;
import io.venndb.error.StorageException;
import io.venndb.vector.Metric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The Debian 12 package catalog (63,666 rows) shipped inside the jar, so the demo and the tests
 * work in a clone without any external data. One JSON object per line; see datasets/README.md.
 */
public final class DebianPackages {
  /** Classpath location of the bundled copy. */
  public static final String RESOURCE = "/datasets/debian-packages.jsonl.gz";
  public static final String EMBEDDING = "embedding";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DebianPackages() {}

  /** The catalog's columns with the description embedding indexed by HNSW (default parameters). */
  public static CollectionSchema schema(String name, int dimension) {
    return SchemaBuilder.collection(name).stringKey("package")
        .text("version").keyword("section").keyword("priority").keyword("architecture")
        .longColumn("installed_size_kb").longColumn("download_size").keyword("maintainer")
        .tags("tags").text("description")
        .vector(EMBEDDING, dimension, Metric.COSINE, VectorIndexSpec.hnsw()).build();
  }

  /** Every row of the bundled catalog, without embeddings, in file order. */
  public static List<Map<String, Object>> readBundled() {
    try (InputStream in = DebianPackages.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new StorageException("the bundled dataset " + RESOURCE + " is missing from the classpath", null);
      }
      return read(new GZIPInputStream(in), RESOURCE);
    } catch (IOException e) {
      throw new StorageException("cannot read " + RESOURCE, e);
    }
  }

  /** Parses JSON lines; a malformed line fails the whole read, naming the source and line number. */
  public static List<Map<String, Object>> read(InputStream in, String source) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (!line.isBlank()) {
        rows.add(parseLine(line, source, lineNumber));
      }
    }
    return rows;
  }

  static Map<String, Object> parseLine(String line, String source, int lineNumber) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw malformed(source, lineNumber, "not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw malformed(source, lineNumber, "expected a JSON object");
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("package", requiredText(node, "package", source, lineNumber));
    for (String field : List.of("version", "section", "priority", "architecture", "maintainer", "description")) {
      row.put(field, node.hasNonNull(field) ? node.get(field).asText() : null);
    }
    for (String field : List.of("installed_size_kb", "download_size")) {
      row.put(field, optionalLong(node, field, source, lineNumber));
    }
    row.put("tags", tags(node, source, lineNumber));
    return row;
  }

  private static String requiredText(JsonNode node, String field, String source, int line) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw malformed(source, line, "field '" + field + "' is missing or not a non-empty string");
    }
    return v.asText();
  }

  private static Long optionalLong(JsonNode node, String field, String source, int line) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw malformed(source, line, "field '" + field + "' is not an integer: " + v);
    }
    return v.asLong();
  }

  private static List<String> tags(JsonNode node, String source, int line) {
    JsonNode v = node.get("tags");
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw malformed(source, line, "field 'tags' is not an array");
    }
    List<String> tags = new ArrayList<>(v.size());
    v.forEach(t -> tags.add(t.asText()));
    return tags;
  }

  private static InvalidInputException malformed(String source, int line, String problem) {
    return new InvalidInputException(ErrorCode.MALFORMED_INPUT, source + " line " + line + ": " + problem);
  }
}
