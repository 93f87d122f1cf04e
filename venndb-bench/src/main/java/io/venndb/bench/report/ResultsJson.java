package io.venndb.bench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes {@link BenchResults} as JSON; unknown fields are an error on read. */
public final class ResultsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ResultsJson() {}

  public static void write(BenchResults results, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), results);
  }

  public static String toJson(BenchResults results) throws IOException {
    return MAPPER.writeValueAsString(results);
  }

  public static BenchResults read(Path file) throws IOException {
    BenchResults r = MAPPER.readValue(file.toFile(), BenchResults.class);
    check(r, file.toString());
    return r;
  }

  public static BenchResults fromJson(String json) throws IOException {
    BenchResults r = MAPPER.readValue(json, BenchResults.class);
    check(r, "JSON text");
    return r;
  }

  private static void check(BenchResults r, String source) throws IOException {
    if (!BenchResults.SCHEMA.equals(r.schema()) || r.schemaVersion() != BenchResults.VERSION) {
      throw new IOException(source + " is " + r.schema() + " v" + r.schemaVersion() + ", expected "
          + BenchResults.SCHEMA + " v" + BenchResults.VERSION);
    }
  }
}
